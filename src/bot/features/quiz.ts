// "Know your rights" quiz: questions with a kind explanation after each answer, then optional
// questions (satisfaction, region, age band) so the anonymous result can be counted by region.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { helpRow, inRows, show } from "../screen.js";
import { rightsLibrary } from "../../domain/rights/library.js";
import { saveQuizResult, scoreQuiz } from "../../domain/rights/quiz.js";
import { regions } from "../../domain/help/directory.js";

export const quizFeature = new Composer<BotContext>();
const quiz = rightsLibrary().quiz;
const AGE_BANDS = [
  ["AGE_10_12", "report:age_10_12"],
  ["AGE_13_15", "report:age_13_15"],
  ["AGE_16_17", "report:age_16_17"],
  ["UNDER_10", "report:age_under10"],
] as const;

/** The three answer options of a question, in the child's language. */
function optionsOf(ctx: BotContext, id: string): string[] {
  const options: unknown = ctx.t(`rights:quiz.${id}.options`, { returnObjects: true });
  return Array.isArray(options) ? options.map(String) : [];
}

export async function showQuizIntro(ctx: BotContext): Promise<void> {
  await show(ctx, { text: ctx.t("rights:ui.quiz_intro", { count: quiz.length }), rows: [[{ text: ctx.t("rights:ui.quiz_start"), callback_data: "qz:start" }], helpRow(ctx)] });
}

async function showQuestion(ctx: BotContext, index: number): Promise<void> {
  const q = quiz[index]!;
  const options = optionsOf(ctx, q.id);
  await show(ctx, {
    text: ctx.t("rights:ui.quiz_question", { n: index + 1, total: quiz.length, question: ctx.t(`rights:quiz.${q.id}.question`) }),
    rows: [...options.map((o, i) => [{ text: o, callback_data: `qz:a:${index}:${i}` }]), helpRow(ctx)],
  });
}

async function finish(ctx: BotContext, region: string | undefined, ageBand: string | undefined): Promise<void> {
  const state = ctx.session.quiz;
  if (!state || state.answers.length !== quiz.length) return showQuizIntro(ctx);
  const score = scoreQuiz(quiz, state.answers);
  await saveQuizResult(ctx.services.db, { ...score, language: ctx.language, region, ageBand, satisfaction: state.satisfaction });
  ctx.session.quiz = undefined;
  await show(ctx, {
    text: ctx.t("rights:ui.quiz_done", {
      score: score.rightsCorrect + score.responsibilitiesCorrect,
      total: quiz.length,
      rights: score.rightsCorrect,
      rightsTotal: score.rightsTotal,
      responsibilities: score.responsibilitiesCorrect,
      responsibilitiesTotal: score.responsibilitiesTotal,
    }),
    rows: [[{ text: ctx.t("rights:ui.quiz_again"), callback_data: "qz:start" }], [{ text: ctx.t("rights:ui.browse"), callback_data: "rt:themes" }], helpRow(ctx)],
  });
}

/** Re-shows the question the child is on, if a quiz is under way (after typed words). */
export async function resumeQuiz(ctx: BotContext): Promise<boolean> {
  const state = ctx.session.quiz;
  if (!state || state.answers.length >= quiz.length) return false;
  await showQuestion(ctx, state.answers.length);
  return true;
}

quizFeature.command("quiz", showQuizIntro);
quizFeature.callbackQuery("qz:start", async (ctx) => {
  await ctx.answerCallbackQuery();
  ctx.session.quiz = { answers: [] };
  await showQuestion(ctx, 0);
});

quizFeature.callbackQuery(/^qz:a:(\d+):(\d)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const state = ctx.session.quiz;
  const index = Number(ctx.match[1]);
  const choice = Number(ctx.match[2]);
  // An old question's button: go back to where the child is.
  if (!state || index !== state.answers.length || !quiz[index]) return state ? showQuestion(ctx, Math.min(state.answers.length, quiz.length - 1)) : showQuizIntro(ctx);
  state.answers.push(choice);
  const q = quiz[index]!;
  const options = optionsOf(ctx, q.id);
  const verdict = choice === q.correct ? ctx.t("rights:ui.quiz_right") : ctx.t("rights:ui.quiz_wrong", { answer: options[q.correct] });
  const last = index === quiz.length - 1;
  await show(ctx, {
    text: `${verdict}\n\n${ctx.t(`rights:quiz.${q.id}.explain`)}`,
    rows: [[{ text: ctx.t("rights:ui.quiz_next"), callback_data: last ? "qz:sat" : `qz:q:${index + 1}` }], helpRow(ctx)],
  });
});

quizFeature.callbackQuery(/^qz:q:(\d+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const state = ctx.session.quiz;
  if (!state) return showQuizIntro(ctx);
  await showQuestion(ctx, Math.min(state.answers.length, quiz.length - 1));
});

quizFeature.callbackQuery("qz:sat", async (ctx) => {
  await ctx.answerCallbackQuery();
  await show(ctx, {
    text: ctx.t("rights:ui.quiz_satisfaction"),
    rows: [
      [
        { text: ctx.t("rights:ui.sat_good"), callback_data: "qz:s:good" },
        { text: ctx.t("rights:ui.sat_partly"), callback_data: "qz:s:partly" },
        { text: ctx.t("rights:ui.sat_bad"), callback_data: "qz:s:bad" },
      ],
      [{ text: ctx.t("report:skip"), callback_data: "qz:s:skip" }],
      helpRow(ctx),
    ],
  });
});

quizFeature.callbackQuery(/^qz:s:(good|partly|bad|skip)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!ctx.session.quiz) return showQuizIntro(ctx);
  if (ctx.match[1] !== "skip") ctx.session.quiz.satisfaction = ctx.match[1];
  await show(ctx, {
    text: ctx.t("report:region"),
    rows: [...inRows(regions.map((r) => ({ text: ctx.t(`report:regions.${r}`), callback_data: `qz:r:${r}` }))), [{ text: ctx.t("report:prefer_not"), callback_data: "qz:r:skip" }], helpRow(ctx)],
  });
});

quizFeature.callbackQuery(/^qz:r:([a-z_]+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const region = (regions as readonly string[]).includes(ctx.match[1]!) ? ctx.match[1]! : "skip";
  await show(ctx, {
    text: ctx.t("report:age"),
    rows: [...inRows(AGE_BANDS.map(([band, label]) => ({ text: ctx.t(label), callback_data: `qz:g:${region}:${band}` }))), [{ text: ctx.t("report:prefer_not"), callback_data: `qz:g:${region}:skip` }], helpRow(ctx)],
  });
});

quizFeature.callbackQuery(/^qz:g:([a-z_]+):([A-Z0-9_]+|skip)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const region = ctx.match[1] === "skip" ? undefined : ctx.match[1];
  const band = AGE_BANDS.some(([b]) => b === ctx.match[2]) ? ctx.match[2] : undefined;
  await finish(ctx, region, band);
});
