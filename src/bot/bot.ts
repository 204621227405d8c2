// Assembles the bot: plugins, the order of middleware, every feature under one error boundary,
// and the unhandled feature last.
import { Bot, session, type BotError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import type { BotContext, SessionData } from "./context.js";
import type { Services } from "./services.js";
import { identify } from "./middleware/identify.js";
import { dedupeUpdates } from "./middleware/dedupe.js";
import { applySavedLanguage } from "./middleware/saved-language.js";
import { errorSummary } from "../logger.js";
import { helpFeature } from "./features/help.js";
import { navigationFeature } from "./features/navigation.js";
import { forgetFeature } from "./features/forget.js";
import { flowsFeature } from "./features/flows.js";
import { unhandledFeature } from "./features/unhandled.js";
import { followupFeature } from "./features/followup.js";
import { quickExitFeature } from "./features/quick-exit.js";
import { mediaFeature } from "./features/media.js";
import { staffFeature } from "./features/staff.js";
import { traceMessages } from "./middleware/trace.js";
import { chatGate } from "./middleware/chat-gate.js";
import type { ChatGate } from "../domain/gate/chat-gate.js";
import { hearDanger, listenFeature } from "./features/listen.js";
import { rightsFeature } from "./features/rights.js";
import { quizFeature } from "./features/quiz.js";
import { helpRegionFeature } from "./features/help-region.js";
import { helpRow } from "./screen.js";
import type { SessionStorage } from "../db/session-storage.js";

export interface BotOptions {
  token: string;
  botInfo: UserFromGetMe | undefined;
  apiRoot: string;
  /** The simulator and tests hand in an in-process Bot API; production uses the real fetch. */
  fetch?: typeof fetch;
  services: Services;
  /** Its reads and writes ride on the chat gate's statements (src/db/session-storage.ts). */
  sessionStorage: SessionStorage<SessionData>;
  /** Per-chat lease and flood counts shared by every instance. */
  gate: ChatGate;
  /** Updates one person may send in 10 seconds. */
  floodLimit: number;
  /** A Bot API call that has not answered by then fails. */
  timeoutSeconds: number;
  /** An update claimed by a process that died is taken over after this long. */
  updateHoldMs: number;
}

/** A message older than this is a redelivery: the child was already told about the delay. */
const FIRST_DELIVERY_S = 30;

export function createBot(options: BotOptions): Bot<BotContext> {
  const { services } = options;
  const bot = new Bot<BotContext>(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    // A Bot API call that hangs fails (10 s by default), well inside Telegram's webhook budget.
    client: { apiRoot: options.apiRoot, timeoutSeconds: options.timeoutSeconds, ...(options.fetch ? { fetch: options.fetch } : {}) },
  });
  // Short waits for 429 are waited out here; anything longer, a 5xx or a network failure fails the
  // call at once: an interactive update then fails and Telegram delivers it again (no duplicate
  // from retrying a 5xx that was in fact delivered), and the outbox retries its own messages.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 2, maxDelaySeconds: 5, rethrowInternalServerErrors: true, rethrowHttpErrors: true }));

  bot.use(identify(services));
  // Updates of one chat run in order (parallel ones would lose session writes): in this process
  // by grammY's queue, across instances by the chat's lease in the database.
  bot.use(sequentialize((ctx: BotContext) => ctx.chat?.id.toString() ?? ctx.pseudonym));
  bot.use(chatGate({ gate: options.gate, floodLimit: options.floodLimit, holdMs: options.updateHoldMs, sessions: options.sessionStorage }));
  bot.use(dedupeUpdates(options.updateHoldMs));
  bot.use(applySavedLanguage);

  const child = bot.chatType("private").errorBoundary(onError);
  // Before the session: help and the quick exit must work when the database does not.
  child.use(helpFeature, helpRegionFeature, quickExitFeature(options.sessionStorage));
  child.use(
    session({
      initial: (): SessionData => ({}),
      storage: options.sessionStorage,
      getSessionKey: (ctx) => ctx.pseudonym,
    }),
  );
  child.use(traceMessages, hearDanger);
  child.use(
    navigationFeature,
    forgetFeature,
    followupFeature,
    flowsFeature,
    mediaFeature,
    rightsFeature,
    quizFeature,
    listenFeature,
    unhandledFeature,
  );

  // The ombudsman staff group (STAFF_CHAT_ID); any other group is ignored.
  bot.chatType(["group", "supergroup"]).errorBoundary(onStaffError).use(staffFeature);
  return bot;
}

/**
 * An update that failed (the database is away or hangs, Telegram refused a screen) is thrown on,
 * so the webhook answers 5xx and Telegram delivers it again: nothing the child wrote is lost.
 * The child hears once, on the first delivery, that the answer is delayed, with help.
 */
async function onError(err: BotError<BotContext>): Promise<never> {
  const ctx = err.ctx;
  ctx.services.logger.error(
    { err: errorSummary(err.error), update_id: ctx.update.update_id },
    "update failed; Telegram will deliver it again",
  );
  try {
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: ctx.t("errors.tryAgain") }).catch(() => undefined);
    } else if (ctx.message && Date.now() / 1000 - ctx.message.date < FIRST_DELIVERY_S) {
      await ctx.reply(ctx.t("errors.delayed"), { parse_mode: "HTML", reply_markup: { inline_keyboard: [helpRow(ctx, { menu: false })] } });
    }
  } catch (error) {
    ctx.services.logger.error({ err: errorSummary(error), update_id: ctx.update.update_id }, "could not tell the child about the delay");
  }
  throw err.error;
}

async function onStaffError(err: BotError<BotContext>): Promise<void> {
  err.ctx.services.logger.error({ err: errorSummary(err.error), update_id: err.ctx.update.update_id }, "staff update failed");
  if (err.ctx.callbackQuery) await err.ctx.answerCallbackQuery({ text: "Error, please try again." }).catch(() => undefined);
}
