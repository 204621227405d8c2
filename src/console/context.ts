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
import type { Clock } from "./clock.js";
import type { Evidence } from "../domain/evidence/evidence.js";

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
  /** The files children attached, fetched from Telegram and cleaned (src/console/evidence.tsx). */
  evidence?: Evidence;
  /** The bot's API, to reply to children and keep the staff group in sync. */
  api: Api;
  /** CONSOLE_TIME_ZONE: the zone every time in the console is shown in (Asia/Almaty by default). */
  timeZone?: string;
  /** Secure cookies (https); off only for local http. */
  secureCookies: boolean;
  /**
   * TRUST_PROXY: how many reverse proxies in front of this server append to X-Forwarded-For.
   * 0 (the default) ignores the header: anyone can write it. See clientAddress in security.ts.
   */
  trustProxy?: number;
  /** PUBLIC_URL's origin ("https://help.example.kz"), accepted by the Origin check. */
  publicOrigin?: string | undefined;
}

export interface ConsoleEnv {
  /**
   * What the runtime passes next to the request. @hono/node-server passes the Node request as
   * `incoming` (its socket has the peer's address); Workers pass nothing here (see clientAddress).
   */
  Bindings: { incoming?: { socket?: { remoteAddress?: string | undefined } | undefined } | undefined };
  Variables: {
    account: StaffAccountRecord;
    sessionId: string;
    csrf: string;
    lang: Language;
    t: Translate;
    /** Times in the console's zone and the page's language (clockMiddleware). */
    clock: Clock;
  };
}
