// Retention: the content of closed cases is deleted after a set time (default 90 days, as
// GlobaLeaks does); the anonymous fields stay, so statistics survive.
import type { Db } from "../../db/client.js";
import { CLOSED_STATUSES } from "./reports.js";

export interface RetainedCase {
  number: number;
  /** The case's post in the staff group, which still quotes the child: to be redacted too. */
  staffMessageId: number | null;
}

export async function applyRetention(db: Db, days: number, now = new Date()): Promise<RetainedCase[]> {
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  const expired = await db.report.findMany({
    where: { status: { in: [...CLOSED_STATUSES] }, closedAt: { lt: cutoff }, contentDeletedAt: null },
    select: { id: true, number: true, staffMessageId: true },
  });
  for (const r of expired) {
    await db.$transaction([
      db.reportMessage.deleteMany({ where: { reportId: r.id } }),
      db.internalNote.deleteMany({ where: { reportId: r.id } }),
      db.referral.updateMany({ where: { reportId: r.id }, data: { outcome: null } }),
      db.report.update({ where: { id: r.id }, data: { contentSealed: "", contactSealed: null, reporterPseudonym: null, contentDeletedAt: now } }),
      db.reportEvent.create({ data: { reportId: r.id, actor: "system", kind: "retention", data: { days } } }),
      db.auditEntry.create({ data: { actor: "system", action: "retention.delete_content", target: String(r.number), detail: { days } } }),
    ]);
  }
  return expired.map((r) => ({ number: r.number, staffMessageId: r.staffMessageId }));
}
