// Statistics for the ombudsman: anonymous counts only (never content), by week, category and
// region, with the time to first response against the deadline.
import type { Db } from "../../db/client.js";
import { CLOSED_STATUSES } from "./reports.js";
import { quizByRegion, type QuizAggregate } from "../rights/quiz.js";

export interface Statistics {
  weeks: string[];
  byWeekCategory: Record<string, Record<string, number>>;
  byRegion: { region: string; total: number; open: number; overdue: number; urgent: number }[];
  total: number;
  urgentShare: number;
  medianFirstResponseHours: number | null;
  withinSlaShare: number | null;
  quiz: QuizAggregate[];
}

/** The Monday (a "YYYY-MM-DD" date) of the week `d` falls in, by the calendar of `timeZone`. */
export function weekIn(timeZone: string): (d: Date) => string {
  const format = new Intl.DateTimeFormat("en", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (d) => {
    const p = Object.fromEntries(format.formatToParts(d).map((x) => [x.type, x.value]));
    const local = new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)));
    const monday = new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * 86_400_000);
    return monday.toISOString().slice(0, 10);
  };
}

/** Weeks are counted by the calendar of `timeZone` (the console's, CONSOLE_TIME_ZONE; UTC if not given). */
export async function statistics(db: Db, options: { weeks?: number; now?: Date; timeZone?: string } = {}): Promise<Statistics> {
  const weekOf = weekIn(options.timeZone ?? "UTC");
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - (options.weeks ?? 12) * 7 * 24 * 60 * 60 * 1000);
  const rows = await db.report.findMany({
    where: { createdAt: { gte: since }, status: { not: "SPAM" } },
    select: { createdAt: true, category: true, region: true, priority: true, status: true, slaDueAt: true, firstResponseAt: true },
  });
  const weeks = [...new Set(rows.map((r) => weekOf(r.createdAt)))].sort();
  const byWeekCategory: Statistics["byWeekCategory"] = {};
  const regions = new Map<string, Statistics["byRegion"][number]>();
  const responses: number[] = [];
  let within = 0;
  for (const r of rows) {
    const week = weekOf(r.createdAt);
    byWeekCategory[week] ??= {};
    byWeekCategory[week][r.category] = (byWeekCategory[week][r.category] ?? 0) + 1;
    const key = r.region ?? "unknown";
    const reg = regions.get(key) ?? { region: key, total: 0, open: 0, overdue: 0, urgent: 0 };
    reg.total++;
    const open = !(CLOSED_STATUSES as readonly string[]).includes(r.status);
    if (open) reg.open++;
    if (open && !r.firstResponseAt && r.slaDueAt < now) reg.overdue++;
    if (r.priority === "URGENT") reg.urgent++;
    regions.set(key, reg);
    if (r.firstResponseAt) {
      responses.push((r.firstResponseAt.getTime() - r.createdAt.getTime()) / 3_600_000);
      if (r.firstResponseAt <= r.slaDueAt) within++;
    }
  }
  responses.sort((a, b) => a - b);
  const median = responses.length
    ? (responses[Math.floor((responses.length - 1) / 2)]! + responses[Math.ceil((responses.length - 1) / 2)]!) / 2
    : null;
  return {
    weeks,
    byWeekCategory,
    byRegion: [...regions.values()].sort((a, b) => b.total - a.total),
    total: rows.length,
    urgentShare: rows.length ? rows.filter((r) => r.priority === "URGENT").length / rows.length : 0,
    medianFirstResponseHours: median,
    withinSlaShare: responses.length ? within / responses.length : null,
    quiz: await quizByRegion(db),
  };
}

/** CSV of the regional picture: counts only, nothing about any person. */
export function statisticsCsv(stats: Statistics): string {
  const lines = ["region,reports,open,overdue,urgent,quiz_results,rights_awareness,responsibilities_awareness,satisfaction"];
  const quiz = new Map(stats.quiz.map((q) => [q.region ?? "unknown", q]));
  const regions = new Set([...stats.byRegion.map((r) => r.region), ...quiz.keys()]);
  for (const region of regions) {
    const r = stats.byRegion.find((x) => x.region === region);
    const q = quiz.get(region);
    const pct = (v: number | null | undefined) => (v === null || v === undefined ? "" : v.toFixed(3));
    lines.push(
      [
        region,
        r?.total ?? 0,
        r?.open ?? 0,
        r?.overdue ?? 0,
        r?.urgent ?? 0,
        q?.results ?? 0,
        pct(q?.rightsAwareness),
        pct(q?.responsibilitiesAwareness),
        pct(q?.satisfaction),
      ].join(","),
    );
  }
  return lines.join("\n") + "\n";
}
