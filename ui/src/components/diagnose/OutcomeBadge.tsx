import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { LinkOutcome } from "../../ipc";
import { OUTCOME_LOOK } from "./linkText";

/** A link's outcome: icon and word (the colour only repeats them). */
export function OutcomeBadge({ outcome }: { outcome: LinkOutcome }) {
  const { t } = useTranslation();
  const look = OUTCOME_LOOK[outcome];
  return (
    <Badge color={look.color} variant="filled" fullWidth leftSection={<span aria-hidden>{look.icon}</span>}>
      {t(`diagnose.outcomes.${outcome}`)}
    </Badge>
  );
}
