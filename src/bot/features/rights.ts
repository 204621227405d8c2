// "My rights" is a flow (flows/rights.json: home -> themes -> topics of a theme -> a topic ->
// read more, "this is happening to me", "did this help?"), drawn from the rights library's
// lists (domain/rights/lists.ts). This file holds what that flow names in code (the topic's
// texts, the feedback) and what reaches a topic from outside the flow: typed questions, which
// reach answerQuestion through the listening feature after the danger and disclosure checks,
// and buttons of messages sent before the flow existed.
import { Composer } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import { z } from "zod";
import type { BotContext } from "../context.js";
import { escapeHtml, helpRow } from "../screen.js";
import { rightsLibrary, topicGroups, topicSources, type Topic } from "../../domain/rights/library.js";
import { searchTopics } from "../../domain/rights/search.js";
import { encodeCallback, onButton } from "../callback-data.js";
import { flowIds } from "../../flows/registry.js";
import type { FlowActions, InputCheck } from "../../flows/engine.js";
import { readingAnswers } from "../../flows/answers.js";
import { topicKey } from "../../i18n/data-keys.js";

export const rightsFeature = new Composer<BotContext>();
const library = rightsLibrary();
const topicById = (id: string | undefined): Topic | undefined => library.topics.find((t) => t.id === id);

/** "Ask a question", under search results (outside the flow). */
const askData = encodeCallback({ kind: "rights.ask" });

/** A topic's button outside the flow (search results): it opens the topic in the flow. */
export const topicButton = (ctx: BotContext, topic: Topic): InlineKeyboardButton[] => [
  { text: ctx.t(topicKey(topic.id, "title")), callback_data: encodeCallback({ kind: "rights.topic", topic: topic.id }) },
];

/** The themes, from the flow; `notFound` says first that a typed question found no topic. */
export async function showThemes(ctx: BotContext, notFound = false): Promise<void> {
  await ctx.services.engine.start(ctx, flowIds.rights, { at: notFound ? "not_found" : "themes" });
}

/**
 * A topic (or its "read more") opened from outside the browsing: a search result, or a button of
 * an older message. The answers the flow would have recorded on the way are given, and `from`
 * adds the way to the other topics of its theme (there is no Back to go to).
 */
async function openTopic(ctx: BotContext, topic: Topic, part: "topic" | "more"): Promise<void> {
  const happening = topic.report ? topic.happening : "none";
  await ctx.services.engine.start(ctx, flowIds.rights, {
    at: part,
    prefill: { topic: topic.id, group: topic.group, happening, from: "search" },
  });
}

/** "Ask a question" (flows/rights_question.json): the next words typed are searched as a question. */
async function askQuestion(ctx: BotContext): Promise<void> {
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

function sourcesText(ctx: BotContext, topic: Topic): string {
  const lines = topicSources(library, topic, ctx.language, (list, count) => ctx.t("rights:ui.articles", { list, count }));
  return lines.length ? `\n\n${ctx.t("rights:ui.sources_title")}\n${lines.map((l) => `• ${escapeHtml(l)}`).join("\n")}` : "";
}

const chosenTopic = z.object({ topic: z.string().optional() });

/** The texts of the topic the child chose: its title, the part shown, and where it comes from. */
const topicPage = (part: "short" | "more") =>
  readingAnswers(chosenTopic, async (ctx: BotContext, { topic: id }) => {
    const topic = topicById(id);
    if (!topic) return { title: "", body: "", sources: "" };
    const body =
      part === "short"
        ? `${ctx.t(topicKey(topic.id, "short"))}\n\n${ctx.t("rights:ui.todo_title")}\n${ctx.t(topicKey(topic.id, "todo"))}`
        : ctx.t(topicKey(topic.id, "more"));
    return { title: ctx.t(topicKey(topic.id, "title")), body, sources: sourcesText(ctx, topic) };
  });

export const rightsActions: Pick<FlowActions<BotContext>, "checks" | "params" | "onPress"> = {
  checks: { rightsQuestion },
  params: {
    topicShort: topicPage("short"),
    topicMore: topicPage("more"),
    topicGroup: readingAnswers(z.object({ group: z.string().optional() }), async (ctx: BotContext, { group }) => {
      const known = topicGroups.find((g) => g === group);
      return { group: known ? ctx.t(`rights:ui.groups.${known}`) : "" };
    }),
  },
  onPress: {
    // "Did this help?": counted by topic and language only, nothing about the child; a second
    // tap on the same topic is thanked, not counted again.
    topicFeedback: readingAnswers(
      z.object({ topic: z.string().optional(), helped: z.enum(["yes", "no"]).optional(), rated: z.string().optional() }),
      async (ctx: BotContext, { topic: id, helped, rated }, state) => {
        const topic = topicById(id);
        if (!topic || !helped || rated === topic.id) return;
        state.answers.rated = topic.id;
        await ctx.services.db.topicFeedback.create({ data: { topicId: topic.id, helpful: helped === "yes", language: ctx.language } });
      },
      ["rated"],
    ),
  },
};

/**
 * Shows matching topics for a typed question; false when nothing matched. `offer` adds a line
 * and a row under the topics (the listening feature's "if this is happening to you").
 */
export async function answerQuestion(
  ctx: BotContext,
  question: string,
  options: { offer?: { text: string; row: InlineKeyboardButton[] } | undefined },
): Promise<boolean> {
  const hits = searchTopics(library, question, ctx.language);
  if (hits.length === 0) return false;
  const { offer } = options;
  await ctx.reply(offer ? `${ctx.t("rights:ui.results")}\n\n${offer.text}` : ctx.t("rights:ui.results"), {
    parse_mode: "HTML",
    reply_markup: {
      inline_keyboard: [
        ...hits.map((h) => topicButton(ctx, h.topic)),
        ...(offer ? [offer.row] : []),
        [{ text: ctx.t("rights:ui.ask"), callback_data: askData }],
        helpRow(ctx),
      ],
    },
  });
  return true;
}

// Always the rights home, even from the middle of "My rights" (started again, it would resume).
rightsFeature.command("rights", (ctx) => ctx.services.engine.start(ctx, flowIds.rights, { at: "home" }));
onButton(rightsFeature, "rights.ask", async (ctx) => {
  await ctx.answerCallbackQuery();
  await askQuestion(ctx);
});
for (const [kind, part] of [
  ["rights.topic", "topic"],
  ["rights.more", "more"],
] as const) {
  onButton(rightsFeature, kind, async (ctx, pressed) => {
    await ctx.answerCallbackQuery();
    const topic = topicById(pressed.topic);
    if (topic) await openTopic(ctx, topic, part);
    else await showThemes(ctx);
  });
}

// Buttons of messages sent before "My rights" was a flow: each leads to the same place in it.
onButton(rightsFeature, "rights.themes", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showThemes(ctx);
});
onButton(rightsFeature, "rights.group", async (ctx, { group }) => {
  await ctx.answerCallbackQuery();
  if (!library.topics.some((t) => t.group === group)) return showThemes(ctx);
  await ctx.services.engine.start(ctx, flowIds.rights, { at: "group", prefill: { group } });
});
onButton(rightsFeature, "rights.report", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.services.engine.start(ctx, flowIds.report);
});
onButton(rightsFeature, "rights.helped", async (ctx, { topic: id, helped }) => {
  const topic = topicById(id);
  if (topic) await ctx.services.db.topicFeedback.create({ data: { topicId: topic.id, helpful: helped, language: ctx.language } });
  await ctx.answerCallbackQuery({ text: ctx.t("rights:ui.thanks") });
});
