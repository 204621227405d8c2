import i18next, { type ParseKeys, type TOptions } from "i18next";
import { resources } from "./resources.js";

export const languages = ["kk", "ru", "en"] as const;
export type Language = (typeof languages)[number];

/** The namespaces of the texts a child sees; a bare key is in `common`, others are `ns:key`. */
type ChildNamespaces = ["common", "report", "followup", "rights", "listen"];
/** Every key of a child-facing text, from locales/en (see i18next.d.ts): a typo fails `tsc`. */
export type TextKey = ParseKeys<ChildNamespaces>;
/** Keys whose value is a list or an object, read with `returnObjects: true`. */
export type ObjectKey = ParseKeys<ChildNamespaces, { returnObjects: true }>;

/** Texts for a child, by checked key (ctx.t in the bot, the screens and the flow engine). */
export interface ChildTranslate {
  (key: TextKey | TextKey[], options?: TOptions): string;
  (key: ObjectKey, options: TOptions & { returnObjects: true }): unknown;
}

/**
 * Texts by any key, unchecked: for staff-facing texts whose keys are built from stored codes (the
 * console, the staff group). A missing key shows as the key. Every function of this type is also
 * a ChildTranslate.
 */
export type Translate = (key: string | string[], options?: TOptions) => string;

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
      // The one place keys are unchecked: i18next's function is typed for its default namespace
      // only, while our keys name theirs ("report:intro"); TextKey checks them where written.
      if (!t) cache.set(language, (t = remembered(instance.getFixedT(language) as unknown as Translate)));
      return t;
    },
  };
}

/**
 * A text asked for by key alone (no values, no plural, one key) is always the same: looked up in
 * i18next once per language, then from a map. A screen asks for a dozen, every update, and
 * i18next's lookup (namespaces, fallbacks, nesting, interpolation) costs far more than a map's.
 */
function remembered(t: Translate, max = 5_000): Translate {
  const texts = new Map<string, string>();
  return (key, options) => {
    if (options !== undefined || typeof key !== "string") return t(key, options);
    let text = texts.get(key);
    if (text === undefined) {
      text = t(key);
      if (texts.size < max) texts.set(key, text);
    }
    return text;
  };
}
