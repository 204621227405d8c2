// Locale files are bundled as imports (not read from disk) so the same build runs on Workers.
import kkCommon from "../../locales/kk/common.json" with { type: "json" };
import ruCommon from "../../locales/ru/common.json" with { type: "json" };
import enCommon from "../../locales/en/common.json" with { type: "json" };
import kkReport from "../../locales/kk/report.json" with { type: "json" };
import ruReport from "../../locales/ru/report.json" with { type: "json" };
import enReport from "../../locales/en/report.json" with { type: "json" };
import kkFollowup from "../../locales/kk/followup.json" with { type: "json" };
import ruFollowup from "../../locales/ru/followup.json" with { type: "json" };
import enFollowup from "../../locales/en/followup.json" with { type: "json" };
import kkStaff from "../../locales/kk/staff.json" with { type: "json" };
import ruStaff from "../../locales/ru/staff.json" with { type: "json" };
import enStaff from "../../locales/en/staff.json" with { type: "json" };
import kkRights from "../../locales/kk/rights.json" with { type: "json" };
import ruRights from "../../locales/ru/rights.json" with { type: "json" };
import enRights from "../../locales/en/rights.json" with { type: "json" };
import kkConsole from "../../locales/kk/console.json" with { type: "json" };
import ruConsole from "../../locales/ru/console.json" with { type: "json" };
import enConsole from "../../locales/en/console.json" with { type: "json" };
import kkListen from "../../locales/kk/listen.json" with { type: "json" };
import ruListen from "../../locales/ru/listen.json" with { type: "json" };
import enListen from "../../locales/en/listen.json" with { type: "json" };
import kkManage from "../../locales/kk/manage.json" with { type: "json" };
import ruManage from "../../locales/ru/manage.json" with { type: "json" };
import enManage from "../../locales/en/manage.json" with { type: "json" };

export const resources = {
  kk: {
    common: kkCommon,
    report: kkReport,
    followup: kkFollowup,
    staff: kkStaff,
    rights: kkRights,
    console: kkConsole,
    listen: kkListen,
    manage: kkManage,
  },
  ru: {
    common: ruCommon,
    report: ruReport,
    followup: ruFollowup,
    staff: ruStaff,
    rights: ruRights,
    console: ruConsole,
    listen: ruListen,
    manage: ruManage,
  },
  en: {
    common: enCommon,
    report: enReport,
    followup: enFollowup,
    staff: enStaff,
    rights: enRights,
    console: enConsole,
    listen: enListen,
    manage: enManage,
  },
};
