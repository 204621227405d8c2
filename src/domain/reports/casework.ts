// What staff do with cases in the console: the queue (with access by region), status changes,
// referrals, internal notes, merging duplicates, claiming and releasing. Every change is also
// written to the report's own history.
import type { Db } from "../../db/client.js";
import type { Sealer } from "../privacy/encryption.js";
import type { Role } from "../staff/accounts.js";
import { CLOSED_STATUSES, type ReportRecord } from "./reports.js";

export const STATUSES = ["NEW", "TRIAGED", "IN_PROGRESS", "REFERRED", "CLOSED", "SPAM", "DUPLICATE"] as const;
export type Status = (typeof STATUSES)[number];
export const PRIORITIES = ["URGENT", "HIGH", "NORMAL", "LOW"] as const;
export const AGENCIES = ["police", "guardianship", "school", "health", "psychologist", "line_111", "ngo"] as const;
export { CLOSED_STATUSES };

export interface Viewer {
  id: string;
  role: Role;
  regions: string[];
}

export interface QueueFilters {
  status?: string | undefined;
  priority?: string | undefined;
  region?: string | undefined;
  category?: string | undefined;
  assignee?: string | undefined;
  overdue?: boolean | undefined;
}

/** Operators see the regions they work on (and cases with no region given); others see all. */
export function canSee(viewer: Viewer, report: Pick<ReportRecord, "region">): boolean {
  if (viewer.role !== "OPERATOR") return true;
  return report.region === null || viewer.regions.includes(report.region);
}

function scope(viewer: Viewer) {
  return viewer.role === "OPERATOR" ? { OR: [{ region: { in: viewer.regions } }, { region: null }] } : {};
}

const priorityRank = (p: string) => PRIORITIES.indexOf(p as (typeof PRIORITIES)[number]);

