// Quiz scoring and the anonymous aggregate the ombudsman sees: awareness of rights and of
// responsibilities, and (optional) satisfaction with how rights are respected, by region.
import type { Db } from "../../db/client.js";
import type { QuizQuestion } from "./library.js";

export interface QuizScore {
  rightsCorrect: number;
  rightsTotal: number;
  responsibilitiesCorrect: number;
  responsibilitiesTotal: number;
}

/** answers[i] is the option the child chose for quiz[i]. */
export function scoreQuiz(quiz: QuizQuestion[], answers: number[]): QuizScore {
  const score: QuizScore = { rightsCorrect: 0, rightsTotal: 0, responsibilitiesCorrect: 0, responsibilitiesTotal: 0 };
  quiz.forEach((q, i) => {
    const right = answers[i] === q.correct ? 1 : 0;
    if (q.indicator === "rights") {
      score.rightsTotal++;
      score.rightsCorrect += right;
    } else {
      score.responsibilitiesTotal++;
      score.responsibilitiesCorrect += right;
    }
  });
  return score;
}

export interface QuizAggregate {
  region: string | null;
  results: number;
  /** Share of correct answers, 0..1. */
  rightsAwareness: number;
  responsibilitiesAwareness: number;
  /** Share answering "good" among those who answered, or null. */
  satisfaction: number | null;
}

export async function saveQuizResult(
  db: Db,
  result: QuizScore & { language: string; region?: string | undefined; ageBand?: string | undefined; satisfaction?: string | undefined },
): Promise<void> {
  await db.quizResult.create({
    data: { ...result, region: result.region ?? null, ageBand: result.ageBand ?? null, satisfaction: result.satisfaction ?? null },
  });
}

export async function quizByRegion(db: Db): Promise<QuizAggregate[]> {
  const rows = await db.quizResult.groupBy({
    by: ["region"],
    _count: { _all: true },
    _sum: { rightsCorrect: true, rightsTotal: true, responsibilitiesCorrect: true, responsibilitiesTotal: true },
  });
  const satisfaction = await db.quizResult.groupBy({
    by: ["region", "satisfaction"],
    _count: { _all: true },
    where: { satisfaction: { not: null } },
  });
  return rows.map((r) => {
    const answered = satisfaction.filter((s) => s.region === r.region);
    const total = answered.reduce((n, s) => n + s._count._all, 0);
    const good = answered.find((s) => s.satisfaction === "good")?._count._all ?? 0;
    return {
      region: r.region,
      results: r._count._all,
      rightsAwareness: (r._sum.rightsCorrect ?? 0) / Math.max(1, r._sum.rightsTotal ?? 0),
      responsibilitiesAwareness: (r._sum.responsibilitiesCorrect ?? 0) / Math.max(1, r._sum.responsibilitiesTotal ?? 0),
      satisfaction: total ? good / total : null,
    };
  });
}
