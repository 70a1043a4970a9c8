import { Group, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CreditsMinute } from "../../ipc";
import { formatClock } from "../formatDate";

const BAR = 4; // width of one minute in the viewBox
const HEIGHT = 48;

// The two series differ by position and pattern, not only by colour: this integration's credits
// are the solid lower part of each bar, the other apps' the hatched upper part.
const OURS_FILL = "var(--mantine-color-blue-8)";
const OTHERS_STROKE = "var(--mantine-color-gray-7)";

export function creditTotals(minutes: CreditsMinute[]) {
  let ours = 0;
  let others = 0;
  let peak = 0;
  for (const m of minutes) {
    ours += m.ours;
    others += m.others;
    peak = Math.max(peak, m.ours + m.others);
  }
  return { ours, others, peak };
}

/** Credits used per minute over the last hour, ours vs others, as a tiny stacked bar chart. */
export function CreditsChart({ minutes }: { minutes: CreditsMinute[] }) {
  const { t } = useTranslation();
  const hatchId = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const totals = creditTotals(minutes);
  const scale = HEIGHT / Math.max(1, totals.peak);
  const summary =
    totals.peak === 0
      ? t("dashboard.creditsNone")
      : t("dashboard.creditsSummary", { ours: totals.ours, others: totals.others, peak: totals.peak });
  const used = minutes.filter((m) => m.ours + m.others > 0);
  return (
    <Stack gap={4} data-testid="card-credits">
      <Title order={3} size="h6">
        {t("dashboard.credits")}
      </Title>
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${Math.max(60, minutes.length) * BAR} ${HEIGHT}`}
        preserveAspectRatio="none"
        width="100%"
        height={HEIGHT}
        style={{ borderBottom: `1px solid ${OTHERS_STROKE}` }}
      >
        <defs>
          <HatchPattern id={hatchId} />
        </defs>
        {minutes.map((m, i) => {
          const ours = m.ours * scale;
          const others = m.others * scale;
          return (
            <g key={m.at}>
              {ours > 0 && <rect x={i * BAR} y={HEIGHT - ours} width={BAR - 1} height={ours} fill={OURS_FILL} />}
              {others > 0 && (
                <rect
                  x={i * BAR}
                  y={HEIGHT - ours - others}
                  width={BAR - 1}
                  height={others}
                  fill={`url(#${hatchId})`}
                  stroke={OTHERS_STROKE}
                  strokeWidth={0.5}
                />
              )}
            </g>
          );
        })}
      </svg>
      <Group gap="md" aria-hidden>
        <Legend swatch={<rect width={12} height={12} fill={OURS_FILL} />} label={t("dashboard.creditsOurs")} />
        <Legend
          swatch={<rect width={12} height={12} fill={`url(#${hatchId})`} stroke={OTHERS_STROKE} />}
          label={t("dashboard.creditsOthers")}
        />
      </Group>
      {used.length > 0 && (
        <VisuallyHidden component="div">
          <Table>
            <caption>{t("dashboard.credits")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.creditsMinute")}</th>
                <th scope="col">{t("dashboard.creditsOurs")}</th>
                <th scope="col">{t("dashboard.creditsOthers")}</th>
              </tr>
            </thead>
            <tbody>
              {used.map((m) => (
                <tr key={m.at}>
                  <th scope="row">{formatClock(m.at)}</th>
                  <td>{m.ours}</td>
                  <td>{m.others}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </VisuallyHidden>
      )}
    </Stack>
  );
}

function HatchPattern({ id }: { id: string }) {
  return (
    <pattern id={id} width={3} height={3} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width={3} height={3} fill="var(--mantine-color-body)" />
      <line x1={0} y1={0} x2={0} y2={3} stroke={OTHERS_STROKE} strokeWidth={1.5} />
    </pattern>
  );
}

function Legend({ swatch, label }: { swatch: ReactNode; label: string }) {
  return (
    <Group gap={4}>
      <svg width={12} height={12} aria-hidden>
        {swatch}
      </svg>
      <Text size="xs">{label}</Text>
    </Group>
  );
}
