// Listening: whatever a child types, wherever they are, is read in one order.
//  1. Danger (hearDanger, before every feature): a crisis reply that fits the signal and says only
//     what is true (is a report open, was the team really told), and a signal for staff.
//  2. The feature that owns the moment takes the text (a typed answer, a code, a message to a
//     report; words typed at a report's button step are kept by the flow engine).
//  3. Nothing took it (listenFeature, just before the unhandled feature): a disclosure of harm is
//     thanked and answered with help and "Tell the team"; else a rights question is answered;
//     else a kind fallback offers the choices. Never a fallback after a crisis reply.
import { Composer, type MiddlewareFn } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { BotContext } from "../context.js";
import { detectRisk, type RiskFinding, type RiskSignal } from "../../domain/reports/risk-detection.js";
import { FOLLOW_MS } from "../../domain/signals/signals.js";
import { escapeHtml, helpRow, show } from "../screen.js";
import { errorSummary } from "../../logger.js";
import { answerQuestion, showThemes, topicButton } from "./rights.js";
import { looksLikeQuestion } from "../../domain/rights/question.js";
import { cutToUnits } from "../../domain/telegram-limits.js";
import { rightsLibrary } from "../../domain/rights/library.js";
import { searchTopics } from "../../domain/rights/search.js";
import { encodeCallback, onButton } from "../callback-data.js";
import { flowIds } from "../../flows/registry.js";
import type { TextKey } from "../../i18n/i18n.js";

export const listenData = {
  tell: encodeCallback({ kind: "listen.tell" }),
  mayWrite: (signal: string) => encodeCallback({ kind: "listen.mayWrite", signal }),
} as const;

/** "Tell the team" keeps the child's words this long (in the sealed session). */
const TOLD_KEEP_MS = 24 * 60 * 60 * 1000;
/** After a story or a crisis, what the child writes next is part of it for this long. */
const LISTENING_MS = 60 * 60 * 1000;
/** As much as the report's words can hold. */
const TOLD_MAX_UNITS = 3000;
/** The crisis reply fits the most serious signal heard. */
const CRISIS_TEXT: readonly [RiskSignal, TextKey][] = [
  ["suicide", "listen:crisis.suicide"],
  ["self_harm", "listen:crisis.self_harm"],
  ["sexual_abuse", "listen:crisis.sexual_abuse"],
  ["immediate_danger", "listen:crisis.danger"],
];
/** Harm that may be going on as the child writes: 112/102 are offered too. */
const MAY_BE_NOW: readonly RiskSignal[] = ["violence", "threats"];

const library = rightsLibrary();

function typedText(ctx: BotContext): string | undefined {
  const text = ctx.message?.text ?? ctx.message?.caption;
  return text && !text.startsWith("/") ? text : undefined;
}

function inReport(ctx: BotContext): boolean {
  return ctx.session.flow?.id === flowIds.report;
}

function tellTeamButton(ctx: BotContext): InlineKeyboardButton[] {
  return [{ text: ctx.t("listen:buttons.tell_team"), callback_data: listenData.tell }];
}

/** A story told over several messages is kept whole (the newest part last), for "Tell the team". */
function rememberWords(ctx: BotContext, text: string): void {
  const told = listeningTo(ctx);
  const words = told ? `${told.words}\n\n${text}` : text;
  ctx.session.told = { words: cutToUnits(words, TOLD_MAX_UNITS), at: Date.now() };
}

/** The words a child began telling within the last while, if any: the bot is still listening. */
function listeningTo(ctx: BotContext): { words: string; at: number } | undefined {
  const told = ctx.session.told;
  return told && Date.now() - told.at < LISTENING_MS ? told : undefined;
}

