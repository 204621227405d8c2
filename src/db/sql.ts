// The few statements every update runs (the chat gate's, src/domain/gate/chat-gate.ts) go to the
// driver where src/db/client.ts registers one: PostgreSQL on Node (as named prepared statements)
// and embedded PGlite. Through Prisma's raw queries the same statement costs about three times the
// CPU in this process (measured: 0.14-0.18 ms against 0.04-0.05 ms per call), and PostgreSQL
// parses and plans it anew each time. On Workers (a Prisma client per request) the statement goes
// through Prisma. Parameters are strings, booleans or null,
// cast in the SQL itself, so both paths send the same values.
import type { Db } from "./client.js";

export type SqlValue = string | boolean | null;

export interface Sql {
  /** Runs one statement; `name` identifies its text (the same name must always mean the same text). */
  query<Row>(name: string, text: string, values: SqlValue[]): Promise<Row[]>;
}

/** A statement through Prisma's raw query: works wherever the client does. */
export function prismaSql(db: Db): Sql {
  return { query: (_name, text, values) => db.$queryRawUnsafe(text, ...values) };
}

// Keyed by the client object, so that two apps (tests, a restarted server) never share an entry.
const direct = new WeakMap<object, Sql>();

/** The driver behind `db`, for `sqlFor` to use instead of Prisma. */
export function registerSql(db: Db, sql: Sql): void {
  direct.set(db, sql);
}

/** The driver registered for `db` if any, else Prisma's raw queries. */
export function sqlFor(db: Db): Sql {
  return direct.get(db) ?? prismaSql(db);
}

/** A timestamp for a `timestamp(3)` column (no time zone: the columns store UTC). */
export function sqlTime(date: Date): string {
  return date.toISOString().slice(0, 23).replace("T", " ");
}
