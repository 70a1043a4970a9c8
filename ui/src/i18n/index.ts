import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import type { ErrorCode, Language } from "../ipc";
import de from "./locales/de.json";
import en from "./locales/en.json";
import fr from "./locales/fr.json";
import it from "./locales/it.json";

export const resources = { en, de, fr, it } as const;

/** Every error code the core can send has a message (a missing one fails the type check). */
const _everyCodeTranslated: Record<ErrorCode, string> = en.errors;
void _everyCodeTranslated;

/** Languages in the order the Settings screen lists them, each named in its own language. */
export const LANGUAGES: { code: Language; name: string }[] = [
  { code: "en", name: "English" },
  { code: "de", name: "Deutsch" },
  { code: "fr", name: "Français" },
  { code: "it", name: "Italiano" },
];

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(resources).map(([k, v]) => [k, { translation: v }])),
  lng: "en",
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

export default i18n;
