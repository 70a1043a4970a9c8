import { Progress, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RateLimitSample } from "../../ipc";
import { formatClock } from "../formatDate";

/** The last rate-limit headers seen: "remaining / total" as text, and the same as a bar. */
export function Headroom({ sample }: { sample: RateLimitSample | null }) {
  const { t } = useTranslation();
  if (!sample) return <Text data-testid="card-headroom">{t("dashboard.notSeen")}</Text>;
  const label = t("dashboard.headroomLabel", { remaining: sample.remaining, total: sample.total });
  const percent = sample.total > 0 ? Math.min(100, (100 * sample.remaining) / sample.total) : 0;
  return (
    <Stack gap={4} data-testid="card-headroom">
      <Text>
        <Text span fw={600}>
          {sample.remaining} / {sample.total}
        </Text>{" "}
        <Text span size="sm" c="dimmed">
          {t("dashboard.headroomAt", { time: formatClock(sample.at) })}
        </Text>
      </Text>
      <Progress value={percent} aria-label={label} title={label} size="md" />
    </Stack>
  );
}
