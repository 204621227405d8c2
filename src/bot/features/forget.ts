// /forget: the child deletes what the bot keeps about them, after one confirmation.
import { Composer } from "grammy";
import type { SessionFlavor } from "grammy";
import type { BotContext, SessionData } from "../context.js";
import { helpRow, show } from "../screen.js";

const yes = "forget:yes";
const no = "forget:no";

export const forgetFeature = new Composer<BotContext>();

forgetFeature.command("forget", (ctx) =>
  show(ctx, {
    text: ctx.t("forget.confirm"),
    rows: [[{ text: ctx.t("forget.yes"), callback_data: yes }, { text: ctx.t("forget.no"), callback_data: no }], helpRow(ctx)],
  }),
);

forgetFeature.callbackQuery(yes, async (ctx) => {
  await ctx.answerCallbackQuery();
  const pseudonym = ctx.pseudonym;
  if (pseudonym) {
    await ctx.services.forgetChild(pseudonym);
    // The session middleware would write the session back after this handler; clearing it
    // makes grammY delete the row instead.
    (ctx as SessionFlavor<SessionData>).session = null;
  }
  await show(ctx, { text: ctx.t("forget.done"), rows: [helpRow(ctx, { menu: false })] });
});

forgetFeature.callbackQuery(no, async (ctx) => {
  await ctx.answerCallbackQuery();
  await show(ctx, { text: ctx.t("forget.kept"), rows: [helpRow(ctx)] });
});
