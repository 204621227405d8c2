// One person's updates, across every instance: claimed once (like dedupe.ts), counted for the
// flood guard and run one at a time (the chat's lease), all in one statement to the database
// (src/domain/gate/chat-gate.ts), and settled in one more at the end. Inside one process grammY's
// sequentialize already queues them, so the lease is normally free when an update gets here;
// across instances the second waits for it here.
// The update's session and the child's saved language come with the gate's first statement, and
// the session goes back with its last one (src/db/session-storage.ts): two round trips per update
// for all of it. A session that could not be saved fails the update, which is then redelivered.
// Flood guard: more than `limit` updates within `windowMs` gets one kind notice (exactly one,
// whichever instance counts the one over the limit) and the rest of the window is dropped.
// Help and the quick exit always get through, however fast a frightened child taps.
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import type { Admission, ChatGate, SessionChange } from "../../domain/gate/chat-gate.js";
import type { SessionHandoff } from "../../db/session-storage.js";
import { withTimeout } from "../../domain/timeouts.js";
import { CLAIM_TIMEOUT_MS, MAX_ATTEMPTS, UpdateInProgress } from "./dedupe.js";
import { helpRow } from "../screen.js";
import { isLifelineButton } from "../callback-data.js";
import { errorSummary } from "../../logger.js";

export interface ChatGateOptions {
  gate: ChatGate;
  /** Updates one person may send in `windowMs`. */
  floodLimit: number;
  windowMs?: number;
  /** The lease and the claim outlive an instance that died by this much: longer than any update takes. */
  holdMs: number;
  /** How long an update waits for another instance to finish with the chat; then it fails and Telegram delivers it again. */
  waitMs?: number;
  /** The session storage, whose reads and writes then ride on the gate's statements. */
  sessions?: SessionHandoff;
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
    const { logger } = ctx.services;
    const holder = crypto.randomUUID();
    const updateId = BigInt(ctx.update.update_id);
    const admit = () => o.gate.admit(key, holder, o.holdMs, windowMs, updateId, new Date(Date.now() - o.holdMs));
    let entry: Admission;
    const first = admit();
    try {
      entry = await withTimeout(first, CLAIM_TIMEOUT_MS, "chat gate");
    } catch (error) {
      // The database is away or slow: help still answers; anything that needs it fails and is
      // redelivered. Should the statement still go through later, what it took is given back at
      // once, so the chat is not held for the lease's whole length by an update that went on without it.
      first
        .then((late) => (late.held || late.attempts !== undefined ? o.gate.finish(key, holder, updateId, false) : undefined))
        .catch(() => undefined);
      logger.warn({ err: errorSummary(error), update_id: ctx.update.update_id }, "chat gate unavailable");
      return next();
    }
    let held = entry.held;
    let claimed = entry.attempts !== undefined;
    let handled = false;
    let settled = false;
    let slot = false;
    try {
      if (!claimed) {
        if (entry.done !== false) return logger.info({ update_id: ctx.update.update_id }, "duplicate update skipped");
        // Being handled elsewhere right now: wait until that instance is done with the chat, then look again.
        if (!held) held = await waitForLease(o, key, holder, waitMs);
        if (held) entry = await admit();
        claimed = entry.attempts !== undefined;
        if (!claimed && entry.done !== false) return logger.info({ update_id: ctx.update.update_id }, "duplicate update skipped");
        if (!claimed) throw new UpdateInProgress(`update ${ctx.update.update_id} is being handled elsewhere`);
      }
      if ((entry.attempts ?? 0) > MAX_ATTEMPTS) {
        logger.error({ update_id: ctx.update.update_id, attempts: entry.attempts }, "update failed too many times: given up");
        handled = true;
        return;
      }
      if (entry.hits > o.floodLimit && !isLifeline(ctx)) {
        await tooFast(ctx, entry.hits === o.floodLimit + 1);
        handled = true;
        return;
      }
      if (!held) held = await waitForLease(o, key, holder, waitMs);
      if (!held) throw new ChatBusy(`chat busy elsewhere for ${waitMs} ms (update ${ctx.update.update_id})`);
      // What the admit statement read is current only if it took the lease itself; otherwise the
      // session is read when first needed, and the language by the next middleware.
      if (entry.prefetched) ctx.savedLanguage = entry.prefetched.language;
      if (o.sessions) {
        o.sessions.begin(key, entry.prefetched?.session);
        slot = true;
      }
      await next();
      handled = true;
      const change = slot ? o.sessions?.end(key) : undefined;
      slot = false;
      if (change) {
        settled = true;
        await saveAndFinish(o.gate, ctx, key, holder, updateId, change);
      }
    } finally {
      if (slot) o.sessions?.end(key);
      // Handled: done. Failed: released at once, so that Telegram's redelivery is handled, not skipped.
      const settle = settled
        ? undefined
        : claimed
          ? o.gate.finish(key, holder, updateId, handled)
          : held
            ? o.gate.release(key, holder)
            : undefined;
      await settle?.catch((error: unknown) =>
        logger.warn(
          { err: errorSummary(error), update_id: ctx.update.update_id },
          "chat gate not settled; its lease and claim run out by themselves",
        ),
      );
    }
  };
}

/** The update's session is saved with its "done" mark; if that fails, the update is released for redelivery and fails. */
async function saveAndFinish(gate: ChatGate, ctx: BotContext, key: string, holder: string, updateId: bigint, change: SessionChange) {
  try {
    await gate.finish(key, holder, updateId, true, change);
  } catch (error) {
    await gate
      .finish(key, holder, updateId, false)
      .catch((e: unknown) =>
        ctx.services.logger.warn(
          { err: errorSummary(e), update_id: ctx.update.update_id },
          "chat gate not settled; its lease and claim run out by themselves",
        ),
      );
    throw error;
  }
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
    await ctx
      .reply(ctx.t("errors.tooFast"), { parse_mode: "HTML", reply_markup: { inline_keyboard: [helpRow(ctx, { menu: false })] } })
      .catch(() => undefined);
  } else if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery().catch(() => undefined);
  }
}

const LIFELINE_COMMANDS = /^\/(help|sos|hide|exit)(@\w+)?(\s|$)/;

function isLifeline(ctx: BotContext): boolean {
  return LIFELINE_COMMANDS.test(ctx.message?.text ?? "") || isLifelineButton(ctx.callbackQuery?.data ?? "");
}
