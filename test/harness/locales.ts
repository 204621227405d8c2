// The locale files as the tests read them: to compare what the bot sent with what each
// language says, without going through the bot's own i18n code.
import kk from "../../locales/kk/common.json" with { type: "json" };
import ru from "../../locales/ru/common.json" with { type: "json" };
import en from "../../locales/en/common.json" with { type: "json" };

export const common = { kk, ru, en } as const;
export type Lang = keyof typeof common;
export const langs: Lang[] = ["kk", "ru", "en"];
export const telegramCode: Record<Lang, string> = { kk: "kk", ru: "ru", en: "en-US" };