/** Records the signal and alerts the staff group once per half hour; true when the team knows. */
async function tellStaff(ctx: BotContext, signals: string[], place: "outside" | "draft"): Promise<{ told: boolean; signalId?: string }> {
  const { signals: service, staff, logger } = ctx.services;
  if (!ctx.pseudonym) return { told: false };
  try {
    const outcome = await service.raise({ pseudonym: ctx.pseudonym, signals, language: ctx.language, place });
    if (!outcome) return { told: false }; // a blocked pseudonym: the child is still answered
    ctx.session.signalAt = Date.now();
    // Keyed by the signal: a signal already alerted (this half hour) is not alerted again.
    await staff.alertSignal(outcome.signal);
    return { told: true, signalId: outcome.signal.id };
  } catch (error) {
    logger.error({ err: errorSummary(error) }, "could not record a danger signal");
    return { told: false };
  }
}

async function answerCrisis(ctx: BotContext, text: string, urgent: RiskFinding[]): Promise<void> {
  const signals = urgent.map((f) => f.signal);
  const key = CRISIS_TEXT.find(([signal]) => signals.includes(signal))?.[1] ?? "listen:crisis.danger";
  // A message added to a sent report raises that report itself (followup); a draft is marked.
  const addingToReport = ctx.session.flow?.id === flowIds.reportMessage;
  const draft = inReport(ctx) ? ctx.session.flow : undefined;
  let told = false;
  let signalId: string | undefined;
  if (!addingToReport) {
    ({ told, signalId } = await tellStaff(ctx, signals, draft ? "draft" : "outside"));
    if (draft && told) draft.answers.alerted = "yes";
  }
  const open = Boolean(draft) || addingToReport;
  const lines = [ctx.t(key), ""];
  if (told) lines.push(ctx.t("listen:status.alerted"));
  // The danger text already lists 112 and 102: the line about the team does not repeat them.
  lines.push(ctx.t(key === "listen:crisis.danger" ? "listen:status.anonymous_short" : "listen:status.anonymous"));
  lines.push(ctx.t(open ? "listen:status.report_open" : "listen:status.can_tell"));
  const rows: InlineKeyboardButton[][] = [];
  if (!open) {
    rememberWords(ctx, text);
    rows.push(tellTeamButton(ctx));
    if (signalId) rows.push([{ text: ctx.t("listen:buttons.may_write"), callback_data: listenData.mayWrite(signalId) }]);
  }
  rows.push(helpRow(ctx, { menu: !open }));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: { inline_keyboard: rows } });
}

/** Danger first: runs before every feature, on any typed text or caption. */
export const hearDanger: MiddlewareFn<BotContext> = async (ctx, next) => {
  const text = typedText(ctx);
  if (!text) return next();
  const findings = detectRisk(text).findings;
  ctx.heard = { findings, crisisAnswered: false };
  const { signalAt } = ctx.session;
  if (ctx.pseudonym && signalAt && Date.now() - signalAt < FOLLOW_MS) {
    await ctx.services.signals
      .seen(ctx.pseudonym)
      .catch((e) => ctx.services.logger.warn({ err: errorSummary(e) }, "signal last-seen not updated"));
  }
  const urgent = findings.filter((f) => f.level === "urgent");
  if (urgent.length > 0) {
    await answerCrisis(ctx, text, urgent);
    ctx.heard.crisisAnswered = true;
  }
  await next();
};

/** A disclosure of harm: thanks first, then help that fits, then "Tell the team". */
async function answerDisclosure(ctx: BotContext, text: string, harm: RiskFinding[]): Promise<void> {
  rememberWords(ctx, text);
  const lines = [ctx.t("listen:disclosure.ack"), "", ctx.t("listen:disclosure.help")];
  if (harm.some((f) => MAY_BE_NOW.includes(f.signal))) lines.push(ctx.t("listen:disclosure.now"));
  lines.push("", ctx.t("listen:disclosure.offer"));
  // Rights that fit what the child described, after the help, never instead of it.
  const topics = searchTopics(library, text, ctx.language, 2).map((hit) => topicButton(ctx, hit.topic));
  await ctx.reply(lines.join("\n"), {
    parse_mode: "HTML",
    reply_markup: { inline_keyboard: [tellTeamButton(ctx), ...topics, helpRow(ctx)] },
  });
}

export const listenFeature = new Composer<BotContext>();

