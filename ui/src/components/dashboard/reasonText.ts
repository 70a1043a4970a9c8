import type { TFunction } from "i18next";

/**
 * A reason (or note) code's words in the UI language, from `status.reasons.<code>.<part>`; a code
 * the UI has no words for yet shows the core's English text instead of a raw key.
 */
export function reasonText(t: TFunction, code: string, part: "message" | "fix", coreText: string): string {
  // The key is built at run time, so it is outside the typed key set.
  const key = `status.reasons.${code}.${part}` as never;
  return String(t(key, { defaultValue: coreText }));
}
