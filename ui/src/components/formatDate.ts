import i18n from "../i18n";

/** A date and time from the core (RFC 3339) in the UI language's format. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** A time from the core (RFC 3339) as "14:05" when it is today, else with its date too. */
export function formatClock(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const today = date.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(i18n.language, {
    ...(today ? {} : { dateStyle: "medium" as const }),
    timeStyle: "short",
    hourCycle: "h23",
  }).format(date);
}
