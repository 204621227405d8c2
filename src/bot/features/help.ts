// "Get help now": reachable from every screen, in every language, and it never touches the
// database, so it still works when the database is down.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { navData, show } from "../screen.js";
import { encodeCallback, onButton } from "../callback-data.js";

/**
 * Help replaces the screen it was opened from (fewer traces on a shared phone), so it always
 * offers the way back to where the child was (or the menu when there is nowhere to go back to).
 */
export async function showHelp(ctx: BotContext): Promise<void> {
  const rows = [];
  rows.push([{ text: ctx.t("nav.back"), callback_data: navData.resume }]);
  rows.push([{ text: ctx.t("rights:ui.region_help"), callback_data: encodeCallback({ kind: "region.choose" }) }]);
  rows.push([
    { text: ctx.t("nav.menu"), callback_data: navData.menu },
    { text: ctx.t("nav.language"), callback_data: navData.language },
  ]);
  await show(ctx, { text: ctx.t("help.text"), rows });
}

export const helpFeature = new Composer<BotContext>();

helpFeature.command(["help", "sos"], (ctx) => showHelp(ctx));
onButton(helpFeature, "nav.help", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showHelp(ctx);
});
