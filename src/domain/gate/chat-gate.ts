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
// The statements go to the driver directly where there is one (src/db/sql.ts): they run on every update.
// The update's other fixed reads and writes ride along (one round trip at each end of an update,
// not five): `admit` also reads the chat's session and saved language, and `finish` writes the
// session back in the same statement that marks the update done and gives the lease back.
import type { Db } from "../../db/client.js";
import { prismaSql, sqlTime, type Sql } from "../../db/sql.js";

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
  /**
   * The chat's session row ("Session"."value", as stored) and saved language ("Profile"), read in
   * the same statement; only when this statement took the lease and no other holder touched the
   * chat's row since the statement's snapshot, so they are what the previous holder left.
   * Undefined otherwise: read them again once the lease is held.
   */
  prefetched?: { session: string | null; language: string | null };
}

/** The session as the update left it, written by `finish` with the release of the lease. */
export type SessionChange = { value: string } | { delete: true };

export interface ChatGate {
  /**
   * One statement: claims the update (like the dedupe middleware) and enters the gate. A claim is
   * taken only when the update is new, or was released after a failure, or its claim is older
   * than `staleBefore` (its process died).
   */
  admit(key: string, holder: string, holdMs: number, windowMs: number, updateId: bigint, staleBefore: Date): Promise<Admission>;
  /**
   * One statement: marks the claimed update done (or released for redelivery) and gives the lease
   * back; with `session`, writes or deletes the chat's session too, only if the lease was still
   * this holder's (a holder whose lease ran out and was taken over must not overwrite the session).
   */
  finish(key: string, holder: string, updateId: bigint, handled: boolean, session?: SessionChange): Promise<void>;
  /** Takes the lease if it is free (or its holder died); no counting. */
  take(key: string, holder: string, holdMs: number): Promise<boolean>;
  /** Gives the lease back; only its holder can. */
  release(key: string, holder: string): Promise<void>;
  /** Deletes rows nobody has used for `idleMs`. */
  prune(idleMs: number, now?: Date): Promise<number>;
}

const FREE = sqlTime(new Date(0));

// Parameters are cast in the text ($n::type) so that the driver and Prisma's raw query send the
// same strings (src/db/sql.ts). The texts are constants: each is prepared once per connection.
const ADMIT = `
  WITH claim AS (
    INSERT INTO "ProcessedUpdate" ("updateId", "done", "attempts", "processedAt") VALUES ($1::bigint, false, 1, $2::timestamp(3))
    ON CONFLICT ("updateId") DO UPDATE SET "attempts" = "ProcessedUpdate"."attempts" + 1, "processedAt" = $2::timestamp(3)
    WHERE "ProcessedUpdate"."done" = false AND "ProcessedUpdate"."processedAt" < $3::timestamp(3)
    RETURNING "attempts"
  ), before AS (
    SELECT xmin AS "version" FROM "ChatGate" WHERE "key" = $4::text
  ), gate AS (
    INSERT INTO "ChatGate" AS g ("key", "holder", "heldUntil", "windowStart", "hits")
    VALUES ($4::text, $5::text, $6::timestamp(3), $2::timestamp(3), 1)
    ON CONFLICT ("key") DO UPDATE SET
      "hits" = CASE WHEN g."windowStart" < $7::timestamp(3) THEN 1 ELSE g."hits" + 1 END,
      "windowStart" = CASE WHEN g."windowStart" < $7::timestamp(3) THEN $2::timestamp(3) ELSE g."windowStart" END,
      "holder" = CASE WHEN g."heldUntil" < $2::timestamp(3) AND g.xmin = (SELECT "version" FROM before) THEN $5::text ELSE g."holder" END,
      "heldUntil" = CASE WHEN g."heldUntil" < $2::timestamp(3) AND g.xmin = (SELECT "version" FROM before) THEN $6::timestamp(3) ELSE g."heldUntil" END
    RETURNING "hits", ("holder" IS NOT DISTINCT FROM $5::text) AS "held"
  )
  SELECT gate."hits", gate."held", (SELECT "attempts" FROM claim) AS "attempts",
    (SELECT p."done" FROM "ProcessedUpdate" p WHERE p."updateId" = $1::bigint) AS "done",
    (SELECT s."value" FROM "Session" s WHERE s."key" = $4::text) AS "session",
    (SELECT f."language" FROM "Profile" f WHERE f."pseudonym" = $4::text) AS "language"
  FROM gate`;

