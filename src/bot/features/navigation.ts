// Start, menu, language and resume: the ways into the conversations in flows/.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { onButton } from "../callback-data.js";
import { flowIds } from "../../flows/registry.js";

export const navigationFeature = new Composer<BotContext>();

navigationFeature.command("start", async (ctx) => {
  const engine = ctx.services.engine;
  // A child whose Telegram language is not one of ours chooses first, in all three languages.
  if (!ctx.languageKnown) await engine.start(ctx, flowIds.language, { then: `flow:${flowIds.onboarding}` });
  else await engine.start(ctx, flowIds.onboarding);
});

navigationFeature.command("menu", (ctx) => ctx.services.engine.start(ctx, flowIds.menu));
navigationFeature.command("report", (ctx) => ctx.services.engine.start(ctx, flowIds.report));
navigationFeature.command("language", (ctx) => ctx.services.engine.start(ctx, flowIds.language));

onButton(navigationFeature, "nav.menu", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.services.engine.start(ctx, flowIds.menu);
});
onButton(navigationFeature, "nav.language", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.services.engine.start(ctx, flowIds.language);
});
onButton(navigationFeature, "nav.resume", async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!(await ctx.services.engine.resume(ctx))) await ctx.services.engine.start(ctx, flowIds.menu);
});
