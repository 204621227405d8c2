// The only assembly point: config, database and logger in; the Hono app and the bot out.
// Node and Workers entries are thin shells around this factory.
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { HTTPException } from "hono/http-exception";
import type { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Config } from "./config.js";
import type { Db } from "./db/client.js";
import { errorSummary, type Logger } from "./logger.js";
import type { BotContext, SessionData } from "./bot/context.js";
import { createBot } from "./bot/bot.js";
import type { Services } from "./bot/services.js";
import { createChatGate } from "./domain/gate/chat-gate.js";
import { createI18n } from "./i18n/i18n.js";
import { loadFlows } from "./flows/registry.js";
import { createFlowEngine } from "./flows/engine.js";
import { flowActions } from "./bot/flow-actions.js";
import { createPseudonymizer } from "./domain/privacy/pseudonym.js";
import { createSealer } from "./domain/privacy/encryption.js";
import { webCrypto, type CryptoProvider } from "./domain/privacy/crypto-provider.js";
import { rightsLibrary } from "./domain/rights/library.js";
import { prepareSearch } from "./domain/rights/search.js";
import { forgetChild } from "./domain/children.js";
import { createSessionStorage } from "./db/session-storage.js";
import { sqlFor } from "./db/sql.js";
import { createReportService } from "./domain/reports/reports.js";
import { createSignalService } from "./domain/signals/signals.js";
import { createOutbox, type Outbox } from "./domain/outbox/outbox.js";
import { createDispatcher, type Dispatcher } from "./bot/outbox-dispatcher.js";
import { createCaseCodes } from "./domain/reports/case-code.js";
import { createStaffDesk } from "./bot/staff/desk.js";
import { simulatedStaff } from "./simulator/users.js";
import { createCasework } from "./domain/reports/casework.js";
import { createAccounts } from "./domain/staff/accounts.js";
import { createSetupLinks, type SetupLinks } from "./domain/staff/setup-links.js";
import { consoleRoutes } from "./console/routes.js";
import { applyRetention } from "./domain/reports/retention.js";
import { prune } from "./domain/maintenance/prune.js";
import { webhookRoutes } from "./http/webhook.js";
import { healthRoutes } from "./http/health.js";
import { requestLog } from "./http/request-log.js";
import { createFakeBotApi, type ChatPersistence, type FakeBotApi } from "./simulator/fake-bot-api.js";
import { createEvidence } from "./domain/evidence/evidence.js";
import { createTelegramFiles } from "./domain/evidence/telegram-files.js";
import type { ImageCleaner } from "./domain/evidence/image-cleaner.js";
import { limits } from "./domain/reports/limits.js";
import { simulatorRoutes } from "./simulator/routes.js";
import { botIdentity } from "./simulator/bot-info.js";

export interface AppDeps {
  /** Must carry appSecret: the entry generates one for the embedded mode. */
  config: Config & { appSecret: string };
  db: Db;
  logger: Logger;
  /** Known bot identity (skips getMe). Required in simulator mode's absence only if known. */
  botInfo?: UserFromGetMe;
  /** An in-process Bot API (tests). In simulator mode one is created when not given. */
  botApi?: FakeBotApi;
  /** Where the simulator keeps its chats across restarts (the Node server: DATA_DIR). */
  simulatorChats?: ChatPersistence;
  /** Removes EXIF/XMP/IPTC from images before staff see them (sharp, on Node). None on Workers: images are then not shown. */
  images?: ImageCleaner;
  /** HMAC and AES-GCM for pseudonyms, sealing and case codes: Web Crypto unless the entry passes another (Node: node:crypto). */
  crypto?: CryptoProvider;
}

export interface App {
  http: Hono;
  /** Staff accounts (the admin command and tests create them). */
  accounts: ReturnType<typeof createAccounts>;
  /** The first admin's one-time setup link (the Node entry prints one at start while no admin exists). */
  setup: SetupLinks;
  /** Deletes closed cases' content after RETENTION_DAYS, and their quotes in the staff group. */
  retention(now?: Date): Promise<number>;
  /** What must reach a person, kept until sent; and the dispatcher that sends it. */
  outbox: Outbox;
  dispatcher: Dispatcher;
  bot: Bot<BotContext>;
  /** The in-process Bot API, when the bot talks to one (simulator mode, tests). */
  botApi: FakeBotApi | undefined;
  webhookSecret: string;
}

const SIMULATED_TOKEN = "1000000001:SIMULATOR-not-a-real-token-000000";
const SIMULATED_BOT = botIdentity(1000000001, "Bala Help (simulator)", "bala_help_simulator_bot");

