import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { reasonText } from "./reasonText";

describe("reasonText", () => {
  it("uses the UI's words for a reason code it knows, in the UI language", () => {
    i18n.addResource("de", "translation", "status.reasons.test_only_code", "Auf Deutsch");
    i18n.addResource("de", "translation", "status.reasons.test_only_code_fix", "So geht's");
    const t = i18n.getFixedT("de");
    expect(reasonText(t, "test_only_code", "message", "core text")).toBe("Auf Deutsch");
    expect(reasonText(t, "test_only_code", "fix", "core fix")).toBe("So geht's");
  });

  it("falls back to the core's English text for a code it has no words for", () => {
    const t = i18n.getFixedT("de");
    expect(reasonText(t, "code_from_a_newer_core", "message", "core text")).toBe("core text");
    expect(reasonText(t, "code_from_a_newer_core", "fix", "core fix")).toBe("core fix");
  });
});
