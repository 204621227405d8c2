// Locale files are bundled as imports (not read from disk) so the same build runs on Workers.
import kkCommon from "../../locales/kk/common.json" with { type: "json" };
import ruCommon from "../../locales/ru/common.json" with { type: "json" };
import enCommon from "../../locales/en/common.json" with { type: "json" };

export const resources = {
  kk: { common: kkCommon },
  ru: { common: ruCommon },
  en: { common: enCommon },
};
