import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { IntegrationStatus } from "../ipc";

const LOOK: Record<IntegrationStatus, { color: string; icon: string }> = {
  operational: { color: "green.8", icon: "✓" },
  needs_attention: { color: "orange.9", icon: "!" },
  failing: { color: "red.8", icon: "✕" },
};

/** An integration's status in words, with icon and colour as extra cues. */
export function StatusBadge({ status }: { status: IntegrationStatus }) {
  const { t } = useTranslation();
  const look = LOOK[status];
  return (
    <Badge color={look.color} variant="filled" leftSection={<span aria-hidden>{look.icon}</span>} data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}
