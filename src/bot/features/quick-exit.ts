// Quick exit (/hide and a button on every report screen): delete the recent messages of this
// chat, drop any unfinished report, and leave a neutral screen. It runs before the session
// middleware and reads the session itself, with a short timeout: when the database is down or
// hangs, it still deletes what it can see (the command and the screen it was pressed on).
import { Composer, type StorageAdapter } from "grammy";
import type { BotContext, SessionData } from "../context.js";
import { onButton } from "../callback-data.js";
import { errorSummary } from "../../logger.js";
import { withTimeout } from "../../domain/timeouts.js";

const SESSION_TIMEOUT_MS = 2_000;

export function quickExitFeature(storage: StorageAdapter<SessionData>): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  async function quickExit(ctx: BotContext): Promise<void> {
    const chatId = ctx.chat!.id;
    const { logger } = ctx.services;
    const key = ctx.pseudonym;
    let session: SessionData | undefined;
    try {
      session = key ? await withTimeout(Promise.resolve(storage.read(key)), SESSION_TIMEOUT_MS, "session read") : undefined;
    } catch (error) {
      logger.warn({ err: errorSummary(error) }, "quick exit without the session: deleting what is on screen");
    }
    const ids = new Set((session?.trace ?? []).map((m) => m.id));
    if (ctx.message) ids.add(ctx.message.message_id);
    if (ctx.callbackQuery?.message) ids.add(ctx.callbackQuery.message.message_id);
    const all = [...ids].sort((a, b) => a - b);
    for (let i = 0; i < all.length; i += 100) {
      await ctx.api
        .deleteMessages(chatId, all.slice(i, i + 100))
        .catch((e) => logger.warn({ err: errorSummary(e) }, "quick exit: some messages could not be deleted"));
    }
    // Neutral words, no buttons that lead back into the reports.
    const neutral = await ctx.api.sendMessage(chatId, ctx.t("quick_exit.done"));
    if (!key) return;
    // Nothing that was typed should be found by whoever picks up the phone next.
    const cleared: SessionData = { ...session, trace: [{ id: neutral.message_id, at: Date.now() }] };
    delete cleared.flow;
    delete cleared.drafts;
    delete cleared.awaiting;
    delete cleared.unlocked;
    // The child-held lock: every report needs its case code again, and a held message is dropped.
    delete cleared.opened;
    delete cleared.heldMessage;
    cleared.lockedAt = Date.now();
    delete cleared.told;
    await withTimeout(Promise.resolve(storage.write(key, cleared)), SESSION_TIMEOUT_MS, "session write").catch((e: unknown) =>
      logger.warn({ err: errorSummary(e) }, "quick exit: the unfinished report could not be dropped now"),
    );
  }

  feature.command(["hide", "exit"], quickExit);
  onButton(feature, "quickExit", async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    await quickExit(ctx);
  });
  return feature;
}
