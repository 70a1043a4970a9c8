import { Box, Group, Stack, Text } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatInZone, type GridRow } from "./previewModel";

let loading: Promise<typeof uPlot> | null = null;

/**
 * uPlot, loaded on first use. Its module creates `Intl.NumberFormat(navigator.language)` when it
 * is evaluated, which throws a RangeError where the system language is not a valid tag (LANG=C
 * gives "C"); such a language is replaced by "en-US" first, so the app still starts and draws.
 */
function loadUplot(): Promise<typeof uPlot> {
  if (!loading) {
    try {
      new Intl.NumberFormat(navigator.language);
    } catch {
      Object.defineProperty(navigator, "language", { value: "en-US", configurable: true });
    }
    loading = import("uplot").then((m) => m.default);
  }
  return loading;
}

// Colour is never the only cue (F17): every series also has a dash pattern of its own, which
// the legend below the chart draws beside the queue's name.
const COLORS = ["#1864ab", "#c92a2a", "#2b8a3e", "#e67700", "#5f3dc4", "#0b7285", "#862e9c", "#495057"];
const DASHES: number[][] = [[], [10, 4], [2, 3], [10, 3, 2, 3], [18, 5], [5, 5], [10, 3, 2, 3, 2, 3], [1, 7]];

/**
 * Colour and dash pattern of series `index`: the dash moves on by one each time the colours come
 * round again, so the first 64 series differ in colour or dash, and the first 8 in both.
 */
export function seriesStyle(index: number): { stroke: string; dash: number[] } {
  const colour = index % COLORS.length;
  const round = Math.floor(index / COLORS.length);
  return { stroke: COLORS[colour], dash: DASHES[(colour + round) % DASHES.length] };
}

type Labels = { start: string; contacts: string };

function toData(rows: GridRow[], series: number): uPlot.AlignedData {
  const data: (number | null)[][] = [rows.map((r) => r.start / 1000)];
  for (let i = 0; i < series; i++) data.push(rows.map((r) => r.cells[i]?.count ?? null));
  return data as uPlot.AlignedData;
}

/**
 * Times each redraw: from `begin()` (before creation or setData) until uPlot has drawn (its draw
 * hook, which runs in the microtask after), written in ms to the container's data-redraw-ms
 * for the end-to-end tests.
 */
function redrawTimer(el: HTMLElement) {
  let started: number | null = null;
  return {
    begin: () => {
      started = performance.now();
    },
    drawn: () => {
      if (started === null) return;
      el.dataset.redrawMs = (Math.round((performance.now() - started) * 10) / 10).toFixed(1);
      started = null;
    },
  };
}

function draw(
  UPlot: typeof uPlot,
  el: HTMLDivElement,
  rows: GridRow[],
  queues: string[],
  timeZone: string,
  labels: Labels,
  onDrawn: () => void,
) {
  return new UPlot(
    {
      width: Math.max(320, el.clientWidth),
      height: 280,
      tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), timeZone),
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      series: [
        { label: labels.start, value: (_u, v) => (v == null ? "--" : formatInZone(v * 1000, timeZone)) },
        ...queues.map((name, i) => ({
          label: name,
          ...seriesStyle(i),
          width: 2,
          spanGaps: false,
          points: { show: rows.length <= 100 },
        })),
      ],
      // 24-hour "MM-DD HH:mm" in the report's zone, the same in every language.
      axes: [
        { values: (_u, splits) => splits.map((s) => formatInZone(s * 1000, timeZone).slice(5)), space: 80 },
        // Counts are whole numbers: no 0.5 ticks.
        { label: labels.contacts, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] },
      ],
      // The legend is ours (SeriesLegend): uPlot's marks series by colour only.
      legend: { show: false },
      hooks: { draw: [onDrawn] },
    },
    toData(rows, queues.length),
    el,
  );
}

/**
 * Contacts per interval of the selected queues (uPlot, canvas); "no data" intervals are gaps and
 * lower bounds are drawn as their count. New counts of the same queues update the plot in place.
 */
export function IntervalChart({
  rows,
  queues,
  timeZone,
  describedBy,
}: {
  rows: GridRow[];
  queues: string[];
  timeZone: string;
  /** The id of what describes the chart in words: the table of the same counts. */
  describedBy?: string;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<{ chart: uPlot; timer: ReturnType<typeof redrawTimer> } | null>(null);
  const latestRows = useRef(rows);
  // By value: a new array of the same queues (every report refresh) keeps the plot.
  const series = JSON.stringify(queues);
  const points = rows.length <= 100;

  // The plot itself, made again when its series, zone, language or point style change.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const names = JSON.parse(series) as string[];
    let live = true;
    const resize = new ResizeObserver(() => plot.current?.chart.setSize({ width: Math.max(320, el.clientWidth), height: 280 }));
    void loadUplot().then((UPlot) => {
      if (!live) return;
      const timer = redrawTimer(el);
      timer.begin();
      const labels = { start: t("data.preview.start"), contacts: t("data.preview.contacts") };
      plot.current = { chart: draw(UPlot, el, latestRows.current, names, timeZone, labels, timer.drawn), timer };
      resize.observe(el);
    });
    return () => {
      live = false;
      resize.disconnect();
      plot.current?.chart.destroy();
      plot.current = null;
    };
  }, [series, timeZone, t, points]);

  // New counts: the same plot, new data.
  useEffect(() => {
    latestRows.current = rows;
    const current = plot.current;
    if (!current) return;
    current.timer.begin();
    current.chart.setData(toData(rows, current.chart.series.length - 1));
  }, [rows]);

  return (
    <Stack gap="xs">
      <Box
        ref={box}
        role="img"
        aria-label={t("data.preview.chartLabel", { queues: queues.join(", "), zone: timeZone })}
        aria-describedby={describedBy}
        data-testid="interval-chart"
      />
      <SeriesLegend queues={queues} />
    </Stack>
  );
}

/** Each queue's line as drawn (colour and dash pattern) beside its name. */
function SeriesLegend({ queues }: { queues: string[] }) {
  const { t } = useTranslation();
  return (
    <Group component="ul" gap="md" p={0} m={0} style={{ listStyle: "none" }} aria-label={t("data.preview.legend")} data-testid="chart-legend">
      {queues.map((queue, i) => {
        const { stroke, dash } = seriesStyle(i);
        return (
          <Group component="li" key={queue} gap={6} wrap="nowrap" data-testid="legend-item">
            <svg width="36" height="10" aria-hidden="true" focusable="false">
              <line x1="0" y1="5" x2="36" y2="5" stroke={stroke} strokeWidth="2" strokeDasharray={dash.join(" ") || undefined} />
            </svg>
            <Text size="sm" translate="no">
              {queue}
            </Text>
          </Group>
        );
      })}
    </Group>
  );
}
