import { describe, expect, it } from "vitest";
import { resources } from ".";

// The setup flow's words as the source articles (shared/seeds) print them.
describe("setup flow wording follows the source articles", () => {
  it.each([
    ["en", "Select model", "Credentials", "API key", "Save integration", "Install the injixo app", "Generate"],
    ["de", "Modell wählen", "Zugangsdaten", "API-Schlüssel", "Integration speichern", "Installiere injixo-App", "Generieren"],
    ["fr", "Sélectionner le modèle", "Identifiants", "Clé API", "Sauvegarder l’intégration", "Installer l’application injixo", "Générer"],
    ["it", "Seleziona modello", "Credenziali", "API key", "Salva integrazione", "Installare l'app injixo", "Generare"],
  ] as const)("%s", (lang, selectModel, credentials, apiKey, save, install, generate) => {
    const r = resources[lang];
    expect(r.addIntegration.selectModel).toBe(selectModel);
    expect(r.setup.credentials).toBe(credentials);
    expect(r.setup.apiKey).toBe(apiKey);
    expect(r.setup.save).toBe(save);
    expect(r.injixo.title).toBe(install);
    expect(r.injixo.generate).toBe(generate);
  });

  it("uses the French article's button in the product sections", () => {
    expect(resources.fr.addIntegration.addThis).toBe("Ajouter cette intégration");
    expect(resources.de.addIntegration.addThis).toBe("Integration hinzufügen");
    expect(resources.it.addIntegration.addThis).toBe("Aggiungi integrazione");
  });
});

// The German source article addresses the reader informally ("du", "dein", "Gib … ein"); the app's
// German does too. "Sie"/"Ihre" may still mean "it"/"their", so only unambiguous formal forms are refused.
describe("German addresses the user informally, as the source article does", () => {
  const strings = (node: unknown, path: string): [string, string][] =>
    typeof node === "string"
      ? [[path, node]]
      : Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  const formal = [
    /\b\p{L}+en Sie\b/u, // "Versuchen Sie", "Geben Sie … ein", "können Sie"
    /\bSie (haben|sind|können|müssen|möchten|sollten)\b/,
    /\bIhnen\b/,
  ];

  it("has no formal address in any German string", () => {
    const offending = strings(resources.de, "").filter(([, text]) => formal.some((re) => re.test(text)));
    expect(offending).toEqual([]);
  });
});
