import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { IntegrationStatus, StatusState } from "../ipc";

// Filled badges use shade 8 (orange 9): white text stays above 4.5:1. The icon and the word carry
// the meaning; the colour only repeats it.
const LOOK: Record<StatusState, { color: string; icon: string }> = {
  new: { color: "indigo.8", icon: "+" },
  importing: { color: "blue.8", icon: "↓" },
  operational: { color: "green.8", icon: "✓" },
  paused: { color: "gray.8", icon: "‖" },
  needs_attention: { color: "orange.9", icon: "!" },
  failing: { color: "red.8", icon: "✕" },
};

/**
 * An integration's state in words, with icon and colour as extra cues. Takes the status model's
 * six states; the stored connection status (`IntegrationStatus`, three of them) is a subset.
 */
export function StatusBadge({ status }: { status: StatusState | IntegrationStatus }) {
  const { t } = useTranslation();
  const look = LOOK[status];
  return (
    <Badge color={look.color} variant="filled" leftSection={<span aria-hidden>{look.icon}</span>} data-status={status}>
      {t(`statusState.${status}`)}
    </Badge>
  );
}
