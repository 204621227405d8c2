// The locale files as the tests read them: to compare what the bot sent with what each
// language says, without going through the bot's own i18n code.
import kk from "../../locales/kk/common.json" with { type: "json" };
import ru from "../../locales/ru/common.json" with { type: "json" };
import en from "../../locales/en/common.json" with { type: "json" };
import kkReport from "../../locales/kk/report.json" with { type: "json" };
import ruReport from "../../locales/ru/report.json" with { type: "json" };
import enReport from "../../locales/en/report.json" with { type: "json" };
import kkFollowup from "../../locales/kk/followup.json" with { type: "json" };
import ruFollowup from "../../locales/ru/followup.json" with { type: "json" };
import enFollowup from "../../locales/en/followup.json" with { type: "json" };
import enStaff from "../../locales/en/staff.json" with { type: "json" };
import kkRights from "../../locales/kk/rights.json" with { type: "json" };
import ruRights from "../../locales/ru/rights.json" with { type: "json" };
import enRights from "../../locales/en/rights.json" with { type: "json" };
import kkListen from "../../locales/kk/listen.json" with { type: "json" };
import ruListen from "../../locales/ru/listen.json" with { type: "json" };
import enListen from "../../locales/en/listen.json" with { type: "json" };

export const common = { kk, ru, en } as const;
export const report = { kk: kkReport, ru: ruReport, en: enReport } as const;
export const followup = { kk: kkFollowup, ru: ruFollowup, en: enFollowup } as const;
export const staffTexts = enStaff;
export const rights = { kk: kkRights, ru: ruRights, en: enRights } as const;
export const listen = { kk: kkListen, ru: ruListen, en: enListen } as const;
export type Lang = keyof typeof common;
export const langs: Lang[] = ["kk", "ru", "en"];
export const telegramCode: Record<Lang, string> = { kk: "kk", ru: "ru", en: "en-US" };
