import { Alert, Group, Loader, SegmentedControl, Select, Stack, Text, Title } from "@mantine/core";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Integration } from "../../ipc";
import { DrillDownModal, type DrillTarget } from "./DrillDownModal";
import { IntervalChart } from "./IntervalChart";
import { IntervalTable } from "./IntervalTable";
import {
  addDays,
  browserZone,
  buildGrid,
  COMMON_ZONES,
  formatInZone,
  rangeArgs,
  todayIn,
  type Interval,
  type RangeKind,
} from "./previewModel";
import { QueueTable } from "./QueueTable";
import { useQueueReport } from "./useQueueReport";
import { Section } from "../Section";
import { LocaleDateInput } from "../LocaleDateInput";

/** A SegmentedControl with a visible label above it. */
function LabelledSegments({
  label,
  testId,
  value,
  onChange,
  data,
}: {
  label: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  data: { value: string; label: string }[];
}) {
  const labelId = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={labelId}>
        {label}
      </Text>
      <SegmentedControl aria-labelledby={labelId} value={value} onChange={onChange} data={data} data-testid={testId} />
    </Stack>
  );
}

/** The live queue preview: range, interval, zone; the source queues; chart and table; drill-down. */
export function QueuePreview({ integration, live }: { integration: Integration; live: boolean }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<RangeKind>("week");
  const [interval, setIntervalMinutes] = useState<Interval>(60);
  const [zone, setZone] = useState<string | null>(null);
  const [lastZone, setLastZone] = useState<string | null>(null);
  const today = todayIn(zone ?? lastZone ?? browserZone());
  const [custom, setCustom] = useState({ from: addDays(today, -6), to: today });
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const tableCaptionId = useId();

  const effectiveZone = zone ?? lastZone ?? browserZone();
  const { from, to } = rangeArgs(range, effectiveZone, custom);
  const { query: report, report: data, selected, shown, toggle } = useQueueReport(integration.id, { from, to, interval, zone });
  if (data && data.time_zone !== lastZone && zone === null) setLastZone(data.time_zone);
  const shownZone = data?.time_zone ?? effectiveZone;
  const grid = useMemo(() => (data ? buildGrid(data, shown) : []), [data, shown]);
  const zones = useMemo(
    () => [...new Set([shownZone, browserZone(), ...COMMON_ZONES])].map((z) => ({ value: z, label: z })),
    [shownZone],
  );

  return (
    <Section
      title={t("data.preview.title")}
      testId="queue-preview"
      aside={
        live && (
          <Text size="sm" role="status" data-testid="preview-live">
            ● {t("data.preview.live")}
          </Text>
        )
      }
    >
      <Group align="flex-end" wrap="wrap">
        <LabelledSegments
          label={t("data.preview.range")}
          testId="preview-range"
          value={range}
          onChange={(v) => setRange(v as RangeKind)}
          data={[
            { value: "today", label: t("data.preview.today") },
            { value: "week", label: t("data.preview.week") },
            { value: "custom", label: t("data.preview.custom") },
          ]}
        />
        <LabelledSegments
          label={t("data.preview.interval")}
          testId="preview-interval"
          value={String(interval)}
          onChange={(v) => setIntervalMinutes(Number(v) as Interval)}
          data={[15, 30, 60].map((m) => ({ value: String(m), label: t("data.preview.minutes", { count: m }) }))}
        />
        <Select
          id="preview-tz"
          label={t("data.preview.timeZone")}
          searchable
          data={zones}
          value={shownZone}
          onChange={(v) => v && setZone(v)}
          nothingFoundMessage={t("data.preview.noZone")}
          w={240}
          allowDeselect={false}
        />
      </Group>
      {range === "custom" && (
        <Group>
          <LocaleDateInput
            id="preview-from"
            label={t("data.preview.from")}
            value={custom.from}
            onChange={(from) => setCustom({ ...custom, from })}
          />
          <LocaleDateInput
            id="preview-to"
            label={t("data.preview.to")}
            value={custom.to}
            onChange={(to) => setCustom({ ...custom, to })}
          />
        </Group>
      )}
      {report.isError && (
        <Alert color={report.error.code === "not_imported" || zone === null ? "blue" : "red"} role="alert" data-testid="preview-error">
          {report.error.code === "unknown_time_zone" && zone === null
            ? t("data.preview.zoneAfterImport")
            : t(`errors.${report.error.code}`)}
        </Alert>
      )}
      {data && !report.isError && (
        <>
          <Text size="sm" data-testid="preview-range-text">
            {t("data.preview.rangeText", {
              from: formatInZone(Date.parse(data.from), data.time_zone),
              to: formatInZone(Date.parse(data.to), data.time_zone),
              zone: data.time_zone,
            })}
          </Text>
          <QueueTable
            report={data}
            selected={selected}
            onToggle={toggle}
            onDrill={(queue) =>
              setDrill({
                queue,
                from: Date.parse(data.from),
                to: Date.parse(data.to),
                label: `${formatInZone(Date.parse(data.from), data.time_zone)} – ${formatInZone(Date.parse(data.to), data.time_zone)}`,
              })
            }
          />
          {selected.length > 0 ? (
            <>
              <Title order={3} size="h4">
                {t("data.preview.perInterval")}
              </Title>
              {shown.length === 0 ? (
                <Loader size="sm" aria-label={t("app.loading")} />
              ) : (
                <>
                  <IntervalChart rows={grid} queues={shown} timeZone={data.time_zone} describedBy={tableCaptionId} />
                  <IntervalTable
                    rows={grid}
                    queues={shown}
                    timeZone={data.time_zone}
                    captionId={tableCaptionId}
                    onDrill={(queue, start) =>
                      setDrill({
                        queue,
                        from: start,
                        to: start + data.interval_minutes * 60_000,
                        label: formatInZone(start, data.time_zone),
                      })
                    }
                  />
                </>
              )}
            </>
          ) : (
            data.queues.length > 0 && <Text size="sm">{t("data.preview.selectHint")}</Text>
          )}
        </>
      )}
      <DrillDownModal
        integrationId={integration.id}
        product={integration.product}
        target={drill}
        timeZone={shownZone}
        onClose={() => setDrill(null)}
      />
    </Section>
  );
}
