import { Badge, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** The documents' special queues (Unknown group/source …, Undefined_Queue): marked, with their sentence. */
export function IrrelevantBadge({ testId = "irrelevant-badge" }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color="gray" variant="light" data-testid={testId}>
      {t("explorer.irrelevant.badge")}
    </Badge>
  );
}

export function IrrelevantNote() {
  const { t } = useTranslation();
  return (
    <Group gap="xs" align="center" data-testid="irrelevant-note">
      <IrrelevantBadge />
      <Text size="sm">{t("explorer.irrelevant.sentence")}</Text>
    </Group>
  );
}
