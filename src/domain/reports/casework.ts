// What staff do with cases in the console: the queue (with access by region), status changes,
// referrals, internal notes, merging duplicates, claiming and releasing. Every change is also
// written to the report's own history.
import type { Db } from "../../db/client.js";
import type { Sealer } from "../privacy/encryption.js";
import type { Role } from "../staff/accounts.js";
import { CLOSED_STATUSES, OPEN_STATUSES, type ReportRecord, type Tx } from "./reports.js";

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

export type Priority = (typeof PRIORITIES)[number];

/** The columns the queue shows: the sealed content and the rest stay in the database. */
const QUEUE_COLUMNS = {
  number: true,
  codeHint: true,
  priority: true,
  priorityReasons: true,
  status: true,
  category: true,
  region: true,
  slaDueAt: true,
  firstResponseAt: true,
  assignee: true,
} as const;
export type QueueRow = Pick<ReportRecord, keyof typeof QUEUE_COLUMNS>;

/**
 * Where a page of the queue starts: the sort key (priority, deadline, number) of the last row of
 * the page before. Keyset paging, not offsets: cases arrive and change while someone pages, and a
 * key stays put where an offset would shift (repeating or skipping rows).
 */
export interface QueueCursor {
  priority: Priority;
  slaDueAt: Date;
  number: number;
}
export const QUEUE_PAGE_SIZE = 50;

export function encodeQueueCursor(c: QueueCursor): string {
  return `${c.priority}.${c.slaDueAt.getTime()}.${c.number}`;
}

export function parseQueueCursor(value: string | undefined): QueueCursor | undefined {
  const m = /^(URGENT|HIGH|NORMAL|LOW)\.(\d{1,15})\.(\d{1,10})$/.exec(value ?? "");
  if (!m) return undefined;
  const slaDueAt = new Date(Number(m[2]));
  const number = Number(m[3]);
  return Number.isNaN(slaDueAt.getTime()) || !Number.isSafeInteger(number) ? undefined : { priority: m[1] as Priority, slaDueAt, number };
}

/** Rows after the cursor in the queue's order. Prisma has no "greater than" for enums, so the
 * later priorities are listed (PostgreSQL orders an enum by declaration: URGENT first). */
function after(c: QueueCursor) {
  const later = PRIORITIES.slice(PRIORITIES.indexOf(c.priority) + 1);
  return {
    OR: [
      ...(later.length ? [{ priority: { in: [...later] } }] : []),
      { priority: c.priority, slaDueAt: { gt: c.slaDueAt } },
      { priority: c.priority, slaDueAt: c.slaDueAt, number: { gt: c.number } },
    ],
  };
}

