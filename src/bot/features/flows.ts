// Buttons and typed answers that belong to a conversation in flows/.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";

export const flowsFeature = new Composer<BotContext>();

flowsFeature.on("callback_query:data", async (ctx, next) => {
  if (!(await ctx.services.engine.press(ctx, ctx.callbackQuery.data))) await next();
});

flowsFeature.on("message:text", async (ctx, next) => {
  if (ctx.message.text.startsWith("/") || !(await ctx.services.engine.type(ctx, ctx.message.text))) await next();
});
