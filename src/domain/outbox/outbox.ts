// The outbox: what must reach a person is written as a row in the same transaction as the change
// that causes it (a report, a staff reply, a retention), and sent later by the dispatcher. A row
// is keyed by the effect it stands for, so a redelivered update cannot enqueue it twice; it is
// held by one dispatcher at a time (FOR UPDATE SKIP LOCKED), so several instances share the work.
import type { Db } from "../../db/client.js";
import type { Sealer } from "../privacy/encryption.js";

/** A transaction client or the client itself: enqueueing joins the caller's transaction. */
export type DbLike = Pick<Db, "outboxMessage">;

/** `chat`: which staff group, by the region key it serves (STAFF_CHATS); none or "*" is the default group. */
export type OutboxTarget = { to: "staff"; chat?: string } | { to: "child"; chatId: number };

/** The target column: "staff" (the default group) or "staff:<region>" (that region's own group). */
const STAFF = "staff";
const targetColumn = (target: OutboxTarget): string =>
  target.to === "staff" && target.chat && target.chat !== "*" ? `${STAFF}:${target.chat}` : target.to;
const staffChatOf = (column: string): string | undefined => (column.startsWith(`${STAFF}:`) ? column.slice(STAFF.length + 1) : undefined);

export interface OutboxAfter {
  /** "report_post": the report's staff message id; "followup_post": a follow-up's post id. */
  kind: "report_post" | "followup_post";
  reportId: string;
  /** The post shows the child's words to the whole group (STAFF_GROUP_DETAIL=full): logged as a view once sent. */
  shows?: number;
}

export interface OutboxItem {
  key: string;
  target: OutboxTarget;
  method: "sendMessage" | "editMessageText" | "deleteMessage";
  /** The Bot API parameters, without chat_id. */
  payload: Record<string, unknown>;
  after?: OutboxAfter;
  /** 0 for urgent staff alerts; 5 by default. */
  rank?: number;
  /** A non-urgent report post that may go out in a digest line instead when the group is busy. */
  digestLine?: string;
}

export interface ClaimedMessage {
  id: string;
  key: string;
  target: "staff" | "child";
  chatId: number | undefined;
  /** For a staff row: the region key of its group (undefined: the default group). */
  staffChat: string | undefined;
  method: OutboxItem["method"];
  payload: Record<string, unknown>;
  after: OutboxAfter | undefined;
  rank: number;
  digestLine: string | undefined;
  attempts: number;
}

/** How long a dispatcher holds a claimed row before another may take it over. */
const HOLD_MS = 60_000;
export const MAX_ATTEMPTS = 8;
const IN_DIGEST = "in digest";

export type Outbox = ReturnType<typeof createOutbox>;

