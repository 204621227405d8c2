// Buttons and typed answers that belong to a conversation in flows/.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { onButton } from "../callback-data.js";

export const flowsFeature = new Composer<BotContext>();

onButton(flowsFeature, "flow", (ctx, pressed) => ctx.services.engine.press(ctx, pressed));

flowsFeature.on("message:text", async (ctx, next) => {
  if (ctx.message.text.startsWith("/") || !(await ctx.services.engine.type(ctx, ctx.message.text))) await next();
});
