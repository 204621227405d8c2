// Last: anything no feature took gets a kind answer and a way on, never silence.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { helpRow } from "../screen.js";
import { flowIds } from "../../flows/registry.js";

export const unhandledFeature = new Composer<BotContext>();

unhandledFeature.on("callback_query", async (ctx) => {
  await ctx.answerCallbackQuery({ text: ctx.t("errors.oldButton") });
  ctx.freshScreen = true; // the tapped message keeps what it shows
  if (!(await ctx.services.engine.resume(ctx))) await ctx.services.engine.start(ctx, flowIds.menu);
});

unhandledFeature.on("message", async (ctx) => {
  await ctx.reply(ctx.t("listen:fallback"), { reply_markup: { inline_keyboard: [helpRow(ctx, { menu: false })] } });
  if (!(await ctx.services.engine.resume(ctx))) await ctx.services.engine.start(ctx, flowIds.menu);
});