export function createOutbox(deps: { db: Db; sealer: Sealer; now?: () => Date }) {
  const { db, sealer } = deps;
  const now = deps.now ?? (() => new Date());

  // Whether this process queued something since the dispatcher last looked: an update that queued
  // nothing (most of them) then costs no dispatcher round; the timer catches the rest.
  let queuedHere = false;

  return {
    /** True once after this process queued a message (the dispatcher's cue to run a round now). */
    takeQueued(): boolean {
      const queued = queuedHere;
      queuedHere = false;
      return queued;
    },

    /** Adds a message to send; a second call with the same key changes nothing. */
    async enqueue(tx: DbLike, item: OutboxItem): Promise<void> {
      queuedHere = true;
      const chatSealed = item.target.to === "child" ? await sealer.seal(String(item.target.chatId), `outbox-chat:${item.key}`) : null;
      const payloadSealed = await sealer.seal(JSON.stringify(item.payload), `outbox:${item.key}`);
      await tx.outboxMessage.upsert({
        where: { key: item.key },
        create: {
          key: item.key,
          target: targetColumn(item.target),
          chatSealed,
          method: item.method,
          payloadSealed,
          ...(item.after ? { after: { ...item.after } } : {}),
          rank: item.rank ?? 5,
          digestLine: item.digestLine ?? null,
        },
        update: {},
      });
    },

    /** Takes up to `limit` due rows for this dispatcher, most urgent first. */
    async claim(limit: number): Promise<ClaimedMessage[]> {
      const at = now();
      const until = new Date(at.getTime() + HOLD_MS);
      const rows = await db.$queryRaw<{ id: string }[]>`
        UPDATE "OutboxMessage" SET "lockedUntil" = ${until}
        WHERE "id" IN (
          SELECT "id" FROM "OutboxMessage"
          WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${at} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${at})
          ORDER BY "rank", "createdAt"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING "id"`;
      if (rows.length === 0) return [];
      const full = await db.outboxMessage.findMany({
        where: { id: { in: rows.map((r) => r.id) } },
        orderBy: [{ rank: "asc" }, { createdAt: "asc" }],
      });
      return Promise.all(
        full.map(async (row) => ({
          id: row.id,
          key: row.key,
          target: row.target === "child" ? ("child" as const) : ("staff" as const),
          staffChat: staffChatOf(row.target),
          chatId: row.chatSealed ? Number(await sealer.open(row.chatSealed, `outbox-chat:${row.key}`)) : undefined,
          method: row.method as OutboxItem["method"],
          payload: JSON.parse(await sealer.open(row.payloadSealed, `outbox:${row.key}`)) as Record<string, unknown>,
          after: (row.after ?? undefined) as OutboxAfter | undefined,
          rank: row.rank,
          digestLine: row.digestLine ?? undefined,
          attempts: row.attempts,
        })),
      );
    },

    async sent(id: string): Promise<void> {
      await db.outboxMessage.update({ where: { id }, data: { status: "SENT", sentAt: now(), lockedUntil: null, lastError: null } });
    },

    /** Sent inside a digest message: the rows it covers count as delivered. */
    async sentInDigest(ids: string[]): Promise<void> {
      await db.outboxMessage.updateMany({
        where: { id: { in: ids } },
        data: { status: "SENT", sentAt: now(), lockedUntil: null, lastError: IN_DIGEST },
      });
    },

    /** A digest message went out: it counts against the group's budget like any post. */
    async recordDigest(reports: number, chat?: string): Promise<void> {
      await db.outboxMessage.create({
        data: {
          key: `digest:${crypto.randomUUID()}`,
          target: targetColumn({ to: "staff", ...(chat ? { chat } : {}) }),
          method: "sendMessage",
          payloadSealed: `digest of ${reports}`,
          status: "SENT",
          sentAt: now(),
        },
      });
    },

    /** Try again after `delayMs`, or give up (a dead letter staff can see) after too many tries. */
    async retry(
      message: ClaimedMessage,
      error: string,
      delayMs: number,
      options: { countsAsAttempt?: boolean } = {},
    ): Promise<"retry" | "dead"> {
      const attempts = message.attempts + (options.countsAsAttempt === false ? 0 : 1);
      const dead = attempts >= MAX_ATTEMPTS;
      await db.outboxMessage.update({
        where: { id: message.id },
        data: {
          attempts,
          lastError: error.slice(0, 300),
          lockedUntil: null,
          status: dead ? "DEAD" : "PENDING",
          nextAttemptAt: new Date(now().getTime() + delayMs),
        },
      });
      return dead ? "dead" : "retry";
    },

    /** Gives up at once (Telegram said the request itself is wrong, or the chat is gone). */
    async dead(id: string, error: string): Promise<void> {
      await db.outboxMessage.update({ where: { id }, data: { status: "DEAD", lastError: error.slice(0, 300), lockedUntil: null } });
    },

    /** Puts a row back for now (e.g. the group's minute budget is spent). */
    async release(id: string, at: Date): Promise<void> {
      await db.outboxMessage.update({ where: { id }, data: { lockedUntil: null, nextAttemptAt: at } });
    },

    /** Posts to the staff groups in the last minute, across every instance, by group (region key; undefined: the default group). */
    async staffSentLastMinute(): Promise<{ chat: string | undefined; count: number }[]> {
      // Rows sent inside a digest did not use a post of their own (the digest's row counts).
      const rows = await db.outboxMessage.groupBy({
        by: ["target"],
        where: {
          target: { startsWith: STAFF },
          status: "SENT",
          sentAt: { gte: new Date(now().getTime() - 60_000) },
          OR: [{ lastError: null }, { lastError: { not: IN_DIGEST } }],
        },
        _count: { _all: true },
      });
      return rows.map((r) => ({ chat: staffChatOf(r.target), count: r._count._all }));
    },

    /** Non-urgent report posts waiting to go out, for a digest: of the given groups (region keys; undefined: the default group), or all. */
    async waitingDigestLines(limit: number, chats?: (string | undefined)[]): Promise<{ id: string; digestLine: string }[]> {
      const target = chats ? { in: chats.map((chat) => targetColumn({ to: "staff", ...(chat ? { chat } : {}) })) } : { startsWith: STAFF };
      const rows = await db.outboxMessage.findMany({
        where: { status: "PENDING", target, digestLine: { not: null }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now() } }] },
        orderBy: { createdAt: "asc" },
        take: limit,
        select: { id: true, digestLine: true },
      });
      return rows.map((r) => ({ id: r.id, digestLine: r.digestLine! }));
    },

    async pendingCount(): Promise<number> {
      return db.outboxMessage.count({ where: { status: "PENDING" } });
    },

    /** Dead letters for the console: what could not be delivered, and why (no content). */
    async deadLetters(take = 100) {
      return db.outboxMessage.findMany({
        where: { status: "DEAD" },
        orderBy: { createdAt: "desc" },
        take,
        select: { id: true, key: true, target: true, method: true, attempts: true, lastError: true, createdAt: true },
      });
    },

    /** Staff may send a dead letter again (e.g. after the group was fixed). */
    async revive(id: string): Promise<void> {
      await db.outboxMessage.updateMany({
        where: { id, status: "DEAD" },
        data: { status: "PENDING", attempts: 0, nextAttemptAt: now(), lastError: null },
      });
    },

    /** Sent rows older than `days` are pruned (their sealed payloads with them). */
    async prune(days: number): Promise<number> {
      const { count } = await db.outboxMessage.deleteMany({
        where: { status: "SENT", sentAt: { lt: new Date(now().getTime() - days * 24 * 60 * 60 * 1000) } },
      });
      return count;
    },
  };
}
