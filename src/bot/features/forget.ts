// /forget: the child deletes what the bot keeps about them, after one confirmation.
import { Composer } from "grammy";
import type { SessionFlavor } from "grammy";
import type { BotContext, SessionData } from "../context.js";
import { helpRow, show } from "../screen.js";
import { encodeCallback, onButton } from "../callback-data.js";

const yes = encodeCallback({ kind: "forget", confirm: true });
const no = encodeCallback({ kind: "forget", confirm: false });

export const forgetFeature = new Composer<BotContext>();

forgetFeature.command("forget", (ctx) =>
  show(ctx, {
    text: ctx.t("forget.confirm"),
    rows: [
      [
        { text: ctx.t("forget.yes"), callback_data: yes },
        { text: ctx.t("forget.no"), callback_data: no },
      ],
      helpRow(ctx),
    ],
  }),
);

onButton(forgetFeature, "forget", async (ctx, { confirm }) => {
  await ctx.answerCallbackQuery();
  if (!confirm) return show(ctx, { text: ctx.t("forget.kept"), rows: [helpRow(ctx)] });
  const pseudonym = ctx.pseudonym;
  if (pseudonym) {
    await ctx.services.forgetChild(pseudonym);
    // The session middleware would write the session back after this handler; clearing it
    // makes grammY delete the row instead.
    (ctx as SessionFlavor<SessionData>).session = null;
  }
  await show(ctx, { text: ctx.t("forget.done"), rows: [helpRow(ctx, { menu: false })] });
});
