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
import { floodGuard } from "./middleware/flood-guard.js";
import { watchForDanger } from "./middleware/watch-for-danger.js";
import { rightsFeature } from "./features/rights.js";
import { quizFeature } from "./features/quiz.js";
import { helpRegionFeature } from "./features/help-region.js";
import { helpRow } from "./screen.js";
import type { StorageAdapter } from "grammy";

export interface BotOptions {
  token: string;
  botInfo: UserFromGetMe | undefined;
  apiRoot: string;
  /** The simulator and tests hand in an in-process Bot API; production uses the real fetch. */
  fetch?: typeof fetch;
  services: Services;
  sessionStorage: StorageAdapter<SessionData>;
  /** Updates one person may send in 10 seconds. */
  floodLimit: number;
}

export function createBot(options: BotOptions): Bot<BotContext> {
  const { services } = options;
  const bot = new Bot<BotContext>(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: { apiRoot: options.apiRoot, ...(options.fetch ? { fetch: options.fetch } : {}) },
  });
  // One sender for every outgoing call: waits out 429s and retries Telegram's 5xx a few times.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));

  bot.use(identify(services));
  bot.use(floodGuard(options.floodLimit));
  // Updates of one chat run in order (parallel ones would lose session writes).
  bot.use(sequentialize((ctx: BotContext) => ctx.chat?.id.toString() ?? ctx.pseudonym));
  bot.use(dedupeUpdates);
  bot.use(applySavedLanguage);

  const child = bot.chatType("private").errorBoundary(onError);
  child.use(helpFeature, helpRegionFeature); // before the session: help must not need the database
  child.use(
    session({
      initial: (): SessionData => ({}),
      storage: options.sessionStorage,
      getSessionKey: (ctx) => ctx.pseudonym,
    }),
  );
  child.use(traceMessages, watchForDanger);
  child.use(quickExitFeature, navigationFeature, forgetFeature, followupFeature, flowsFeature, mediaFeature, rightsFeature, quizFeature, unhandledFeature);

  // The ombudsman staff group (STAFF_CHAT_ID); any other group is ignored.
  bot.chatType(["group", "supergroup"]).errorBoundary(onStaffError).use(staffFeature);
  return bot;
}

async function onError(err: BotError<BotContext>): Promise<void> {
  const ctx = err.ctx;
  ctx.services.logger.error({ err: errorSummary(err.error), update_id: ctx.update.update_id }, "update failed");
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    await ctx.reply(ctx.t("errors.generic"), { parse_mode: "HTML", reply_markup: { inline_keyboard: [helpRow(ctx, { menu: false })] } });
  } catch (error) {
    ctx.services.logger.error({ err: errorSummary(error), update_id: ctx.update.update_id }, "could not tell the child about the failure");
  }
}

async function onStaffError(err: BotError<BotContext>): Promise<void> {
  err.ctx.services.logger.error({ err: errorSummary(err.error), update_id: err.ctx.update.update_id }, "staff update failed");
  if (err.ctx.callbackQuery) await err.ctx.answerCallbackQuery({ text: "Error, please try again." }).catch(() => undefined);
}
