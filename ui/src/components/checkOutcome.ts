import type { CheckResult } from "../ipc";
import en from "../i18n/locales/en.json";

/** How a check is shown: a failed occasional-agent check and any "could not verify" only warn. */
export type Severity = "passed" | "failed" | "warning";

export function severityOf(check: CheckResult): Severity {
  if (check.outcome === "passed") return "passed";
  if (check.outcome === "unverified" || check.check === "occasional_agent") return "warning";
  return "failed";
}

/** A check result code the UI has words for (en.json is the reference; the other languages match it). */
export type KnownCheckCode = keyof typeof en.checks.codes;

export function isKnownCheckCode(code: string): code is KnownCheckCode {
  return Object.prototype.hasOwnProperty.call(en.checks.codes, code);
}
