// Quick exit (/hide and a button on every report screen): delete the recent messages of this
// chat, drop any unfinished report, and leave a neutral screen.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { QUICK_EXIT_DATA } from "../../flows/engine.js";
import { errorSummary } from "../../logger.js";

export const quickExitFeature = new Composer<BotContext>();

async function quickExit(ctx: BotContext): Promise<void> {
  const chatId = ctx.chat!.id;
  const ids = new Set((ctx.session.trace ?? []).map((m) => m.id));
  if (ctx.message) ids.add(ctx.message.message_id);
  if (ctx.callbackQuery?.message) ids.add(ctx.callbackQuery.message.message_id);
  // Nothing that was typed should be found by whoever picks up the phone next.
  ctx.session.flow = undefined;
  ctx.session.drafts = undefined;
  ctx.session.awaiting = undefined;
  ctx.session.unlocked = undefined;
  ctx.session.trace = [];
  const all = [...ids].sort((a, b) => a - b);
  for (let i = 0; i < all.length; i += 100) {
    await ctx.api.deleteMessages(chatId, all.slice(i, i + 100)).catch((e) => ctx.services.logger.warn({ err: errorSummary(e) }, "quick exit: some messages could not be deleted"));
  }
  // Neutral words, no buttons that lead back into the reports.
  const neutral = await ctx.api.sendMessage(chatId, ctx.t("quick_exit.done"));
  ctx.session.trace = [{ id: neutral.message_id, at: Date.now() }];
}

quickExitFeature.command(["hide", "exit"], quickExit);
quickExitFeature.callbackQuery(QUICK_EXIT_DATA, async (ctx) => {
  await ctx.answerCallbackQuery();
  await quickExit(ctx);
});
