import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { IntegrationStatus, StatusState } from "../ipc";

// White bold badge text needs 4.5:1 (it is small): Mantine's green 8 (3.4:1) and orange 9 (4.3:1)
// fall short, so those two are darker tones of the same hue (5.3:1 and 5.7:1); the others are
// 5.0:1 or more. The icon and the word carry the meaning; the colour only repeats it.
export const STATUS_LOOK: Record<StatusState, { color: string; icon: string }> = {
  new: { color: "indigo.8", icon: "+" },
  importing: { color: "blue.8", icon: "↓" },
  operational: { color: "#2b7a3b", icon: "✓" },
  paused: { color: "gray.8", icon: "‖" },
  needs_attention: { color: "#b93b0b", icon: "!" },
  failing: { color: "red.9", icon: "✕" },
};

/**
 * An integration's state in words, with icon and colour as extra cues. Takes the status model's
 * six states; the stored connection status (`IntegrationStatus`, three of them) is a subset.
 */
export function StatusBadge({ status }: { status: StatusState | IntegrationStatus }) {
  const { t } = useTranslation();
  const look = STATUS_LOOK[status];
  return (
    <Badge color={look.color} variant="filled" leftSection={<span aria-hidden>{look.icon}</span>} data-status={status}>
      {t(`statusState.${status}`)}
    </Badge>
  );
}
