// "Help in my region": national lines, what exists in every region, and what is verified for the
// chosen region only, from flows/help-directory.json; a region with nothing of its own verified is
// told so plainly. No database: it works when the database is down.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { helpRow, inRows, navData, show } from "../screen.js";
import { entriesFor, lastChecked, loadHelpDirectory, localEntries, regions, type Region } from "../../domain/help/directory.js";
import { sortByName } from "../../i18n/place-order.js";
import { encodeCallback, onButton } from "../callback-data.js";
import { directoryKey } from "../../i18n/data-keys.js";

export const helpRegionFeature = new Composer<BotContext>();
const directory = loadHelpDirectory();
export const regionHelpData = encodeCallback({ kind: "region.choose" });

/** The regions as buttons, in the alphabetical order of the child's language. */
export function regionButtons(ctx: BotContext, data: (region: Region) => string) {
  const name = (r: Region) => ctx.t(`report:regions.${r}`);
  return sortByName(regions, name, ctx.language).map((r) => ({ text: name(r), callback_data: data(r) }));
}

/** Back to where the child was (a rights screen, help, a flow), or the menu: these screens replace it. */
const backRow = (ctx: BotContext) => [{ text: ctx.t("nav.back"), callback_data: navData.resume }];

export async function chooseRegion(ctx: BotContext): Promise<void> {
  const rows = inRows(regionButtons(ctx, (region) => encodeCallback({ kind: "region.show", region })));
  await show(ctx, { text: ctx.t("rights:ui.region_choose"), rows: [...rows, backRow(ctx), helpRow(ctx)] });
}

onButton(helpRegionFeature, "region.choose", async (ctx) => {
  await ctx.answerCallbackQuery();
  await chooseRegion(ctx);
});

onButton(helpRegionFeature, "region.show", async (ctx, pressed) => {
  await ctx.answerCallbackQuery();
  const region = regions.find((r) => r === pressed.region);
  if (!region) return chooseRegion(ctx);
  const shown = entriesFor(directory, region);
  const texts = shown.map((e) => ctx.t(directoryKey(e.id)));
  if (localEntries(directory, region).length === 0) texts.push(ctx.t("rights:ui.region_local_none"));
  await show(ctx, {
    text: ctx.t("rights:ui.region_view", {
      region: ctx.t(`report:regions.${region}`),
      entries: texts.join("\n\n"),
      checked: lastChecked(shown),
      interpolation: { escapeValue: false },
    }),
    rows: [[{ text: ctx.t("rights:ui.region_help"), callback_data: regionHelpData }], backRow(ctx), helpRow(ctx)],
  });
});
