import type { PreviewReport } from "../../ipc";

/** A count, and whether its interval is fully imported; when not, the count is a lower bound. */
export type Cell = { count: number; complete: boolean };

/** One row of the interval grid: its start (ms since epoch) and, per queue, a cell or null ("no data"). */
export type GridRow = { start: number; cells: (Cell | null)[] };

export type Interval = 15 | 30 | 60;
export type RangeKind = "today" | "week" | "custom";

type Span = [number, number];

/** The report's coverage as sorted, merged [from, to) spans in ms. */
function coverageSpans(report: PreviewReport): Span[] {
  const spans = report.coverage
    .map((c): Span => [Date.parse(c.from), Date.parse(c.to)])
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  const merged: Span[] = [];
  for (const [a, b] of spans) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** How much of [start, end) was imported: all of it, some of it, or none. */
function coverageOf(spans: Span[], start: number, end: number): "full" | "partial" | "none" {
  let some = false;
  for (const [a, b] of spans) {
    if (a <= start && end <= b) return "full";
    if (a < end && start < b) some = true;
  }
  return some ? "partial" : "none";
}

/**
 * Every interval of the report's range for `queues`: inside the coverage a missing count is 0;
 * an interval only partly covered, or not covered but with a count (an import is writing it),
 * has a lower bound; one not covered and without a count is "no data" (null).
 */
export function buildGrid(report: PreviewReport, queues: string[]): GridRow[] {
  const step = report.interval_minutes * 60_000;
  const from = Date.parse(report.from);
  const to = Date.parse(report.to);
  if (!(step > 0) || Number.isNaN(from) || Number.isNaN(to)) return [];
  const spans = coverageSpans(report);
  let anchor = Infinity;
  const byQueue = queues.map((name) => {
    const counts = new Map<number, number>();
    for (const i of report.queues.find((q) => q.name === name)?.intervals ?? []) {
      const start = Date.parse(i.start);
      counts.set(start, i.count);
      anchor = Math.min(anchor, start);
    }
    return counts;
  });
  // Align the grid to the queues' own interval starts (aligned in the report's zone), else to `from`.
  if (anchor === Infinity) anchor = from;
  let start = anchor - Math.ceil((anchor - from) / step) * step;
  if (start < from) start += step;
  const rows: GridRow[] = [];
  for (; start < to && rows.length < 20_000; start += step) {
    const covered = coverageOf(spans, start, start + step);
    rows.push({
      start,
      cells: byQueue.map((counts) => {
        const count = counts.get(start);
        if (covered === "full") return { count: count ?? 0, complete: true };
        if (count !== undefined || covered === "partial") return { count: count ?? 0, complete: false };
        return null;
      }),
    });
  }
  return rows;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "2026-11-30 14:15" in `timeZone` (24 h, sortable, the same in every language). */
export function formatInZone(ms: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The zone's offset from UTC at `ms`, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const f = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    hourCycle: "h23",
  });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** Midnight of `ymd` (YYYY-MM-DD) in `timeZone`, as ms since epoch; NaN for a bad date. */
export function zonedMidnight(ymd: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return NaN;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

/** Today's date (YYYY-MM-DD) in `timeZone`. */
export function todayIn(timeZone: string, now = Date.now()): string {
  return formatInZone(now, timeZone).slice(0, 10);
}

/** Adds `days` to a YYYY-MM-DD date. */
export function addDays(ymd: string, days: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The range sent to queueReport: RFC 3339 instants, or null for the core's default. */
export function rangeArgs(
  kind: RangeKind,
  timeZone: string,
  custom: { from: string; to: string },
): { from: string | null; to: string | null } {
  if (kind === "week") return { from: null, to: null };
  if (kind === "today") return { from: new Date(zonedMidnight(todayIn(timeZone), timeZone)).toISOString(), to: null };
  const from = zonedMidnight(custom.from, timeZone);
  const to = zonedMidnight(addDays(custom.to, 1), timeZone);
  return {
    from: Number.isNaN(from) ? null : new Date(from).toISOString(),
    to: Number.isNaN(to) ? null : new Date(to).toISOString(),
  };
}

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export const COMMON_ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Lisbon",
  "Europe/Berlin",
  "Europe/Paris",
  "Europe/Rome",
  "Europe/Madrid",
  "Europe/Amsterdam",
  "Europe/Zurich",
  "Europe/Vienna",
  "Europe/Warsaw",
  "Europe/Helsinki",
  "Europe/Athens",
  "Europe/Istanbul",
  "Europe/Moscow",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Shanghai",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Pacific/Auckland",
  "America/Sao_Paulo",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
];
