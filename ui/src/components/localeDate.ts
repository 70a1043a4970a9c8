import type { Language } from "../ipc";

/**
 * How each app language writes a calendar date in a date field. German, French and Italian use
 * their day-first national forms (31.12.2026, 31/12/2026). English uses ISO 8601 (2026-12-31):
 * the app's English is read by admins in many countries, where 12/31 (US) and 31/12 (UK) read
 * differently, while year-month-day has one reading and is how the app already prints dates
 * ("2026-12-31 08:00" in the preview and the drill-down).
 */
const PATTERNS: Record<Language, { order: "ymd" | "dmy"; separator: string }> = {
  en: { order: "ymd", separator: "-" },
  de: { order: "dmy", separator: "." },
  fr: { order: "dmy", separator: "/" },
  it: { order: "dmy", separator: "/" },
};

export type ParsedDate = { ok: true; iso: string } | { ok: false; reason: "format" | "noSuchDate" };

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function patternOf(language: string) {
  return PATTERNS[language as Language] ?? PATTERNS.en;
}

/** "2026-12-31" as the language writes it ("31.12.2026" in German); "" for "" or a malformed value. */
export function formatDateIn(iso: string, language: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return "";
  const [, y, mo, d] = m;
  const { order, separator } = patternOf(language);
  return order === "ymd" ? [y, mo, d].join(separator) : [d, mo, y].join(separator);
}

/**
 * The ISO date ("2026-12-31") that `text` names in the language's format; day and month may
 * have one digit ("1.9.2026"). Refuses another format ("format") and a day the calendar does not
 * have, such as 31.02.2026 ("noSuchDate").
 */
export function parseDateIn(text: string, language: string): ParsedDate {
  const { order, separator } = patternOf(language);
  const sep = separator.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  const re =
    order === "ymd"
      ? new RegExp(`^(\\d{4})${sep}(\\d{1,2})${sep}(\\d{1,2})$`)
      : new RegExp(`^(\\d{1,2})${sep}(\\d{1,2})${sep}(\\d{4})$`);
  const m = re.exec(text.trim());
  if (!m) return { ok: false, reason: "format" };
  const [year, month, day] = (order === "ymd" ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]]).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, reason: "noSuchDate" };
  }
  return { ok: true, iso: `${pad(year, 4)}-${pad(month)}-${pad(day)}` };
}