// The update's mark (done, or released for redelivery) and the lease given back: the part both
// finish statements share ($1 key, $2 update id, $3 handled, $4 the free time, $5 holder).
const MARK = `UPDATE "ProcessedUpdate" SET "done" = $3::boolean, "processedAt" = CASE WHEN $3::boolean THEN "processedAt" ELSE $4::timestamp(3) END
    WHERE "updateId" = $2::bigint AND "done" = false`;
const GIVE_BACK = `UPDATE "ChatGate" SET "holder" = NULL, "heldUntil" = $4::timestamp(3) WHERE "key" = $1::text AND "holder" = $5::text`;

const FINISH = `
  WITH marked AS (${MARK})
  ${GIVE_BACK}`;

// "updatedAt" is set here (Prisma's @updatedAt is set by the client): pruning reads it.
const FINISH_WITH_SESSION = `
  WITH marked AS (${MARK}), released AS (${GIVE_BACK} RETURNING 1), removed AS (
    DELETE FROM "Session" WHERE "key" = $1::text AND $6::text IS NULL AND EXISTS (SELECT 1 FROM released)
  )
  INSERT INTO "Session" ("key", "value", "updatedAt")
  SELECT $1::text, $6::text, $7::timestamp(3) WHERE $6::text IS NOT NULL AND EXISTS (SELECT 1 FROM released)
  ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value", "updatedAt" = EXCLUDED."updatedAt"`;

const TAKE = `
  INSERT INTO "ChatGate" AS g ("key", "holder", "heldUntil") VALUES ($1::text, $2::text, $3::timestamp(3))
  ON CONFLICT ("key") DO UPDATE SET "holder" = $2::text, "heldUntil" = $3::timestamp(3)
  WHERE g."heldUntil" < $4::timestamp(3)
  RETURNING "key"`;

const RELEASE = `UPDATE "ChatGate" SET "holder" = NULL, "heldUntil" = $3::timestamp(3) WHERE "key" = $1::text AND "holder" = $2::text`;

interface AdmitRow {
  hits: number;
  held: boolean;
  attempts: number | null;
  done: boolean | null;
  session: string | null;
  language: string | null;
}

/** `sql`: the driver where there is one (src/db/sql.ts); by default Prisma's raw queries. */
export function createChatGate(db: Db, sql: Sql = prismaSql(db)): ChatGate {
  return {
    async admit(key, holder, holdMs, windowMs, updateId, staleBefore) {
      const now = Date.now();
      // The sub-selects ("ProcessedUpdate", "Session", "Profile", and "before") see the rows as
      // they were at the statement's snapshot, while the upsert of "ChatGate" acts on the newest
      // row (it waits for another instance's finish to commit). The lease is taken only when the
      // row is still the version of the snapshot (same xmin): then no holder took and released it
      // in between, and the session and language read here are the last ones written under it.
      const rows = await sql.query<AdmitRow>("gate_admit", ADMIT, [
        updateId.toString(),
        sqlTime(new Date(now)),
        sqlTime(staleBefore),
        key,
        holder,
        sqlTime(new Date(now + holdMs)),
        sqlTime(new Date(now - windowMs)),
      ]);
      const row = rows[0];
      if (!row) throw new Error("chat gate: no row returned");
      return {
        hits: Number(row.hits),
        held: row.held,
        attempts: row.attempts ?? undefined,
        done: row.done ?? undefined,
        ...(row.held ? { prefetched: { session: row.session, language: row.language } } : {}),
      };
    },

    async finish(key, holder, updateId, handled, session) {
      const values = [key, updateId.toString(), handled, FREE, holder];
      if (!session) await sql.query("gate_finish", FINISH, values);
      else
        await sql.query("gate_finish_session", FINISH_WITH_SESSION, [
          ...values,
          "value" in session ? session.value : null,
          sqlTime(new Date()),
        ]);
    },

    async take(key, holder, holdMs) {
      const now = Date.now();
      const rows = await sql.query("gate_take", TAKE, [key, holder, sqlTime(new Date(now + holdMs)), sqlTime(new Date(now))]);
      return rows.length === 1;
    },

    async release(key, holder) {
      await sql.query("gate_release", RELEASE, [key, holder, FREE]);
    },

    async prune(idleMs, now = new Date()) {
      const before = new Date(now.getTime() - idleMs);
      return db.$executeRaw`DELETE FROM "ChatGate" WHERE "heldUntil" < ${before} AND "windowStart" < ${before}`;
    },
  };
}
