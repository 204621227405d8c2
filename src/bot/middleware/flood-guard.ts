// Flood guard: a person sending more than `limit` updates within `windowMs` gets one kind
// notice and the rest of the window is dropped. In memory, per process, keyed by pseudonym.
// (Written here rather than taken from @grammyjs/ratelimiter: its store keeps a Node timer
// with unref(), which the Workers runtime does not promise.)
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import { helpRow, navData } from "../screen.js";
import { QUICK_EXIT_DATA } from "../../flows/engine.js";

export function floodGuard(limit: number, windowMs = 10_000): MiddlewareFn<BotContext> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (ctx, next) => {
    const key = ctx.pseudonym;
    // Help and the quick exit always get through, however fast a frightened child taps.
    if (!key || ctx.chat?.type !== "private" || isLifeline(ctx)) return next();
    const now = Date.now();
    if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start > windowMs) windows.delete(k);
    const w = windows.get(key);
    if (!w || now - w.start > windowMs) {
      windows.set(key, { start: now, count: 1 });
      return next();
    }
    w.count++;
    if (w.count <= limit) return next();
    if (w.count === limit + 1) {
      ctx.services.logger.warn({ update_id: ctx.update.update_id }, "flood guard: updates dropped for a few seconds");
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      await ctx.reply(ctx.t("errors.tooFast"), { parse_mode: "HTML", reply_markup: { inline_keyboard: [helpRow(ctx, { menu: false })] } }).catch(() => undefined);
    } else if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery().catch(() => undefined);
    }
  };
}

const LIFELINE_COMMANDS = /^\/(help|sos|hide|exit)(@\w+)?(\s|$)/;
const LIFELINE_BUTTONS = new Set([navData.help, QUICK_EXIT_DATA]);

function isLifeline(ctx: BotContext): boolean {
  return LIFELINE_COMMANDS.test(ctx.message?.text ?? "") || LIFELINE_BUTTONS.has(ctx.callbackQuery?.data ?? "");
}
