// The chat gate: state every instance shares about one chat, in one database row (ChatGate).
// - A lease: the instance handling one of the chat's updates holds it, so the chat's updates run
//   one at a time across instances (session writes cannot overwrite each other, an album's photos
//   all land). A holder that died is taken over once `heldUntil` has passed.
// - The flood guard's window: updates counted per person over a few seconds, in the same statement
//   that takes the lease, so counting costs no extra round trip.
// Why a lease row rather than a PostgreSQL advisory lock held for the update: an advisory lock
// needs one connection held for the whole update (Bot API calls included), which starves the pool
// under load, deadlocks PGlite's single connection, and is not kept across Hyperdrive's pooled
// connections on Workers. The row costs two short statements and works on all three.
// Times are computed here, not with now() in SQL: the columns are timestamps without time zone.
import type { Db } from "../../db/client.js";

export interface GateEntry {
  /** Updates this person sent in the current window, this one included. */
  hits: number;
  /** Whether this update now holds the chat's lease. */
  held: boolean;
}

/** `enter` and the update's claim (src/bot/middleware/dedupe.ts) in one round trip. */
export interface Admission extends GateEntry {
  /** The claim's attempt count; undefined when the update was not claimed (handled, or being handled elsewhere). */
  attempts: number | undefined;
  /** When not claimed: whether it was already handled (false: still being handled elsewhere). */
  done: boolean | undefined;
}

export interface ChatGate {
  /**
   * One statement: claims the update (like the dedupe middleware) and enters the gate. A claim is
   * taken only when the update is new, or was released after a failure, or its claim is older
   * than `staleBefore` (its process died).
   */
  admit(key: string, holder: string, holdMs: number, windowMs: number, updateId: bigint, staleBefore: Date): Promise<Admission>;
  /** One statement: marks the claimed update done (or released for redelivery) and gives the lease back. */
  finish(key: string, holder: string, updateId: bigint, handled: boolean): Promise<void>;
  /** Takes the lease if it is free (or its holder died); no counting. */
  take(key: string, holder: string, holdMs: number): Promise<boolean>;
  /** Gives the lease back; only its holder can. */
  release(key: string, holder: string): Promise<void>;
  /** Deletes rows nobody has used for `idleMs`. */
  prune(idleMs: number, now?: Date): Promise<number>;
}

const FREE = new Date(0);

export function createChatGate(db: Db): ChatGate {
  return {
    async admit(key, holder, holdMs, windowMs, updateId, staleBefore) {
      const now = new Date();
      const until = new Date(now.getTime() + holdMs);
      const windowFloor = new Date(now.getTime() - windowMs);
      // The sub-select of "ProcessedUpdate" sees the row as it was before this statement.
      const rows = await db.$queryRaw<{ hits: number; held: boolean; attempts: number | null; done: boolean | null }[]>`
        WITH claim AS (
          INSERT INTO "ProcessedUpdate" ("updateId", "done", "attempts", "processedAt") VALUES (${updateId}, false, 1, ${now})
          ON CONFLICT ("updateId") DO UPDATE SET "attempts" = "ProcessedUpdate"."attempts" + 1, "processedAt" = ${now}
          WHERE "ProcessedUpdate"."done" = false AND "ProcessedUpdate"."processedAt" < ${staleBefore}
          RETURNING "attempts"
        ), gate AS (
          INSERT INTO "ChatGate" AS g ("key", "holder", "heldUntil", "windowStart", "hits")
          VALUES (${key}, ${holder}, ${until}, ${now}, 1)
          ON CONFLICT ("key") DO UPDATE SET
            "hits" = CASE WHEN g."windowStart" < ${windowFloor} THEN 1 ELSE g."hits" + 1 END,
            "windowStart" = CASE WHEN g."windowStart" < ${windowFloor} THEN ${now} ELSE g."windowStart" END,
            "holder" = CASE WHEN g."heldUntil" < ${now} THEN ${holder} ELSE g."holder" END,
            "heldUntil" = CASE WHEN g."heldUntil" < ${now} THEN ${until} ELSE g."heldUntil" END
          RETURNING "hits", ("holder" IS NOT DISTINCT FROM ${holder}) AS "held"
        )
        SELECT gate."hits", gate."held", (SELECT "attempts" FROM claim) AS "attempts",
          (SELECT p."done" FROM "ProcessedUpdate" p WHERE p."updateId" = ${updateId}) AS "done"
        FROM gate`;
      const row = rows[0];
      if (!row) throw new Error("chat gate: no row returned");
      return { hits: Number(row.hits), held: row.held, attempts: row.attempts ?? undefined, done: row.done ?? undefined };
    },

    async finish(key, holder, updateId, handled) {
      await db.$executeRaw`
        WITH marked AS (
          UPDATE "ProcessedUpdate" SET "done" = ${handled}, "processedAt" = CASE WHEN ${handled} THEN "processedAt" ELSE ${FREE} END
          WHERE "updateId" = ${updateId} AND "done" = false
          RETURNING 1
        )
        UPDATE "ChatGate" SET "holder" = NULL, "heldUntil" = ${FREE} WHERE "key" = ${key} AND "holder" = ${holder}`;
    },

    async take(key, holder, holdMs) {
      const now = new Date();
      const until = new Date(now.getTime() + holdMs);
      const rows = await db.$queryRaw<{ key: string }[]>`
        INSERT INTO "ChatGate" AS g ("key", "holder", "heldUntil") VALUES (${key}, ${holder}, ${until})
        ON CONFLICT ("key") DO UPDATE SET "holder" = ${holder}, "heldUntil" = ${until}
        WHERE g."heldUntil" < ${now}
        RETURNING "key"`;
      return rows.length === 1;
    },

    async release(key, holder) {
      await db.$executeRaw`UPDATE "ChatGate" SET "holder" = NULL, "heldUntil" = ${FREE} WHERE "key" = ${key} AND "holder" = ${holder}`;
    },

    async prune(idleMs, now = new Date()) {
      const before = new Date(now.getTime() - idleMs);
      return db.$executeRaw`DELETE FROM "ChatGate" WHERE "heldUntil" < ${before} AND "windowStart" < ${before}`;
    },
  };
}
