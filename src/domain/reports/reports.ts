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
    async submit(draft: ReportDraft, who: { pseudonym: string; chatId: number; findings: RiskFinding[] }): Promise<{ report: ReportRecord; code: string; triage: Triage }> {
      const since = new Date(now().getTime() - 30 * 24 * 60 * 60 * 1000);
      const previousReports = await db.report.count({ where: { reporterPseudonym: who.pseudonym, createdAt: { gte: since } } });
      const result = triage({ ...draft, findings: who.findings, previousReports });
      const id = crypto.randomUUID();
      const code = codes.generate();
      const content: ReportContent = { words: draft.words, school: draft.school, attachments: draft.attachments };
      const created = now();
      const report = await db.report.create({
        data: {
          id,
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
        },
      });
      await event(id, "child", "created", { priority: result.priority, reasons: result.reasons.join(",") });
      return { report, code, triage: result };
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
      const followup = await db.reportEvent.findFirst({ where: { kind: "staff_post", data: { path: ["messageId"], equals: messageId } }, select: { reportId: true } });
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
        rows.map(async (r) => ({ id: r.id, author: r.author, createdAt: r.createdAt, readAt: r.readAt, body: await sealer.open(r.bodySealed, `message:${r.reportId}`) })),
      );
    },

    async addChildMessage(report: ReportRecord, text: string, findings: RiskFinding[]): Promise<{ raisedToUrgent: boolean }> {
      await db.reportMessage.create({ data: { reportId: report.id, author: "CHILD", bodySealed: await sealer.seal(text, `message:${report.id}`) } });
      await event(report.id, "child", "message");
      const urgent = findings.filter((f) => f.level === "urgent");
      if (urgent.length === 0 || report.priority === "URGENT") return { raisedToUrgent: false };
      const reasons = [...new Set([...report.priorityReasons, ...urgent.map((f) => `risk:${f.signal}`)])];
      await db.report.update({ where: { id: report.id }, data: { priority: "URGENT", priorityReasons: reasons, slaDueAt: slaDueAt("URGENT", now(), sla) } });
      await event(report.id, "bot", "priority", { from: report.priority, to: "URGENT", reason: "risk words in a follow-up" });
      return { raisedToUrgent: true };
    },

    async addStaffReply(report: ReportRecord, staff: string, text: string): Promise<string> {
      const message = await db.reportMessage.create({
        data: { reportId: report.id, author: "STAFF", staffAuthor: staff, bodySealed: await sealer.seal(text, `message:${report.id}`) },
      });
      await db.report.updateMany({ where: { id: report.id, firstResponseAt: null }, data: { firstResponseAt: now() } });
      if (report.status === "NEW" || report.status === "TRIAGED") await db.report.update({ where: { id: report.id }, data: { status: "IN_PROGRESS" } });
      await event(report.id, staff, "reply");
      return message.id;
    },

    async markRead(messageId: string): Promise<void> {
      await db.reportMessage.updateMany({ where: { id: messageId, readAt: null }, data: { readAt: now() } });
    },

    /** Atomic: of two staff claiming at once, exactly one wins. */
    async claim(reportId: string, staff: string): Promise<boolean> {
      // Only open cases; a claim moves a new case into work and leaves any later status as it is.
      const open = { id: reportId, assignee: null, status: { in: [...OPEN_STATUSES] } };
      const { count } = await db.report.updateMany({ where: open, data: { assignee: staff } });
      if (count === 1) {
        await db.report.updateMany({ where: { id: reportId, status: { in: ["NEW", "TRIAGED"] } }, data: { status: "IN_PROGRESS" } });
        await event(reportId, staff, "claim");
      }
      return count === 1;
    },

    async setPriority(report: ReportRecord, staff: string, priority: PriorityLevel): Promise<void> {
      if (report.priority === priority) return;
      await db.report.update({ where: { id: report.id }, data: { priority, slaDueAt: slaDueAt(priority, report.createdAt, sla) } });
      await event(report.id, staff, "priority", { from: report.priority, to: priority });
    },

    async markSpam(report: ReportRecord, staff: string): Promise<void> {
      await db.report.update({ where: { id: report.id }, data: { status: "SPAM", closedAt: now() } });
      await event(report.id, staff, "status", { from: report.status, to: "SPAM" });
    },

    async blockReporter(report: ReportRecord, staff: string): Promise<boolean> {
      if (!report.reporterPseudonym) return false;
      await db.blockedPseudonym.upsert({
        where: { pseudonym: report.reporterPseudonym },
        create: { pseudonym: report.reporterPseudonym, reason: `report #${report.number}`, blockedBy: staff },
        update: {},
      });
      await event(report.id, staff, "block");
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
      const reports = await db.report.findMany({ where: { reporterPseudonym: pseudonym }, select: { id: true } });
      await db.report.updateMany({ where: { reporterPseudonym: pseudonym }, data: { reporterPseudonym: null, contactSealed: null } });
      for (const r of reports) await event(r.id, "child", "unlinked");
      return reports.length;
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
