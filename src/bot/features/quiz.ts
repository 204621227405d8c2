// "Know your rights" quiz: questions with a kind explanation after each answer, then optional
// questions (satisfaction, region, age band) so the anonymous result can be counted by region.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { helpRow, inRows, show } from "../screen.js";
import { rightsLibrary } from "../../domain/rights/library.js";
import { saveQuizResult, scoreQuiz } from "../../domain/rights/quiz.js";
import { ageBandLabel, childAgeBands, isAgeBand, isRegion } from "../../domain/choices.js";
import { regionButtons } from "./help-region.js";
import { encodeCallback, onButton } from "../callback-data.js";
import { quizKey, quizOptionsKey } from "../../i18n/data-keys.js";
import { rightsData } from "./rights.js";

export const quizFeature = new Composer<BotContext>();
const quiz = rightsLibrary().quiz;

/** The three answer options of a question, in the child's language. */
function optionsOf(ctx: BotContext, id: string): string[] {
  const options = ctx.t(quizOptionsKey(id), { returnObjects: true });
  return Array.isArray(options) ? options.map(String) : [];
}

export async function showQuizIntro(ctx: BotContext): Promise<void> {
  await show(ctx, {
    text: ctx.t("rights:ui.quiz_intro", { count: quiz.length }),
    rows: [[{ text: ctx.t("rights:ui.quiz_start"), callback_data: encodeCallback({ kind: "quiz.start" }) }], helpRow(ctx)],
  });
}

async function showQuestion(ctx: BotContext, index: number): Promise<void> {
  const q = quiz[index]!;
  const options = optionsOf(ctx, q.id);
  await show(ctx, {
    text: ctx.t("rights:ui.quiz_question", { n: index + 1, total: quiz.length, question: ctx.t(quizKey(q.id, "question")) }),
    rows: [...options.map((o, i) => [{ text: o, callback_data: encodeCallback({ kind: "quiz.answer", index, choice: i }) }]), helpRow(ctx)],
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
    rows: [
      [{ text: ctx.t("rights:ui.quiz_again"), callback_data: encodeCallback({ kind: "quiz.start" }) }],
      [{ text: ctx.t("rights:ui.browse"), callback_data: rightsData.themes }],
      helpRow(ctx),
    ],
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
onButton(quizFeature, "quiz.start", async (ctx) => {
  await ctx.answerCallbackQuery();
  ctx.session.quiz = { answers: [] };
  await showQuestion(ctx, 0);
});

onButton(quizFeature, "quiz.answer", async (ctx, { index, choice }) => {
  await ctx.answerCallbackQuery();
  const state = ctx.session.quiz;
  // An old question's button: go back to where the child is.
  if (!state || index !== state.answers.length || !quiz[index])
    return state ? showQuestion(ctx, Math.min(state.answers.length, quiz.length - 1)) : showQuizIntro(ctx);
  state.answers.push(choice);
  const q = quiz[index]!;
  const options = optionsOf(ctx, q.id);
  const verdict = choice === q.correct ? ctx.t("rights:ui.quiz_right") : ctx.t("rights:ui.quiz_wrong", { answer: options[q.correct] });
  const last = index === quiz.length - 1;
  await show(ctx, {
    text: `${verdict}\n\n${ctx.t(quizKey(q.id, "explain"))}`,
    rows: [
      [
        {
          text: ctx.t("rights:ui.quiz_next"),
          callback_data: encodeCallback(last ? { kind: "quiz.satisfaction" } : { kind: "quiz.question", index: index + 1 }),
        },
      ],
      helpRow(ctx),
    ],
  });
});

onButton(quizFeature, "quiz.question", async (ctx) => {
  await ctx.answerCallbackQuery();
  const state = ctx.session.quiz;
  if (!state) return showQuizIntro(ctx);
  await showQuestion(ctx, Math.min(state.answers.length, quiz.length - 1));
});

onButton(quizFeature, "quiz.satisfaction", async (ctx) => {
  await ctx.answerCallbackQuery();
  await show(ctx, {
    text: ctx.t("rights:ui.quiz_satisfaction"),
    rows: [
      [
        { text: ctx.t("rights:ui.sat_good"), callback_data: encodeCallback({ kind: "quiz.rated", rating: "good" }) },
        { text: ctx.t("rights:ui.sat_partly"), callback_data: encodeCallback({ kind: "quiz.rated", rating: "partly" }) },
        { text: ctx.t("rights:ui.sat_bad"), callback_data: encodeCallback({ kind: "quiz.rated", rating: "bad" }) },
      ],
      [{ text: ctx.t("report:skip"), callback_data: encodeCallback({ kind: "quiz.rated", rating: "skip" }) }],
      helpRow(ctx),
    ],
  });
});

onButton(quizFeature, "quiz.rated", async (ctx, { rating }) => {
  await ctx.answerCallbackQuery();
  if (!ctx.session.quiz) return showQuizIntro(ctx);
  if (rating !== "skip") ctx.session.quiz.satisfaction = rating;
  await show(ctx, {
    text: ctx.t("report:region"),
    rows: [
      ...inRows(regionButtons(ctx, (r) => encodeCallback({ kind: "quiz.region", region: r }))),
      [{ text: ctx.t("report:prefer_not"), callback_data: encodeCallback({ kind: "quiz.region", region: "skip" }) }],
      helpRow(ctx),
    ],
  });
});

onButton(quizFeature, "quiz.region", async (ctx, pressed) => {
  await ctx.answerCallbackQuery();
  const region = isRegion(pressed.region) ? pressed.region : "skip";
  await show(ctx, {
    text: ctx.t("report:age"),
    rows: [
      ...inRows(
        childAgeBands.map((band) => ({
          text: ctx.t(ageBandLabel(band)),
          callback_data: encodeCallback({ kind: "quiz.age", region, band }),
        })),
      ),
      [{ text: ctx.t("report:prefer_not"), callback_data: encodeCallback({ kind: "quiz.age", region, band: "skip" }) }],
      helpRow(ctx),
    ],
  });
});

onButton(quizFeature, "quiz.age", async (ctx, pressed) => {
  await ctx.answerCallbackQuery();
  const region = isRegion(pressed.region) ? pressed.region : undefined;
  const band = isAgeBand(pressed.band) && pressed.band !== "ADULT" ? pressed.band : undefined;
  await finish(ctx, region, band);
});