export function createApp(deps: AppDeps): App {
  const { config, db, logger } = deps;
  const simulated = !config.botToken || deps.botApi !== undefined;
  const botApi = deps.botApi ?? (simulated ? createFakeBotApi(deps.botInfo ?? SIMULATED_BOT, undefined, deps.simulatorChats) : undefined);
  const webhookSecret = config.webhookSecret ?? randomSecret();

  const i18n = createI18n();
  const flows = loadFlows();
  // The rights search's stem index is built now, not on the first child's question.
  prepareSearch(rightsLibrary());
  const cryptoProvider = deps.crypto ?? webCrypto;
  const sealer = createSealer(config.appSecret, cryptoProvider);
  const engine = createFlowEngine(flows, flowActions);
  const pseudonyms = createPseudonymizer(config.appSecret, cryptoProvider);
  const reports = createReportService({ db, sealer, codes: createCaseCodes(config.appSecret, cryptoProvider), sla: config.slaHours });
  // In the simulator, the staff group and its staff member are simulated too.
  const staffChatId = config.staffChatId ?? (botApi && !deps.botApi ? String(simulatedStaff.chatId) : undefined);
  // The simulated staff member may act only on the embedded development database, never on a real one.
  const simulatedStaffAllowed = botApi !== undefined && !deps.botApi && !config.databaseUrl && !config.staffUserIds.length;
  const staffUserIds = simulatedStaffAllowed ? [simulatedStaff.member.id] : config.staffUserIds;
  const outbox = createOutbox({ db, sealer });
  const staff = createStaffDesk({
    chatId: staffChatId,
    chats: config.staffChats,
    detail: config.staffGroupDetail,
    publicUrl: config.publicUrl,
    staffUserIds,
    language: config.staffLanguage,
    timeZone: config.consoleTimeZone,
    i18n,
    logger,
    pseudonyms,
    reports,
    outbox,
    db,
  });
  const signals = createSignalService({ db, sealer });
  const services: Services = {
    db,
    i18n,
    logger,
    engine,
    pseudonyms,
    reports,
    signals,
    outbox,
    staff,
    sla: config.slaHours,
    forgetChild: async (pseudonym) => {
      await reports.unlinkChild(pseudonym);
      await signals.unlinkChild(pseudonym);
      await forgetChild(db, pseudonym);
    },
  };

  // On Node with PostgreSQL, the gate's statements (every update runs two) skip Prisma for the driver.
  const gate = createChatGate(db, sqlFor(db));
  const bot = createBot({
    token: config.botToken && !deps.botApi ? config.botToken : SIMULATED_TOKEN,
    // A real bot without a known identity (BOT_INFO) asks Telegram once (grammY's init, on the first update).
    botInfo: botApi?.botInfo ?? deps.botInfo ?? config.botInfo,
    apiRoot: botApi?.apiRoot ?? config.telegramApiRoot,
    ...(botApi ? { fetch: botApi.fetch as typeof fetch } : {}),
    services,
    sessionStorage: createSessionStorage<SessionData>(db, sealer),
    gate,
    floodLimit: config.floodLimit,
    timeoutSeconds: config.telegramTimeoutSeconds,
    updateHoldMs: config.updateHoldSeconds * 1000,
  });

  const dispatcher = createDispatcher({
    outbox,
    api: bot.api,
    staff,
    reports,
    logger,
    staffPostsPerMinute: config.staffPostsPerMinute,
    gate,
  });
  const casework = createCasework(db, sealer);
  const accounts = createAccounts(db, sealer);

  const http = new Hono();
  http.use(requestLog(logger));
  http.get("/", (c) => c.redirect(config.simulator && botApi ? "/simulator" : "/healthz"));
  http.route("/healthz", healthRoutes(db));
  // After each update, whatever it queued goes out at once (the timer catches the rest).
  http.route(
    "/telegram/webhook",
    webhookRoutes(bot, webhookSecret, logger, () => dispatcher.kick()),
  );
  http.route(
    "/console",
    consoleRoutes({
      db,
      i18n,
      logger,
      sealer,
      accounts,
      casework,
      reports,
      signals,
      outbox,
      dispatch: () => dispatcher.kick(),
      trustProxy: config.trustProxy,
      timeZone: config.consoleTimeZone,
      publicOrigin: config.publicUrl ? new URL(config.publicUrl).origin : undefined,
      staff,
      api: bot.api,
      // The child's files, fetched with the bot's own token and API root (never shown to a browser).
      evidence: createEvidence(
        createTelegramFiles({
          apiRoot: botApi?.apiRoot ?? config.telegramApiRoot,
          token: bot.token,
          ...(botApi ? { fetch: botApi.fetch } : {}),
          maxBytes: limits.maxFileBytes,
          timeoutMs: Math.max(30, config.telegramTimeoutSeconds * 3) * 1000,
        }),
        deps.images,
      ),
      secureCookies: config.env === "production" || (config.publicUrl?.startsWith("https://") ?? false),
    }),
  );
  if (config.simulator && botApi) {
    http.use("/simulator/*", secureHeaders());
    http.route(
      "/simulator",
      simulatorRoutes({
        botApi,
        deliver: (update) => deliverToWebhook(http, webhookSecret, update),
        staffChatId: staff.chatId === simulatedStaff.chatId ? staff.chatId : undefined,
      }),
    );
  }
  http.notFound((c) => c.json({ ok: false, error: "not found" }, 404));
  http.onError((error, c) => {
    // Deliberate HTTP errors (e.g. 403 from the CSRF check) keep their status.
    if (error instanceof HTTPException) return error.getResponse();
    logger.error({ err: errorSummary(error) }, "request failed");
    return c.json({ ok: false, error: "internal error" }, 500);
  });
  const retention = async (now = new Date()) => {
    const retained = await applyRetention(db, config.retentionDays, now, async (tx, r) => {
      // Redactions are queued with the deletion, so a failed edit is retried until done.
      for (const messageId of r.staffMessageIds) await staff.redact(r.number, messageId, tx);
    });
    dispatcher.kick();
    logger.info(
      { pruned: await prune(db, outbox, now), signInThrottles: await accounts.pruneThrottle() },
      "pruned rows kept only for a while",
    );
    return retained.length;
  };
  return { http, bot, botApi, webhookSecret, accounts, setup: createSetupLinks(db), retention, outbox, dispatcher };
}

/** The simulator delivers updates exactly as Telegram does: a POST to the webhook. */
async function deliverToWebhook(http: Hono, secret: string, update: unknown): Promise<number> {
  const response = await http.request("/telegram/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
    body: JSON.stringify(update),
  });
  return response.status;
}

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
