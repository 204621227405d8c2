import i18next, { type TFunction } from "i18next";
import { resources } from "./resources.js";

export const languages = ["kk", "ru", "en"] as const;
export type Language = (typeof languages)[number];
export type Translate = TFunction;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** Telegram's language_code is an IETF tag ("ru", "kk", "en-US"); only our three count. */
export function languageFromTelegram(code: string | undefined): Language | undefined {
  const base = code?.toLowerCase().split("-")[0];
  if (base === "kz") return "kk"; // some clients send the country code
  return isLanguage(base) ? base : undefined;
}

export interface I18n {
  t(language: Language): Translate;
}

export function createI18n(): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: "kk",
    // Every key exists in every language (a test checks it); English is only a last resort.
    fallbackLng: "en",
    ns: Object.keys(resources.en),
    defaultNS: "common",
    initAsync: false,
    // Telegram HTML: interpolated values are escaped, the locale's own markup is kept.
    interpolation: { escapeValue: true },
    returnNull: false,
  });
  const cache = new Map<Language, Translate>();
  return {
    t(language) {
      let t = cache.get(language);
      if (!t) cache.set(language, (t = instance.getFixedT(language)));
      return t;
    },
  };
}
