// "My rights": themes -> topics -> a topic (plain words, what you can do, sources, read more,
// "this is happening to me", "did this help?"). Typed questions reach answerQuestion through the
// listening feature, after the danger and disclosure checks.
import { Composer } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { BotContext } from "../context.js";
import { escapeHtml, helpRow, inRows, show } from "../screen.js";
import { rightsLibrary, topicGroups, topicSources, type Topic } from "../../domain/rights/library.js";
import { searchTopics } from "../../domain/rights/search.js";

export const rightsFeature = new Composer<BotContext>();
const library = rightsLibrary();

export const rightsData = { themes: "rt:themes", ask: "rt:ask" } as const;

export const topicButton = (ctx: BotContext, topic: Topic): InlineKeyboardButton[] => [{ text: ctx.t(`rights:topics.${topic.id}.title`), callback_data: `rt:t:${topic.id}` }];

export async function showThemes(ctx: BotContext, intro = "rights:ui.groups_title"): Promise<void> {
  const rows = inRows(topicGroups.map((g) => ({ text: ctx.t(`rights:ui.groups.${g}`), callback_data: `rt:g:${g}` })));
  await show(ctx, { text: ctx.t(intro), rows: [...rows, [{ text: ctx.t("rights:ui.ask"), callback_data: rightsData.ask }], helpRow(ctx)] });
}

export async function askQuestion(ctx: BotContext): Promise<void> {
  ctx.session.awaiting = { kind: "rights_search" };
  await show(ctx, { text: ctx.t("rights:ui.ask_prompt"), rows: [[{ text: ctx.t("rights:ui.back_topics"), callback_data: rightsData.themes }], helpRow(ctx)] });
}

function sourcesText(ctx: BotContext, topic: Topic): string {
  const lines = topicSources(library, topic, ctx.language, (list) => ctx.t("rights:ui.articles", { list }));
  return lines.length ? `\n\n${ctx.t("rights:ui.sources_title")}\n${lines.map((l) => `• ${escapeHtml(l)}`).join("\n")}` : "";
}

async function showTopic(ctx: BotContext, topic: Topic, part: "short" | "more"): Promise<void> {
  const base = `rights:topics.${topic.id}`;
  const body = part === "short" ? `${ctx.t(`${base}.short`)}\n\n${ctx.t("rights:ui.todo_title")}\n${ctx.t(`${base}.todo`)}` : ctx.t(`${base}.more`);
  const rows: InlineKeyboardButton[][] = [];
  if (part === "short") rows.push([{ text: ctx.t("rights:ui.more"), callback_data: `rt:m:${topic.id}` }]);
  if (topic.report) rows.push([{ text: ctx.t("rights:ui.happening"), callback_data: "rt:report" }]);
  rows.push([
    { text: ctx.t("rights:ui.helped_yes"), callback_data: `rt:f:${topic.id}:1` },
    { text: ctx.t("rights:ui.helped_no"), callback_data: `rt:f:${topic.id}:0` },
  ]);
  rows.push([{ text: ctx.t("rights:ui.back_topics"), callback_data: `rt:g:${topic.group}` }], helpRow(ctx));
  await show(ctx, { text: `<b>${escapeHtml(ctx.t(`${base}.title`))}</b>\n\n${body}${sourcesText(ctx, topic)}\n\n${ctx.t("rights:ui.helped_question")}`, rows });
}

/**
 * Shows matching topics for a typed question; false when nothing matched. `offer` adds a line
 * and a row under the topics (the listening feature's "if this is happening to you").
 */
export async function answerQuestion(ctx: BotContext, question: string, options: { fallbackToThemes: boolean; offer?: { text: string; row: InlineKeyboardButton[] } | undefined }): Promise<boolean> {
  const hits = searchTopics(library, question, ctx.language);
  if (hits.length === 0) {
    if (options.fallbackToThemes) await showThemes(ctx, "rights:ui.no_results");
    return false;
  }
  const { offer } = options;
  await ctx.reply(offer ? `${ctx.t("rights:ui.results")}\n\n${offer.text}` : ctx.t("rights:ui.results"), {
    parse_mode: "HTML",
    reply_markup: { inline_keyboard: [...hits.map((h) => topicButton(ctx, h.topic)), ...(offer ? [offer.row] : []), [{ text: ctx.t("rights:ui.ask"), callback_data: rightsData.ask }], helpRow(ctx)] },
  });
  return true;
}

rightsFeature.command("rights", (ctx) => ctx.services.engine.start(ctx, "rights"));
rightsFeature.callbackQuery(rightsData.themes, async (ctx) => {
  await ctx.answerCallbackQuery();
  await showThemes(ctx);
});
rightsFeature.callbackQuery(rightsData.ask, async (ctx) => {
  await ctx.answerCallbackQuery();
  await askQuestion(ctx);
});
rightsFeature.callbackQuery(/^rt:g:([a-z]+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const topics = library.topics.filter((t) => t.group === ctx.match[1]);
  if (topics.length === 0) return showThemes(ctx);
  await show(ctx, {
    text: `<b>${ctx.t(`rights:ui.groups.${ctx.match[1]}`)}</b>\n\n${ctx.t("rights:ui.group_title")}`,
    rows: [...topics.map((t) => topicButton(ctx, t)), [{ text: ctx.t("rights:ui.back_topics"), callback_data: rightsData.themes }], helpRow(ctx)],
  });
});
rightsFeature.callbackQuery(/^rt:([tm]):([a-z0-9_]+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const topic = library.topics.find((t) => t.id === ctx.match[2]);
  if (topic) await showTopic(ctx, topic, ctx.match[1] === "t" ? "short" : "more");
  else await showThemes(ctx);
});
rightsFeature.callbackQuery("rt:report", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.services.engine.start(ctx, "report");
});
rightsFeature.callbackQuery(/^rt:f:([a-z0-9_]+):([01])$/, async (ctx) => {
  const topic = library.topics.find((t) => t.id === ctx.match[1]);
  if (topic) await ctx.services.db.topicFeedback.create({ data: { topicId: topic.id, helpful: ctx.match[2] === "1", language: ctx.language } });
  await ctx.answerCallbackQuery({ text: ctx.t("rights:ui.thanks") });
});
