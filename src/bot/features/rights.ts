// "My rights": themes -> topics -> a topic (plain words, what you can do, sources, read more,
// "this is happening to me", "did this help?"). Typed questions reach answerQuestion through the
// listening feature, after the danger and disclosure checks.
import { Composer } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { BotContext } from "../context.js";
import { escapeHtml, helpRow, inRows, navData, show } from "../screen.js";
import { rightsLibrary, topicGroups, topicSources, type Topic } from "../../domain/rights/library.js";
import { searchTopics } from "../../domain/rights/search.js";
import { encodeCallback, onButton } from "../callback-data.js";
import { flowIds } from "../../flows/registry.js";
import type { FlowActions, InputCheck } from "../../flows/actions.js";
import { topicKey } from "../../i18n/data-keys.js";
import type { TextKey } from "../../i18n/i18n.js";

export const rightsFeature = new Composer<BotContext>();
const library = rightsLibrary();

export const rightsData = {
  themes: encodeCallback({ kind: "rights.themes" }),
  ask: encodeCallback({ kind: "rights.ask" }),
  crisis: encodeCallback({ kind: "rights.crisis" }),
} as const;

/** «This is happening to me»: the report, or for a crisis topic help first (see listen.ts), or «Get help now». */
const happeningData = { report: encodeCallback({ kind: "rights.report" }), crisis: rightsData.crisis, help: navData.help } as const;

export const topicButton = (ctx: BotContext, topic: Topic): InlineKeyboardButton[] => [
  { text: ctx.t(topicKey(topic.id, "title")), callback_data: encodeCallback({ kind: "rights.topic", topic: topic.id }) },
];

export async function showThemes(ctx: BotContext, intro: TextKey = "rights:ui.groups_title"): Promise<void> {
  const rows = inRows(
    topicGroups.map((g) => ({ text: ctx.t(`rights:ui.groups.${g}`), callback_data: encodeCallback({ kind: "rights.group", group: g }) })),
  );
  await show(ctx, { text: ctx.t(intro), rows: [...rows, [{ text: ctx.t("rights:ui.ask"), callback_data: rightsData.ask }], helpRow(ctx)] });
}

/** "Ask a question" (flows/rights_question.json): the next words typed are searched as a question. */
export async function askQuestion(ctx: BotContext): Promise<void> {
  await ctx.services.engine.start(ctx, flowIds.rightsQuestion);
}

/**
 * The question's check: the words always go on to the listening feature, which reads danger and
 * disclosures first and then answers the question (listen.ts); the flow only marks them as asked.
 */
async function rightsQuestion(ctx: BotContext): Promise<InputCheck> {
  ctx.askedQuestion = true;
  return { leave: true };
}

export const rightsActions: Pick<FlowActions<BotContext>, "checks"> = { checks: { rightsQuestion } };

function sourcesText(ctx: BotContext, topic: Topic): string {
  const lines = topicSources(library, topic, ctx.language, (list, count) => ctx.t("rights:ui.articles", { list, count }));
  return lines.length ? `\n\n${ctx.t("rights:ui.sources_title")}\n${lines.map((l) => `• ${escapeHtml(l)}`).join("\n")}` : "";
}

