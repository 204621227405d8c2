// What every console route can use, and the signed-in person on the request.
import type { Api } from "grammy";
import type { Db } from "../db/client.js";
import type { I18n, Language, Translate } from "../i18n/i18n.js";
import type { Logger } from "../logger.js";
import type { Sealer } from "../domain/privacy/encryption.js";
import type { Accounts, StaffAccountRecord } from "../domain/staff/accounts.js";
import type { Casework } from "../domain/reports/casework.js";
import type { ReportService } from "../domain/reports/reports.js";
import type { StaffDesk } from "../bot/staff/desk.js";
import type { SignalService } from "../domain/signals/signals.js";
import type { Outbox } from "../domain/outbox/outbox.js";

export interface ConsoleDeps {
  db: Db;
  i18n: I18n;
  logger: Logger;
  sealer: Sealer;
  accounts: Accounts;
  casework: Casework;
  reports: ReportService;
  signals: SignalService;
  outbox: Outbox;
  /** Sends what was just queued (a reply's notification) without waiting for the next round. */
  dispatch: () => void;
  staff: StaffDesk;
  /** The bot's API, to reply to children and keep the staff group in sync. */
  api: Api;
  /** Secure cookies (https); off only for local http. */
  secureCookies: boolean;
}

export interface ConsoleEnv {
  Variables: {
    account: StaffAccountRecord;
    sessionId: string;
    csrf: string;
    lang: Language;
    t: Translate;
  };
}
