// One person's updates, across every instance: counted for the flood guard and run one at a time
// (the chat's lease in the database, src/domain/gate/chat-gate.ts). Inside one process grammY's
// sequentialize already queues them, so the lease is normally free when an update gets here;
// across instances the second waits for it here.
// Flood guard: more than `limit` updates within `windowMs` gets one kind notice (exactly one,
// whichever instance counts the one over the limit) and the rest of the window is dropped.
// Help and the quick exit always get through, however fast a frightened child taps.
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import type { ChatGate } from "../../domain/gate/chat-gate.js";
import { helpRow, navData } from "../screen.js";
import { QUICK_EXIT_DATA } from "../../flows/engine.js";
import { errorSummary } from "../../logger.js";

export interface ChatGateOptions {
  gate: ChatGate;
  /** Updates one person may send in `windowMs`. */
  floodLimit: number;
  windowMs?: number;
  /** The lease outlives an instance that died by this much: longer than any update takes. */
  holdMs: number;
  /** How long an update waits for another instance to finish with the chat; then it fails and Telegram delivers it again. */
  waitMs?: number;
}

/** Thrown when the chat stayed busy elsewhere: the webhook answers 500 and Telegram tries again later. */
export class ChatBusy extends Error {
  override name = "ChatBusy";
}

export function chatGate(o: ChatGateOptions): MiddlewareFn<BotContext> {
  const windowMs = o.windowMs ?? 10_000;
  const waitMs = o.waitMs ?? 25_000;
  return async (ctx, next) => {
    const key = ctx.pseudonym;
    if (!key || ctx.chat?.type !== "private") return next();
    const holder = crypto.randomUUID();
    let entry;
    try {
      entry = await o.gate.enter(key, holder, o.holdMs, windowMs);
    } catch (error) {
      // The database is away: help still answers; anything that needs it fails and is redelivered.
      ctx.services.logger.warn({ err: errorSummary(error), update_id: ctx.update.update_id }, "chat gate unavailable");
      return next();
    }
    let held = entry.held;
    try {
      if (entry.hits > o.floodLimit && !isLifeline(ctx)) return await tooFast(ctx, entry.hits === o.floodLimit + 1);
      if (!held) held = await waitForLease(o, key, holder, waitMs);
      if (!held) throw new ChatBusy(`chat busy elsewhere for ${waitMs} ms (update ${ctx.update.update_id})`);
      await next();
    } finally {
      if (held) await o.gate.release(key, holder).catch((error: unknown) => ctx.services.logger.warn({ err: errorSummary(error) }, "chat lease not released; it runs out by itself"));
    }
  };
}

/** Polls with a growing pause: another instance is handling one of this chat's updates. */
async function waitForLease(o: ChatGateOptions, key: string, holder: string, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  let pause = 10;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, pause));
    if (await o.gate.take(key, holder, o.holdMs)) return true;
    pause = Math.min(pause * 2, 250);
  }
  return false;
}

async function tooFast(ctx: BotContext, first: boolean): Promise<void> {
  if (first) {
    ctx.services.logger.warn({ update_id: ctx.update.update_id }, "flood guard: updates dropped for a few seconds");
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    await ctx.reply(ctx.t("errors.tooFast"), { parse_mode: "HTML", reply_markup: { inline_keyboard: [helpRow(ctx, { menu: false })] } }).catch(() => undefined);
  } else if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery().catch(() => undefined);
  }
}

const LIFELINE_COMMANDS = /^\/(help|sos|hide|exit)(@\w+)?(\s|$)/;
const LIFELINE_BUTTONS = new Set([navData.help, QUICK_EXIT_DATA]);

function isLifeline(ctx: BotContext): boolean {
  return LIFELINE_COMMANDS.test(ctx.message?.text ?? "") || LIFELINE_BUTTONS.has(ctx.callbackQuery?.data ?? "");
}