async function showTopic(ctx: BotContext, topic: Topic, part: "short" | "more"): Promise<void> {
  const body =
    part === "short"
      ? `${ctx.t(topicKey(topic.id, "short"))}\n\n${ctx.t("rights:ui.todo_title")}\n${ctx.t(topicKey(topic.id, "todo"))}`
      : ctx.t(topicKey(topic.id, "more"));
  const rows: InlineKeyboardButton[][] = [];
  if (part === "short")
    rows.push([{ text: ctx.t("rights:ui.more"), callback_data: encodeCallback({ kind: "rights.more", topic: topic.id }) }]);
  if (topic.report) rows.push([{ text: ctx.t("rights:ui.happening"), callback_data: happeningData[topic.happening] }]);
  rows.push([
    { text: ctx.t("rights:ui.helped_yes"), callback_data: encodeCallback({ kind: "rights.helped", topic: topic.id, helped: true }) },
    { text: ctx.t("rights:ui.helped_no"), callback_data: encodeCallback({ kind: "rights.helped", topic: topic.id, helped: false }) },
  ]);
  rows.push(
    [{ text: ctx.t("rights:ui.back_topics"), callback_data: encodeCallback({ kind: "rights.group", group: topic.group }) }],
    helpRow(ctx),
  );
  await show(ctx, {
    text: `<b>${escapeHtml(ctx.t(topicKey(topic.id, "title")))}</b>\n\n${body}${sourcesText(ctx, topic)}\n\n${ctx.t("rights:ui.helped_question")}`,
    rows,
  });
}

/**
 * Shows matching topics for a typed question; false when nothing matched. `offer` adds a line
 * and a row under the topics (the listening feature's "if this is happening to you").
 */
export async function answerQuestion(
  ctx: BotContext,
  question: string,
  options: { fallbackToThemes: boolean; offer?: { text: string; row: InlineKeyboardButton[] } | undefined },
): Promise<boolean> {
  const hits = searchTopics(library, question, ctx.language);
  if (hits.length === 0) {
    if (options.fallbackToThemes) await showThemes(ctx, "rights:ui.no_results");
    return false;
  }
  const { offer } = options;
  await ctx.reply(offer ? `${ctx.t("rights:ui.results")}\n\n${offer.text}` : ctx.t("rights:ui.results"), {
    parse_mode: "HTML",
    reply_markup: {
      inline_keyboard: [
        ...hits.map((h) => topicButton(ctx, h.topic)),
        ...(offer ? [offer.row] : []),
        [{ text: ctx.t("rights:ui.ask"), callback_data: rightsData.ask }],
        helpRow(ctx),
      ],
    },
  });
  return true;
}

rightsFeature.command("rights", (ctx) => ctx.services.engine.start(ctx, flowIds.rights));
onButton(rightsFeature, "rights.themes", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showThemes(ctx);
});
onButton(rightsFeature, "rights.ask", async (ctx) => {
  await ctx.answerCallbackQuery();
  await askQuestion(ctx);
});
onButton(rightsFeature, "rights.group", async (ctx, { group }) => {
  await ctx.answerCallbackQuery();
  const known = topicGroups.find((g) => g === group);
  const topics = library.topics.filter((t) => t.group === known);
  if (!known || topics.length === 0) return showThemes(ctx);
  await show(ctx, {
    text: `<b>${ctx.t(`rights:ui.groups.${known}`)}</b>\n\n${ctx.t("rights:ui.group_title")}`,
    rows: [
      ...topics.map((t) => topicButton(ctx, t)),
      [{ text: ctx.t("rights:ui.back_topics"), callback_data: rightsData.themes }],
      helpRow(ctx),
    ],
  });
});
for (const [kind, part] of [
  ["rights.topic", "short"],
  ["rights.more", "more"],
] as const) {
  onButton(rightsFeature, kind, async (ctx, pressed) => {
    await ctx.answerCallbackQuery();
    const topic = library.topics.find((t) => t.id === pressed.topic);
    if (topic) await showTopic(ctx, topic, part);
    else await showThemes(ctx);
  });
}
onButton(rightsFeature, "rights.report", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.services.engine.start(ctx, flowIds.report);
});
onButton(rightsFeature, "rights.helped", async (ctx, { topic: id, helped }) => {
  const topic = library.topics.find((t) => t.id === id);
  if (topic) await ctx.services.db.topicFeedback.create({ data: { topicId: topic.id, helpful: helped, language: ctx.language } });
  await ctx.answerCallbackQuery({ text: ctx.t("rights:ui.thanks") });
});