export function createCasework(db: Db, sealer: Sealer, now: () => Date = () => new Date()) {
  const event = (reportId: string, actor: string, kind: string, data: Record<string, string | number | null> = {}) =>
    db.reportEvent.create({ data: { reportId, actor, kind, data } });

  const where = (viewer: Viewer, f: QueueFilters) => ({
    ...scope(viewer),
    ...(f.status ? { status: f.status as Status } : { status: { notIn: [...CLOSED_STATUSES] } }),
    ...(f.priority ? { priority: f.priority as (typeof PRIORITIES)[number] } : {}),
    ...(f.region ? { region: f.region } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.assignee === "none" ? { assignee: null } : f.assignee ? { assignee: f.assignee } : {}),
    ...(f.overdue ? { slaDueAt: { lt: now() }, firstResponseAt: null } : {}),
  });

  return {
    /** Sorted by priority, then by how soon the answer is due. */
    async queue(viewer: Viewer, filters: QueueFilters, limit = 200): Promise<ReportRecord[]> {
      const rows = await db.report.findMany({ where: where(viewer, filters), orderBy: [{ slaDueAt: "asc" }], take: 1000 });
      return rows.sort((a, b) => priorityRank(a.priority) - priorityRank(b.priority) || a.slaDueAt.getTime() - b.slaDueAt.getTime()).slice(0, limit);
    },

    /** Open cases per status, priority and overdue, within what the viewer may see. */
    async counts(viewer: Viewer): Promise<Record<string, number>> {
      const open = { ...scope(viewer), status: { notIn: [...CLOSED_STATUSES] } };
      const [byStatus, byPriority, overdue, unassigned] = await Promise.all([
        db.report.groupBy({ by: ["status"], where: scope(viewer), _count: { _all: true } }),
        db.report.groupBy({ by: ["priority"], where: open, _count: { _all: true } }),
        db.report.count({ where: { ...open, slaDueAt: { lt: now() }, firstResponseAt: null } }),
        db.report.count({ where: { ...open, assignee: null } }),
      ]);
      return {
        ...Object.fromEntries(byStatus.map((s) => [s.status, s._count._all])),
        ...Object.fromEntries(byPriority.map((p) => [p.priority, p._count._all])),
        overdue,
        unassigned,
      };
    },

    /** A number that changes whenever anything in the queue changes (for live updates). */
    async version(viewer: Viewer): Promise<string> {
      const agg = await db.report.aggregate({ where: scope(viewer), _max: { updatedAt: true }, _count: { _all: true } });
      return `${agg._count._all}:${agg._max.updatedAt?.getTime() ?? 0}`;
    },


    async release(report: ReportRecord, staffId: string): Promise<void> {
      await db.report.update({ where: { id: report.id }, data: { assignee: null } });
      await event(report.id, staffId, "release");
    },

    async reassign(report: ReportRecord, staffId: string, to: string | null): Promise<void> {
      await db.report.update({ where: { id: report.id }, data: { assignee: to } });
      await event(report.id, staffId, "reassign", { to });
    },

    /** Closing or referring needs a note: the next person must know why. */
    async setStatus(report: ReportRecord, staffId: string, status: Status, note: string): Promise<{ ok: boolean; problem?: string }> {
      if ((status === "CLOSED" || status === "REFERRED") && note.trim().length < 3) return { ok: false, problem: "note_required" };
      await db.report.update({ where: { id: report.id }, data: { status, closedAt: (CLOSED_STATUSES as readonly Status[]).includes(status) ? now() : null } });
      await event(report.id, staffId, "status", { from: report.status, to: status });
      if (note.trim()) await this.addNote(report, staffId, note);
      return { ok: true };
    },

    async addNote(report: ReportRecord, staffId: string, text: string): Promise<void> {
      await db.internalNote.create({ data: { reportId: report.id, author: staffId, bodySealed: await sealer.seal(text, `note:${report.id}`) } });
      await event(report.id, staffId, "note");
    },

    async notes(reportId: string) {
      const rows = await db.internalNote.findMany({ where: { reportId }, orderBy: { createdAt: "asc" } });
      return Promise.all(rows.map(async (n) => ({ ...n, body: await sealer.open(n.bodySealed, `note:${reportId}`) })));
    },

    async refer(report: ReportRecord, staffId: string, agency: string): Promise<void> {
      await db.referral.create({ data: { reportId: report.id, agency, by: staffId } });
      await event(report.id, staffId, "referral", { agency });
    },

    /** The outcome is free text about the child's situation: sealed like the child's words. */
    async referralOutcome(referralId: string, staffId: string, outcome: string): Promise<void> {
      const referral = await db.referral.findUniqueOrThrow({ where: { id: referralId } });
      await db.referral.update({ where: { id: referralId }, data: { outcome: await sealer.seal(outcome, `referral:${referral.reportId}`), outcomeAt: now() } });
      await event(referral.reportId, staffId, "referral_outcome");
    },

    async referrals(reportId: string) {
      const rows = await db.referral.findMany({ where: { reportId }, orderBy: { referredAt: "asc" } });
      return Promise.all(rows.map(async (r) => ({ ...r, outcome: r.outcome ? await sealer.open(r.outcome, `referral:${reportId}`) : null })));
    },
    history: (reportId: string) => db.reportEvent.findMany({ where: { reportId }, orderBy: { createdAt: "asc" } }),

    /** Merges into a case the viewer may see too (an operator cannot reach another region). */
    async merge(report: ReportRecord, viewer: Viewer, intoNumber: number): Promise<boolean> {
      const staffId = viewer.id;
      const target = await db.report.findUnique({ where: { number: intoNumber } });
      if (!target || target.id === report.id || !canSee(viewer, target)) return false;
      await db.report.update({ where: { id: report.id }, data: { status: "DUPLICATE", mergedInto: target.number, closedAt: now() } });
      await event(report.id, staffId, "merged", { into: target.number });
      await event(target.id, staffId, "merged_from", { from: report.number });
      return true;
    },
  };
}

export type Casework = ReturnType<typeof createCasework>;
