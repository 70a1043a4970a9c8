import { describe, expect, it } from "vitest";
import { resources } from ".";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function leaves(value: unknown): string[] {
  if (typeof value !== "object" || value === null) return [String(value)];
  return Object.values(value).flatMap(leaves);
}

describe("translations", () => {
  const english = keys(resources.en).sort();

  it.each(["de", "fr", "it"] as const)("%s has exactly the English keys", (lang) => {
    expect(keys(resources[lang]).sort()).toEqual(english);
  });

  it.each(["en", "de", "fr", "it"] as const)("%s has no empty message", (lang) => {
    for (const text of leaves(resources[lang])) expect(text.trim()).not.toBe("");
  });

  it("uses the source articles' wording for the main actions", () => {
    expect(resources.de.integrations.add).toBe("Integration hinzufügen");
    expect(resources.fr.integrations.add).toBe("Ajouter une intégration");
    expect(resources.it.integrations.add).toBe("Aggiungi integrazione");
    expect(resources.de.nav.integrations).toBe("Integrationen");
    expect(resources.fr.nav.integrations).toBe("Intégrations");
    expect(resources.it.nav.integrations).toBe("Integrazioni");
  });
});
