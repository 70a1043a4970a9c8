/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { resources } from "../i18n";
import { isKnownCheckCode } from "./checkOutcome";

// The core's check files, read at test time: a code added there without words here fails this test.
const sources = import.meta.glob("../../../crates/core/src/freshworks/checks/*.rs", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

/**
 * The code of every CheckResult the core builds: the first string literal of each constructor
 * call, outside the files' #[cfg(test)] modules (which sit at the end of each file).
 */
function codesIn(source: string): string[] {
  const code = source.split("#[cfg(test)]")[0];
  const calls = /\b(?:CheckResult|Self)::(?:passed|failed|unverified|new)\(\s*[^"]*?"([a-z_]+)"/g;
  return [...code.matchAll(calls)].map((m) => m[1]);
}

const coreCodes = [...new Set(Object.values(sources).flatMap(codesIn))].sort();

describe("check result codes", () => {
  it("finds the core's check files and their codes", () => {
    expect(Object.keys(sources).length).toBeGreaterThanOrEqual(3);
    expect(coreCodes).toContain("key_invalid");
    expect(coreCodes).toContain("host_not_api");
    expect(coreCodes).toContain("not_checked");
    expect(coreCodes).toContain("account_admin_token_issuer");
  });

  it.each(["en", "de", "fr", "it"] as const)("every code the core emits has a reason and a fix in %s", (lang) => {
    const codes = resources[lang].checks.codes as Record<string, { reason: string; fix: string }>;
    const missing = coreCodes.filter((code) => !codes[code]?.reason || !codes[code]?.fix);
    expect(missing).toEqual([]);
  });

  it("has no words for codes the core does not emit", () => {
    expect(Object.keys(resources.en.checks.codes).sort()).toEqual(coreCodes);
  });

  it("does not claim to know an unknown code", () => {
    expect(isKnownCheckCode("host_ok")).toBe(true);
    expect(isKnownCheckCode("brand_new_code")).toBe(false);
    expect(isKnownCheckCode("toString")).toBe(false);
  });
});
