// Reports and their threads: creation, lookup by code, the anonymous thread, staff actions.
// Everything the child wrote is sealed before it reaches the database.
import type { Db } from "../../db/client.js";
import type { Sealer } from "../privacy/encryption.js";
import type { CaseCodes } from "./case-code.js";
import type { RiskFinding } from "./risk-detection.js";
import { slaDueAt, triage, type PriorityLevel, type SlaHours, type Triage } from "./triage.js";

export interface Attachment {
  kind: "photo" | "document" | "voice" | "video";
  fileId: string;
  /** What the child wrote under the file, part of their words. */
  caption?: string;
}

export interface ReportDraft {
  language: string;
  safeNow?: string | undefined;
  category: string;
  involved?: string | undefined;
  place?: string | undefined;
  ongoing?: string | undefined;
  region?: string | undefined;
  ageBand?: string | undefined;
  school?: string | undefined;
  words: string;
  attachments: Attachment[];
  mayContact: boolean;
}

export interface ReportContent {
  words: string;
  school?: string | undefined;
  attachments: Attachment[];
}

export type ReportRecord = NonNullable<Awaited<ReturnType<Db["report"]["findUnique"]>>>;
/** The client inside a transaction. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0] extends (tx: infer T) => unknown ? (tx: T) => unknown : never>[0];

export interface ThreadMessage {
  author: "CHILD" | "STAFF";
  body: string;
  createdAt: Date;
  readAt: Date | null;
  id: string;
}

export const OPEN_STATUSES = ["NEW", "TRIAGED", "IN_PROGRESS", "REFERRED"] as const;
export const CLOSED_STATUSES = ["CLOSED", "SPAM", "DUPLICATE"] as const;

export interface ReportServiceDeps {
  db: Db;
  sealer: Sealer;
  codes: CaseCodes;
  sla: SlaHours;
  now?: () => Date;
}

export type ReportService = ReturnType<typeof createReportService>;

export function createReportService({ db, sealer, codes, sla, now = () => new Date() }: ReportServiceDeps) {
  const event = (reportId: string, actor: string, kind: string, data: Record<string, string | number | boolean | null> = {}) =>
    db.reportEvent.create({ data: { reportId, actor, kind, data } });

  return {
    /**
     * Creates the report, its first event and whatever must be sent about it (`then`, in the same
     * transaction). The draft's key makes it idempotent: sending the same draft again (a double
     * tap, a redelivered update after a failure) returns the same report and the same code.
     */
    async submit(
      draft: ReportDraft,
      who: { pseudonym: string; chatId: number; findings: RiskFinding[]; draftKey: string },
      then: (tx: Tx, report: ReportRecord, content: ReportContent) => Promise<void> = async () => undefined,
    ): Promise<{ report: ReportRecord; code: string; triage: Triage; again: boolean }> {
      const draftKey = await codes.hash(`draft:${who.draftKey}`);
      const code = await codes.forDraft(who.draftKey);
      const existing = await db.report.findUnique({ where: { draftKey } });
      if (existing)
        return { report: existing, code, triage: { priority: existing.priority, reasons: existing.priorityReasons }, again: true };
      const since = new Date(now().getTime() - 30 * 24 * 60 * 60 * 1000);
      const previousReports = await db.report.count({ where: { reporterPseudonym: who.pseudonym, createdAt: { gte: since } } });
      const result = triage({ ...draft, findings: who.findings, previousReports });
      const id = crypto.randomUUID();
      const content: ReportContent = { words: draft.words, school: draft.school, attachments: draft.attachments };
      const created = now();
      const data = {
        id,
        draftKey,
        codeHash: await codes.hash(code),
        codeHint: codes.hint(code),
        reporterPseudonym: who.pseudonym,
        contactSealed: draft.mayContact ? await sealer.seal(String(who.chatId), `contact:${id}`) : null,
        language: draft.language,
        priority: result.priority,
        priorityReasons: result.reasons,
        category: draft.category,
        involved: draft.involved ?? null,
        place: draft.place ?? null,
        ongoing: draft.ongoing ?? null,
        safeNow: draft.safeNow ?? null,
        region: draft.region ?? null,
        ageBand: draft.ageBand ?? null,
        contentSealed: await sealer.seal(JSON.stringify(content), `report:${id}`),
        slaDueAt: slaDueAt(result.priority, created, sla),
        createdAt: created,
      };
      try {
        const report = await db.$transaction(async (tx) => {
          const report = await tx.report.create({ data });
          await tx.reportEvent.create({
            data: { reportId: id, actor: "child", kind: "created", data: { priority: result.priority, reasons: result.reasons.join(",") } },
          });
          await then(tx, report, content);
          return report;
        });
        return { report, code, triage: result, again: false };
      } catch (error) {
        // Two deliveries of the same Send at once: the other one made it; show that one.
        const winner = await db.report.findUnique({ where: { draftKey } });
        if (winner) return { report: winner, code, triage: { priority: winner.priority, reasons: winner.priorityReasons }, again: true };
        throw error;
      }
    },

    async findByCode(code: string): Promise<ReportRecord | null> {
      return db.report.findUnique({ where: { codeHash: await codes.hash(code) } });
    },

    byId: (id: string) => db.report.findUnique({ where: { id } }),
    byNumber: (number: number) => db.report.findUnique({ where: { number } }),
    /** The report a staff-group post belongs to: its own post, or a follow-up posted about it. */
    async byStaffPost(messageId: number): Promise<ReportRecord | null> {
      const own = await db.report.findFirst({ where: { staffMessageId: messageId } });
      if (own) return own;
      const followup = await db.reportEvent.findFirst({
        where: { kind: "staff_post", data: { path: ["messageId"], equals: messageId } },
        select: { reportId: true },
      });
      return followup ? db.report.findUnique({ where: { id: followup.reportId } }) : null;
    },

    /** Remembers a follow-up post in the staff group, so replies to it reach the right child. */
    async recordStaffPost(reportId: string, messageId: number): Promise<void> {
      await event(reportId, "bot", "staff_post", { messageId });
    },

    listForChild: (pseudonym: string) =>
      db.report.findMany({ where: { reporterPseudonym: pseudonym }, orderBy: { createdAt: "desc" }, take: 10 }),

    async content(report: ReportRecord): Promise<ReportContent> {
      return JSON.parse(await sealer.open(report.contentSealed, `report:${report.id}`)) as ReportContent;
    },

    async contactChatId(report: ReportRecord): Promise<number | undefined> {
      return report.contactSealed ? Number(await sealer.open(report.contactSealed, `contact:${report.id}`)) : undefined;
    },

    async thread(reportId: string): Promise<ThreadMessage[]> {
      const rows = await db.reportMessage.findMany({ where: { reportId }, orderBy: { createdAt: "asc" } });
      return Promise.all(
        rows.map(async (r) => ({
          id: r.id,
          author: r.author,
          createdAt: r.createdAt,
          readAt: r.readAt,
          body: await sealer.open(r.bodySealed, `message:${r.reportId}`),
        })),
      );
    },

    /** The child's message, the raise to urgent it may cause and what is sent about it, together. */
    async addChildMessage(
      report: ReportRecord,
      text: string,
      findings: RiskFinding[],
      then: (tx: Tx, messageId: string, raisedToUrgent: boolean) => Promise<void> = async () => undefined,
    ): Promise<{ raisedToUrgent: boolean }> {
      const bodySealed = await sealer.seal(text, `message:${report.id}`);
      const urgent = findings.filter((f) => f.level === "urgent");
      const raise = urgent.length > 0 && report.priority !== "URGENT";
      await db.$transaction(async (tx) => {
        const message = await tx.reportMessage.create({ data: { reportId: report.id, author: "CHILD", bodySealed } });
        await tx.reportEvent.create({ data: { reportId: report.id, actor: "child", kind: "message", data: {} } });
        if (raise) {
          const reasons = [...new Set([...report.priorityReasons, ...urgent.map((f) => `risk:${f.signal}`)])];
          await tx.report.update({
            where: { id: report.id },
            data: { priority: "URGENT", priorityReasons: reasons, slaDueAt: slaDueAt("URGENT", now(), sla) },
          });
          await tx.reportEvent.create({
            data: {
              reportId: report.id,
              actor: "bot",
              kind: "priority",
              data: { from: report.priority, to: "URGENT", reason: "risk words in a follow-up" },
            },
          });
        }
        await then(tx, message.id, raise);
      });
      return { raisedToUrgent: raise };
    },

    /** A staff reply, the case's first response and status, and the child's notification, together. */
    async addStaffReply(
      report: ReportRecord,
      staff: string,
      text: string,
      then: (tx: Tx, messageId: string) => Promise<void> = async () => undefined,
    ): Promise<string> {
      const bodySealed = await sealer.seal(text, `message:${report.id}`);
      return db.$transaction(async (tx) => {
        const message = await tx.reportMessage.create({ data: { reportId: report.id, author: "STAFF", staffAuthor: staff, bodySealed } });
        await tx.report.updateMany({ where: { id: report.id, firstResponseAt: null }, data: { firstResponseAt: now() } });
        if (report.status === "NEW" || report.status === "TRIAGED")
          await tx.report.update({ where: { id: report.id }, data: { status: "IN_PROGRESS" } });
        await tx.reportEvent.create({ data: { reportId: report.id, actor: staff, kind: "reply", data: {} } });
        await then(tx, message.id);
        return message.id;
      });
    },

    async markRead(messageId: string): Promise<void> {
      await db.reportMessage.updateMany({ where: { id: messageId, readAt: null }, data: { readAt: now() } });
    },

    /** Atomic: of two staff claiming at once, exactly one wins. */
    async claim(reportId: string, staff: string): Promise<boolean> {
      // Only open cases; a claim moves a new case into work and leaves any later status as it is.
      const open = { id: reportId, assignee: null, status: { in: [...OPEN_STATUSES] } };
      return db.$transaction(async (tx) => {
        const { count } = await tx.report.updateMany({ where: open, data: { assignee: staff } });
        if (count === 1) {
          await tx.report.updateMany({ where: { id: reportId, status: { in: ["NEW", "TRIAGED"] } }, data: { status: "IN_PROGRESS" } });
          await tx.reportEvent.create({ data: { reportId, actor: staff, kind: "claim", data: {} } });
        }
        return count === 1;
      });
    },

    async setPriority(report: ReportRecord, staff: string, priority: PriorityLevel): Promise<void> {
      if (report.priority === priority) return;
      await db.$transaction([
        db.report.update({ where: { id: report.id }, data: { priority, slaDueAt: slaDueAt(priority, report.createdAt, sla) } }),
        event(report.id, staff, "priority", { from: report.priority, to: priority }),
      ]);
    },

    async markSpam(report: ReportRecord, staff: string): Promise<void> {
      await db.$transaction([
        db.report.update({ where: { id: report.id }, data: { status: "SPAM", closedAt: now() } }),
        event(report.id, staff, "status", { from: report.status, to: "SPAM" }),
      ]);
    },

    async blockReporter(report: ReportRecord, staff: string): Promise<boolean> {
      if (!report.reporterPseudonym) return false;
      await db.$transaction([
        db.blockedPseudonym.upsert({
          where: { pseudonym: report.reporterPseudonym },
          create: { pseudonym: report.reporterPseudonym, reason: `report #${report.number}`, blockedBy: staff },
          update: {},
        }),
        event(report.id, staff, "block"),
      ]);
      return true;
    },

    async isBlocked(pseudonym: string): Promise<boolean> {
      return (await db.blockedPseudonym.count({ where: { pseudonym } })) > 0;
    },

    async setStaffMessage(reportId: string, staffMessageId: number): Promise<void> {
      await db.report.update({ where: { id: reportId }, data: { staffMessageId, staffPostedAt: now() } });
    },

    /** Reports this child sent in the last hour (rate limit). */
    recentReportCount: (pseudonym: string) =>
      db.report.count({ where: { reporterPseudonym: pseudonym, createdAt: { gte: new Date(now().getTime() - 60 * 60 * 1000) } } }),

    recentChildMessageCount: (reportId: string) =>
      db.reportMessage.count({ where: { reportId, author: "CHILD", createdAt: { gte: new Date(now().getTime() - 60 * 60 * 1000) } } }),

    /** /forget: the reports stay for the ombudsman's duty, with no way left to reach the child. */
    async unlinkChild(pseudonym: string): Promise<number> {
      return db.$transaction(async (tx) => {
        const reports = await tx.report.findMany({ where: { reporterPseudonym: pseudonym }, select: { id: true } });
        await tx.report.updateMany({ where: { reporterPseudonym: pseudonym }, data: { reporterPseudonym: null, contactSealed: null } });
        await tx.reportEvent.createMany({ data: reports.map((r) => ({ reportId: r.id, actor: "child", kind: "unlinked", data: {} })) });
        return reports.length;
      });
    },

    /** Code guesses in the last hour, to slow down brute force. */
    async codeAttempts(pseudonym: string): Promise<number> {
      return db.codeAttempt.count({ where: { pseudonym, success: false, createdAt: { gte: new Date(now().getTime() - 60 * 60 * 1000) } } });
    },
    async recordCodeAttempt(pseudonym: string, success: boolean): Promise<void> {
      await db.codeAttempt.create({ data: { pseudonym, success } });
    },
  };
}