/** The child's message when a case closes: its text, and what to queue with it (the notification). */
export interface ClosingMessage {
  text: string;
  after: (tx: Tx, messageId: string) => Promise<void>;
}

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
    /**
     * One page of the queue, ordered by the database: priority (URGENT first), then how soon the
     * answer is due, then case number. `next` is where the following page starts, if there is one.
     */
    async queue(
      viewer: Viewer,
      filters: QueueFilters,
      page: { after?: QueueCursor | undefined; limit?: number } = {},
    ): Promise<{ rows: QueueRow[]; next: QueueCursor | null }> {
      const limit = page.limit ?? QUEUE_PAGE_SIZE;
      const base = where(viewer, filters);
      const rows = await db.report.findMany({
        where: page.after ? { AND: [base, after(page.after)] } : base,
        orderBy: [{ priority: "asc" }, { slaDueAt: "asc" }, { number: "asc" }],
        select: QUEUE_COLUMNS,
        take: limit + 1,
      });
      const more = rows.length > limit;
      const shown = more ? rows.slice(0, limit) : rows;
      const last = shown.at(-1);
      return { rows: shown, next: more && last ? { priority: last.priority, slaDueAt: last.slaDueAt, number: last.number } : null };
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

    /**
     * A string that changes whenever anything in the queue or its counts changes (for live
     * updates): a case added or changed, and a case becoming overdue as time passes.
     */
    async version(viewer: Viewer): Promise<string> {
      const [agg, overdue] = await Promise.all([
        db.report.aggregate({ where: scope(viewer), _max: { updatedAt: true }, _count: { _all: true } }),
        db.report.count({
          where: { ...scope(viewer), status: { notIn: [...CLOSED_STATUSES] }, slaDueAt: { lt: now() }, firstResponseAt: null },
        }),
      ]);
      return `${agg._count._all}:${agg._max.updatedAt?.getTime() ?? 0}:${overdue}`;
    },

    async release(report: ReportRecord, staffId: string): Promise<void> {
      await db.report.update({ where: { id: report.id }, data: { assignee: null } });
      await event(report.id, staffId, "release");
    },

    async reassign(report: ReportRecord, staffId: string, to: string | null): Promise<void> {
      await db.report.update({ where: { id: report.id }, data: { assignee: to } });
      await event(report.id, staffId, "reassign", { to });
    },

    /**
     * Closing or referring needs a note: the next person must know why. When an open case is
     * closed and `tell` is given, the child's closing message (sealed, in the thread, signed by the
     * team) is written in the same transaction, and `tell.after` queues its notification there too.
     */
    async setStatus(
      report: ReportRecord,
      staffId: string,
      status: Status,
      note: string,
      tell?: ClosingMessage,
    ): Promise<{ ok: boolean; problem?: string }> {
      if ((status === "CLOSED" || status === "REFERRED") && note.trim().length < 3) return { ok: false, problem: "note_required" };
      // The status, its event and the note that explains it are one change.
      const noteSealed = note.trim() ? await sealer.seal(note, `note:${report.id}`) : undefined;
      const closing = tell && status === "CLOSED" && (OPEN_STATUSES as readonly string[]).includes(report.status);
      const closingSealed = closing ? await sealer.seal(tell.text, `message:${report.id}`) : undefined;
      await db.$transaction(async (tx) => {
        await tx.report.update({
          where: { id: report.id },
          data: { status, closedAt: (CLOSED_STATUSES as readonly Status[]).includes(status) ? now() : null },
        });
        await tx.reportEvent.create({
          data: { reportId: report.id, actor: staffId, kind: "status", data: { from: report.status, to: status } },
        });
        if (noteSealed) {
          await tx.internalNote.create({ data: { reportId: report.id, author: staffId, bodySealed: noteSealed } });
          await tx.reportEvent.create({ data: { reportId: report.id, actor: staffId, kind: "note", data: {} } });
        }
        if (tell && closingSealed) {
          const message = await tx.reportMessage.create({
            data: { reportId: report.id, author: "STAFF", staffAuthor: staffId, bodySealed: closingSealed },
          });
          await tx.reportEvent.create({ data: { reportId: report.id, actor: staffId, kind: "closing_message", data: {} } });
          await tell.after(tx, message.id);
        }
      });
      return { ok: true };
    },

    /**
     * Whether the child wrote last and nobody has answered: closing then needs a confirmation.
     * The report itself is not counted: a case can be closed after work done outside the thread.
     */
    async childAwaitsAnswer(reportId: string): Promise<boolean> {
      const last = await db.reportMessage.findFirst({
        where: { reportId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { author: true },
      });
      return last?.author === "CHILD";
    },

    async addNote(report: ReportRecord, staffId: string, text: string): Promise<void> {
      await db.internalNote.create({
        data: { reportId: report.id, author: staffId, bodySealed: await sealer.seal(text, `note:${report.id}`) },
      });
      await event(report.id, staffId, "note");
    },

    async notes(reportId: string) {
      const rows = await db.internalNote.findMany({ where: { reportId }, orderBy: { createdAt: "asc" } });
      return Promise.all(rows.map(async (n) => ({ ...n, body: await sealer.open(n.bodySealed, `note:${reportId}`) })));
    },

    /**
     * A referral is a status change: the referral, the status "referred" and the note that says
     * what was passed on and how are one change. The note is required.
     */
    async refer(report: ReportRecord, staffId: string, agency: string, note: string): Promise<{ ok: boolean; problem?: string }> {
      if (note.trim().length < 3) return { ok: false, problem: "note_required" };
      const noteSealed = await sealer.seal(note, `note:${report.id}`);
      await db.$transaction(async (tx) => {
        await tx.referral.create({ data: { reportId: report.id, agency, by: staffId } });
        await tx.reportEvent.create({ data: { reportId: report.id, actor: staffId, kind: "referral", data: { agency } } });
        if (report.status !== "REFERRED") {
          await tx.report.update({ where: { id: report.id }, data: { status: "REFERRED", closedAt: null } });
          await tx.reportEvent.create({
            data: { reportId: report.id, actor: staffId, kind: "status", data: { from: report.status, to: "REFERRED" } },
          });
        }
        await tx.internalNote.create({ data: { reportId: report.id, author: staffId, bodySealed: noteSealed } });
        await tx.reportEvent.create({ data: { reportId: report.id, actor: staffId, kind: "note", data: {} } });
      });
      return { ok: true };
    },

    /** The outcome is free text about the child's situation: sealed like the child's words. */
    async referralOutcome(referralId: string, staffId: string, outcome: string): Promise<void> {
      const referral = await db.referral.findUniqueOrThrow({ where: { id: referralId } });
      await db.referral.update({
        where: { id: referralId },
        data: { outcome: await sealer.seal(outcome, `referral:${referral.reportId}`), outcomeAt: now() },
      });
      await event(referral.reportId, staffId, "referral_outcome");
    },

    async referrals(reportId: string) {
      const rows = await db.referral.findMany({ where: { reportId }, orderBy: { referredAt: "asc" } });
      return Promise.all(
        rows.map(async (r) => ({ ...r, outcome: r.outcome ? await sealer.open(r.outcome, `referral:${reportId}`) : null })),
      );
    },
    history: (reportId: string) => db.reportEvent.findMany({ where: { reportId }, orderBy: { createdAt: "asc" } }),

    /** Merges into a case the viewer may see too (an operator cannot reach another region). */
    async merge(report: ReportRecord, viewer: Viewer, intoNumber: number): Promise<boolean> {
      const staffId = viewer.id;
      const target = await db.report.findUnique({ where: { number: intoNumber } });
      if (!target || target.id === report.id || !canSee(viewer, target)) return false;
      await db.$transaction([
        db.report.update({ where: { id: report.id }, data: { status: "DUPLICATE", mergedInto: target.number, closedAt: now() } }),
        db.reportEvent.create({ data: { reportId: report.id, actor: staffId, kind: "merged", data: { into: target.number } } }),
        db.reportEvent.create({ data: { reportId: target.id, actor: staffId, kind: "merged_from", data: { from: report.number } } }),
      ]);
      return true;
    },
  };
}

export type Casework = ReturnType<typeof createCasework>;
