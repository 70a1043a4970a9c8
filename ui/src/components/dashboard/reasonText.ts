import type { TFunction } from "i18next";

/**
 * A status reason's words in the UI language: `status.reasons.<code>` and
 * `status.reasons.<code>_fix`; a code the UI has no words for yet shows the core's English text
 * instead of a raw key.
 */
export function reasonText(t: TFunction, code: string, part: "message" | "fix", coreText: string): string {
  // The key is built at run time, so it is outside the typed key set.
  const key = (part === "message" ? `status.reasons.${code}` : `status.reasons.${code}_fix`) as never;
  return String(t(key, { defaultValue: coreText }));
}

/** A status note (an unverifiable check) in the UI language: the check's own reason text. */
export function noteText(t: TFunction, code: string, coreText: string): string {
  return String(t(`checks.codes.${code}.reason` as never, { defaultValue: coreText }));
}
