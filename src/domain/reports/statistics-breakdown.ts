// Reports counted by month, region, category and age band, for a spreadsheet: counts and times
// only, never content, never anything about a person. Months are calendar months in the
// ombudsman's time zone (a report at 23:30 on 31 March in Almaty is March's).
//
// The console's supervisors can already open every case these rows count; if the file is ever
// published, small cells (a 1 in a small region and age band) should be suppressed first, as
// official statistics do.
import type { Db } from "../../db/client.js";
import { CLOSED_STATUSES } from "./reports.js";

export interface BreakdownRow {
  /** "2026-03", in the time zone given. */
  month: string;
  /** A region key, or "unknown" when the child did not say. */
  region: string;
  category: string;
  /** An AgeBand name (AGE_13_15), or "unknown". */
  ageBand: string;
  reports: number;
  urgent: number;
  open: number;
  /** Open, never answered, and past the deadline now. */
  overdue: number;
  /** Answered at least once. */
  answered: number;
  answeredWithinDeadline: number;
  /** Median minutes from the report to the first answer, among the answered ones. */
  medianFirstResponseMinutes: number | null;
}

export function monthIn(timeZone: string): (d: Date) => string {
  const format = new Intl.DateTimeFormat("en", { timeZone, year: "numeric", month: "2-digit" });
  return (d) => {
    const p = Object.fromEntries(format.formatToParts(d).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}`;
  };
}

const median = (values: number[]) => {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2;
};

/** The last `months` months (12 by default), spam left out, one row per combination that occurs. */
export async function statisticsBreakdown(db: Db, options: { timeZone: string; months?: number; now?: Date }): Promise<BreakdownRow[]> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - (options.months ?? 12) * 31 * 24 * 60 * 60 * 1000);
  const rows = await db.report.findMany({
    where: { createdAt: { gte: since }, status: { not: "SPAM" } },
    select: {
      createdAt: true,
      category: true,
      region: true,
      ageBand: true,
      priority: true,
      status: true,
      slaDueAt: true,
      firstResponseAt: true,
    },
  });
  const month = monthIn(options.timeZone);
  const groups = new Map<string, { row: BreakdownRow; minutes: number[] }>();
  for (const r of rows) {
    const row = { month: month(r.createdAt), region: r.region ?? "unknown", category: r.category, ageBand: r.ageBand ?? "unknown" };
    const key = [row.month, row.region, row.category, row.ageBand].join("|");
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = {
          row: {
            ...row,
            reports: 0,
            urgent: 0,
            open: 0,
            overdue: 0,
            answered: 0,
            answeredWithinDeadline: 0,
            medianFirstResponseMinutes: null,
          },
          minutes: [],
        }),
      );
    const open = !(CLOSED_STATUSES as readonly string[]).includes(r.status);
    g.row.reports++;
    if (r.priority === "URGENT") g.row.urgent++;
    if (open) g.row.open++;
    if (open && !r.firstResponseAt && r.slaDueAt < now) g.row.overdue++;
    if (r.firstResponseAt) {
      g.row.answered++;
      if (r.firstResponseAt <= r.slaDueAt) g.row.answeredWithinDeadline++;
      g.minutes.push((r.firstResponseAt.getTime() - r.createdAt.getTime()) / 60_000);
    }
  }
  return [...groups.values()]
    .map(({ row, minutes }) => ({ ...row, medianFirstResponseMinutes: median(minutes) === null ? null : Math.round(median(minutes)!) }))
    .sort(
      (a, b) =>
        a.month.localeCompare(b.month) ||
        a.region.localeCompare(b.region) ||
        a.category.localeCompare(b.category) ||
        a.ageBand.localeCompare(b.ageBand),
    );
}