listenFeature.on("message", async (ctx, next) => {
  const text = typedText(ctx);
  if (!text) return next();
  const asked = ctx.askedQuestion === true;
  const heard = ctx.heard ?? { findings: detectRisk(text).findings, crisisAnswered: false };
  // The crisis reply already carries help, "Tell the team" and the way on: nothing may follow.
  if (heard.crisisAnswered) return;
  const harm = heard.findings.filter((f) => f.level !== "urgent");
  // "Can my parents hit me?" is a question first: the rights topics, then, if it may be happening
  // to the child, the offer to tell the team.
  const question = asked || looksLikeQuestion(text);
  if (question) {
    const offer = harm.length > 0 ? { text: ctx.t("listen:question_happening"), row: tellTeamButton(ctx) } : undefined;
    if (await answerQuestion(ctx, text, { offer })) {
      if (offer) rememberWords(ctx, text);
      return;
    }
  }
  if (harm.length > 0) return answerDisclosure(ctx, text, harm);
  // Still telling a story begun a moment ago: every part is kept, and the child is not sent away.
  if (listeningTo(ctx)) {
    rememberWords(ctx, text);
    await ctx.reply(ctx.t("listen:listening"), {
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [tellTeamButton(ctx), helpRow(ctx)] },
    });
    return;
  }
  // A question was searched above already; other words may still name a topic.
  if (!question && (await answerQuestion(ctx, text, {}))) return;
  if (asked) return showThemes(ctx, true);
  await ctx.reply(ctx.t("listen:fallback"), { reply_markup: { inline_keyboard: [helpRow(ctx, { menu: false })] } });
  if (!(await ctx.services.engine.resume(ctx))) await ctx.services.engine.start(ctx, flowIds.menu);
});

// "Tell the team": the report flow, with the child's words already in it (seen and confirmed on
// the review screen before anything is sent).
onButton(listenFeature, "listen.tell", async (ctx) => {
  await ctx.answerCallbackQuery();
  // The message tapped on keeps its help numbers on screen; the report begins below it.
  ctx.freshScreen = true;
  const told = ctx.session.told;
  ctx.session.told = undefined;
  const words = told && Date.now() - told.at < TOLD_KEEP_MS ? told.words : undefined;
  await ctx.services.engine.start(ctx, flowIds.report, words ? { prefill: { words } } : {});
});

// «This is happening to me» under a crisis topic (suicidal thoughts, self-harm): the crisis words
// and numbers first, what the team can and cannot do, then the way to tell it. Nothing is
// raised to staff by a tap: the child has not written anything yet.
export async function showCrisisHelp(ctx: BotContext): Promise<void> {
  const lines = [ctx.t("listen:crisis.suicide"), "", ctx.t("listen:status.anonymous"), ctx.t("listen:status.can_tell")];
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: { inline_keyboard: [tellTeamButton(ctx), helpRow(ctx)] } });
}
onButton(listenFeature, "rights.crisis", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showCrisisHelp(ctx);
});

// "The team may write to me here", under a crisis reply: the way back is kept on the signal.
onButton(listenFeature, "listen.mayWrite", async (ctx, { signal }) => {
  await ctx.answerCallbackQuery();
  const allowed = ctx.pseudonym && (await ctx.services.signals.allowReplies(signal, ctx.pseudonym, ctx.chat!.id));
  await ctx.reply(ctx.t(allowed ? "listen:may_write_done" : "listen:may_write_gone"), {
    reply_markup: { inline_keyboard: [helpRow(ctx)] },
  });
});

// "You have a new message. Open it?" for a reply to a signal: shown only when the child asks.
onButton(listenFeature, "listen.reply", async (ctx, { message }) => {
  await ctx.answerCallbackQuery();
  const body = ctx.pseudonym ? await ctx.services.signals.openReply(message, ctx.pseudonym) : undefined;
  if (!body) return show(ctx, { text: ctx.t("followup:gone"), rows: [helpRow(ctx)] });
  await show(ctx, {
    text: `${ctx.t("listen:team_reply")}\n\n<blockquote>${escapeHtml(body)}</blockquote>`,
    rows: [tellTeamButton(ctx), helpRow(ctx)],
  });
});
