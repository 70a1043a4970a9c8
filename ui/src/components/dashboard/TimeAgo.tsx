import { useTranslation } from "react-i18next";
import { formatClock, formatDateTime } from "../formatDate";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "5 minutes ago" in the UI language: the largest whole unit, seconds below one minute. */
export function relativeTime(iso: string, now: Date, language: string): string {
  // A past moment: one a few milliseconds ahead of this clock is "now", never "in 1 second".
  const ms = Math.min(0, new Date(iso).getTime() - now.getTime());
  const format = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(ms) >= size) return format.format(Math.trunc(ms / size), unit);
  }
  return format.format(Math.trunc(ms / 1000), "second");
}

/**
 * A past moment relative to now, with the absolute date and time on hover; "Never" when null.
 * `withClock` puts the clock time first: "14:05 (5 minutes ago)".
 */
export function TimeAgo(props: { iso: string | null; now: Date; testId?: string; withClock?: boolean }) {
  const { iso, testId, withClock } = props;
  // `now` ticks once a minute; a render caused by new data must not measure from an older tick.
  const now = new Date(Math.max(props.now.getTime(), Date.now()));
  const { t, i18n } = useTranslation();
  if (!iso || Number.isNaN(new Date(iso).getTime())) return <span data-testid={testId}>{t("dashboard.never")}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)} data-testid={testId}>
      {withClock
        ? `${formatClock(iso, now)} (${relativeTime(iso, now, i18n.language)})`
        : relativeTime(iso, now, i18n.language)}
    </time>
  );
}
