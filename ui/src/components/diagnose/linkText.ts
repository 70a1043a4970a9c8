import type { TFunction } from "i18next";
import i18n from "../../i18n";
import type { DiagnoseLink, LinkOutcome } from "../../ipc";
import { formatDateTime } from "../formatDate";

// The core writes times as RFC 3339 UTC; those are shown in the UI language's format.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** One evidence value as a person reads it: times localized, text as is, the rest as JSON. */
export function formatEvidenceValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return RFC3339.test(value) ? formatDateTime(value) : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function placeholders(template: string): string[] {
  return [...template.matchAll(/{{\s*([\w.]+)\s*}}/g)].map((m) => m[1]);
}

/**
 * A link code's message or fix in the UI language (`diagnose.codes.<code>.<part>`), its
 * `{{placeholders}}` filled from the link's evidence. A code the UI has no words for, or a
 * template whose placeholder the evidence lacks, shows the core's English text instead, never a
 * raw key or an empty hole.
 */
export function linkText(
  t: TFunction,
  code: string,
  part: "message" | "fix",
  evidence: Record<string, unknown>,
  coreText: string,
): string {
  const key = `diagnose.codes.${code}.${part}`;
  const template = i18n.getResource(i18n.language, "translation", key) as unknown;
  if (typeof template !== "string") return coreText;
  const names = placeholders(template);
  if (names.some((name) => !(name in evidence))) return coreText;
  const values = Object.fromEntries(names.map((name) => [name, formatEvidenceValue(evidence[name])]));
  // `replace` keeps evidence names (e.g. a future `count`) from acting as i18next options.
  return String(t(key as never, { replace: values }));
}

/** The translated message and (when the link has one) fix of a link. */
export function linkWords(t: TFunction, link: DiagnoseLink): { message: string; fix: string | null } {
  return {
    message: linkText(t, link.code, "message", link.evidence, link.message),
    fix: link.fix === null ? null : linkText(t, link.code, "fix", link.evidence, link.fix),
  };
}

/** A regenerated injixo key: the client app may hold the old one, which the key check tells. */
export function offersKeyCheck(link: { link: string; code: string }): boolean {
  return link.link === "injixo_key" && link.code === "injixo_key_regenerated";
}

/** Outcomes are told by word and icon; the colour only repeats them. */
export const OUTCOME_LOOK: Record<LinkOutcome, { color: string; icon: string }> = {
  passed: { color: "green.8", icon: "✓" },
  failed: { color: "red.8", icon: "✕" },
  warning: { color: "orange.9", icon: "!" },
  skipped: { color: "gray.7", icon: "–" },
};
