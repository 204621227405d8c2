// Start, menu, language and resume: the ways into the conversations in flows/.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { navData } from "../screen.js";

export const navigationFeature = new Composer<BotContext>();

navigationFeature.command("start", async (ctx) => {
  const engine = ctx.services.engine;
  // A child whose Telegram language is not one of ours chooses first, in all three languages.
  if (!ctx.languageKnown) await engine.start(ctx, "language", { then: "flow:onboarding" });
  else await engine.start(ctx, "onboarding");
});

navigationFeature.command("menu", (ctx) => ctx.services.engine.start(ctx, "menu"));
navigationFeature.command("report", (ctx) => ctx.services.engine.start(ctx, "report"));
navigationFeature.command("language", (ctx) => ctx.services.engine.start(ctx, "language"));

navigationFeature.callbackQuery(navData.menu, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.services.engine.start(ctx, "menu");
});
navigationFeature.callbackQuery(navData.language, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.services.engine.start(ctx, "language");
});
navigationFeature.callbackQuery(navData.resume, async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!(await ctx.services.engine.resume(ctx))) await ctx.services.engine.start(ctx, "menu");
});
