// Several instances starting at once on one PostgreSQL: each waits its turn to migrate, as long as
// that takes, so the first applies the migrations and the others find nothing left to do. (Prisma's
// schema engine takes its own lock but gives up after 10 s, which crashed the second instance.)
// A dedicated connection without the pool's lock and statement timeouts holds a session-level
// advisory lock; it asks again every half second rather than blocking in one long statement.
// Node-only, like migrations themselves.
import pg from "pg";

/** "bala" in ASCII: this app's migration turn, distinct from Prisma's own lock key. */
const MIGRATION_LOCK_KEY = 0x62616c61;
const POLL_MS = 500;

export async function withMigrationLock<T>(
  url: string,
  work: () => Promise<T>,
  onWait: (waitedSeconds: number) => void = () => undefined,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const started = Date.now();
    let told = 0;
    for (;;) {
      const { rows } = await client.query<{ got: boolean }>("SELECT pg_try_advisory_lock($1) AS got", [MIGRATION_LOCK_KEY]);
      if (rows[0]?.got) break;
      const waited = Math.floor((Date.now() - started) / 1000);
      if (waited >= told + 10) onWait((told = waited));
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    try {
      return await work();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
