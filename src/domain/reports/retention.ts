// Retention: the content of closed cases is deleted after a set time (default 90 days, as
// GlobaLeaks does); the anonymous fields stay, so statistics survive.
import type { Db } from "../../db/client.js";
import { CLOSED_STATUSES, type Tx } from "./reports.js";

export interface RetainedCase {
  number: number;
  /** Posts in the staff group that still quote the child (the case's post and follow-ups): to be redacted too. */
  staffMessageIds: number[];
}

/**
 * Deletes what closed cases hold of the child, and with it (`then`, same transaction) queues the
 * redaction of the staff group's posts, so nothing is half done if the process dies.
 */
export async function applyRetention(
  db: Db,
  days: number,
  now = new Date(),
  then: (tx: Tx, retained: RetainedCase) => Promise<void> = async () => undefined,
): Promise<RetainedCase[]> {
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  const expired = await db.report.findMany({
    where: { status: { in: [...CLOSED_STATUSES] }, closedAt: { lt: cutoff }, contentDeletedAt: null },
    select: { id: true, number: true, staffMessageId: true },
  });
  const retained: RetainedCase[] = [];
  for (const r of expired) {
    const followups = await db.reportEvent.findMany({ where: { reportId: r.id, kind: "staff_post" }, select: { data: true } });
    const staffMessageIds = [r.staffMessageId, ...followups.map((f) => (f.data as { messageId?: unknown } | null)?.messageId)].filter(
      (id): id is number => typeof id === "number",
    );
    const one = { number: r.number, staffMessageIds };
    await db.$transaction(async (tx) => {
      await tx.reportMessage.deleteMany({ where: { reportId: r.id } });
      await tx.internalNote.deleteMany({ where: { reportId: r.id } });
      await tx.referral.updateMany({ where: { reportId: r.id }, data: { outcome: null } });
      await tx.report.update({
        where: { id: r.id },
        data: { contentSealed: "", contactSealed: null, reporterPseudonym: null, contentDeletedAt: now },
      });
      await tx.reportEvent.create({ data: { reportId: r.id, actor: "system", kind: "retention", data: { days } } });
      await tx.auditEntry.create({
        data: { actor: "system", action: "retention.delete_content", target: String(r.number), detail: { days } },
      });
      await then(tx, one);
    });
    retained.push(one);
  }
  return retained;
}
