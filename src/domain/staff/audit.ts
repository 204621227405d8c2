// The audit log: append-only, who did what to which case, never the content.
import type { Db } from "../../db/client.js";

export type AuditDetail = Record<string, string | number | boolean | null>;

export function audit(db: Db, actor: string, action: string, target?: string | number, detail: AuditDetail = {}): Promise<unknown> {
  return db.auditEntry.create({ data: { actor, action, target: target === undefined ? null : String(target), detail } });
}

export interface AuditQuery {
  actor?: string | undefined;
  action?: string | undefined;
  target?: string | undefined;
  limit?: number;
}

export function searchAudit(db: Db, q: AuditQuery) {
  return db.auditEntry.findMany({
    where: {
      ...(q.actor ? { actor: q.actor } : {}),
      ...(q.action ? { action: { startsWith: q.action } } : {}),
      ...(q.target ? { target: q.target } : {}),
    },
    orderBy: { at: "desc" },
    take: q.limit ?? 200,
  });
}
