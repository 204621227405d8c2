// "Help in my region": national lines plus what exists in the chosen region, only verified
// entries from flows/help-directory.json. No database: it works when the database is down.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { inRows, navData, show } from "../screen.js";
import { entriesFor, loadHelpDirectory, regions, type Region } from "../../domain/help/directory.js";

export const helpRegionFeature = new Composer<BotContext>();
const directory = loadHelpDirectory();
export const regionHelpData = "hr:choose";

export async function chooseRegion(ctx: BotContext): Promise<void> {
  const rows = inRows(regions.map((r) => ({ text: ctx.t(`report:regions.${r}`), callback_data: `hr:${r}` })));
  await show(ctx, { text: ctx.t("rights:ui.region_choose"), rows: [...rows, [{ text: ctx.t("nav.help"), callback_data: navData.help }]] });
}

helpRegionFeature.callbackQuery(regionHelpData, async (ctx) => {
  await ctx.answerCallbackQuery();
  await chooseRegion(ctx);
});

helpRegionFeature.callbackQuery(/^hr:([a-z_]+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const region = ctx.match[1] as Region;
  if (!(regions as readonly string[]).includes(region)) return chooseRegion(ctx);
  const entries = entriesFor(directory, region).map((e) => ctx.t(`rights:ui.dir.${e.id}`));
  await show(ctx, {
    text: ctx.t("rights:ui.region_view", { region: ctx.t(`report:regions.${region}`), entries: entries.join("\n\n"), interpolation: { escapeValue: false } }),
    rows: [
      [{ text: ctx.t("rights:ui.region_help"), callback_data: regionHelpData }],
      [
        { text: ctx.t("nav.help"), callback_data: navData.help },
        { text: ctx.t("nav.menu"), callback_data: navData.menu },
      ],
    ],
  });
});
