import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Leads from a regenerated-key finding to the key check below (focuses its input). */
export function KeyCheckButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Group>
      <Button variant="light" size="xs" onClick={onClick}>
        {t("diagnose.keyCheck.title")}
        <span aria-hidden>&nbsp;↓</span>
      </Button>
    </Group>
  );
}
