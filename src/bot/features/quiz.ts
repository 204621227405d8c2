// "Know your rights" quiz: a flow (flows/quiz.json) whose questions are a loop over the rights
// library's quiz, each followed by a kind explanation, then optional questions (satisfaction,
// region, age band) so the anonymous result can be counted by region. This file holds what the
// flow names in code: its length, the score, and saving the result once at the end.
import { Composer } from "grammy";
import { z } from "zod";
import type { BotContext } from "../context.js";
import { rightsLibrary } from "../../domain/rights/library.js";
import { saveQuizResult, scoreQuiz } from "../../domain/rights/quiz.js";
import { isAgeBand, isRegion } from "../../domain/choices.js";
import { onButton, quizRatings, type CallbackKind } from "../callback-data.js";
import { flowIds } from "../../flows/registry.js";
import type { FlowActions } from "../../flows/actions.js";
import { readingAnswers } from "../../flows/answers.js";

export const quizFeature = new Composer<BotContext>();
const quiz = rightsLibrary().quiz;

/** The answer a question's option records in flows/quiz.json ("answer_{{item}}"). */
const answerOf = (id: string) => `answer_${id}`;

/** What the quiz's end reads: an option per question, and the optional questions after them. */
const quizAnswers = z.object({
  ...Object.fromEntries(quiz.map((q) => [answerOf(q.id), z.enum(["0", "1", "2"]).optional()])),
  satisfaction: z.enum(quizRatings).optional(),
  region: z.string().optional(),
  age: z.string().optional(),
});
type QuizAnswers = z.infer<typeof quizAnswers>;

const scoreOf = (answers: QuizAnswers) =>
  scoreQuiz(
    quiz,
    quiz.map((q) => Number((answers as Record<string, string | undefined>)[answerOf(q.id)] ?? -1)),
  );

export const quizActions: Pick<FlowActions<BotContext>, "params" | "onEnter"> = {
  params: {
    quizLength: async () => ({ count: quiz.length }),
    quizScore: readingAnswers(quizAnswers, async (_ctx: BotContext, answers) => {
      const score = scoreOf(answers);
      return {
        score: score.rightsCorrect + score.responsibilitiesCorrect,
        total: quiz.length,
        rights: score.rightsCorrect,
        rightsTotal: score.rightsTotal,
        responsibilities: score.responsibilitiesCorrect,
        responsibilitiesTotal: score.responsibilitiesTotal,
      };
    }),
  },
  onEnter: {
    // Counted once: the result step has no Back, so the child cannot arrive at it twice.
    saveQuizResult: readingAnswers(quizAnswers, async (ctx: BotContext, answers) => {
      const satisfaction = answers.satisfaction === "skip" ? undefined : answers.satisfaction;
      await saveQuizResult(ctx.services.db, {
        ...scoreOf(answers),
        language: ctx.language,
        region: isRegion(answers.region) ? answers.region : undefined,
        ageBand: isAgeBand(answers.age) && answers.age !== "ADULT" ? answers.age : undefined,
        satisfaction,
      });
    }),
  },
};

quizFeature.command("quiz", (ctx) => ctx.services.engine.start(ctx, flowIds.quiz));

// Buttons of messages sent before the quiz was a flow: the quiz starts again from its beginning.
const oldQuizButtons: CallbackKind[] = [
  "quiz.start",
  "quiz.answer",
  "quiz.question",
  "quiz.satisfaction",
  "quiz.rated",
  "quiz.region",
  "quiz.age",
];
for (const kind of oldQuizButtons) {
  onButton(quizFeature, kind, async (ctx) => {
    await ctx.answerCallbackQuery(kind === "quiz.start" ? {} : { text: ctx.t("errors.oldButton") });
    await ctx.services.engine.start(ctx, flowIds.quiz);
  });
}
