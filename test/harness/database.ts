// A fresh, migrated database for each test file: in-memory PGlite by default, or a throwaway
// database on the PostgreSQL server in TEST_DATABASE_URL when the suite runs in that project.
import pg from "pg";
import { openDatabase, type OpenDatabase } from "../../src/db/client.ts";
import { applyMigrations } from "../../src/db/migrate.ts";

export interface TestDatabase extends OpenDatabase {
  /** What the database really is, for test names and assertions. */
  label: string;
  /** The throwaway PostgreSQL database's address, for a server started as a process (none for PGlite). */
  url?: string;
}

export function testDatabaseKind(): "pglite" | "postgres" {
  return process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
}

export async function openTestDatabase(): Promise<TestDatabase> {
  if (testDatabaseKind() === "pglite") {
    const db = await openDatabase({ kind: "pglite", dataDir: undefined });
    await applyMigrations(db.adapterFactory);
    return { ...db, label: "pglite (memory)" };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DB=postgres needs TEST_DATABASE_URL");
  const name = `bala_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: url.toString() });
  await applyMigrations(db.adapterFactory);
  return {
    ...db,
    label: `postgres (${name})`,
    url: url.toString(),
    close: async () => {
      await db.close();
      await withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withAdmin(url: string, run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}
