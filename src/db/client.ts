// Opens the database: embedded PGlite (a folder, or memory for tests) or real PostgreSQL.
// One generated client and one schema for both; only the driver adapter differs.
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/node/client.ts";
import { registerSql, type SqlValue } from "./sql.js";

export type Db = PrismaClient;

export interface OpenDatabase {
  prisma: Db;
  /** The adapter factory, for the schema engine (migrations) to reuse the same connection. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

const PGLITE_SHARED_BUFFERS = "16MB";

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string | undefined };

/**
 * A prepared statement's name per SQL text Prisma sends. Past a bound (texts that differ by the
 * length of a list, say), statements go unnamed: each connection keeps every named one for good.
 */
function statementNames(max = 500): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined && names.size < max) names.set(sql, (name = `prisma_${names.size}`));
    return name ?? "";
  };
}

export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  if (target.kind === "postgres") {
    const [{ PrismaPg }, { default: pg }] = await Promise.all([import("@prisma/adapter-pg"), import("pg")]);
    // A database that hangs must fail the update (Telegram then delivers it again), not hold it:
    // every statement, lock wait and connection attempt is bounded.
    const config = {
      connectionString: target.url,
      connectionTimeoutMillis: 5_000,
      statement_timeout: 15_000,
      lock_timeout: 5_000,
      idle_in_transaction_session_timeout: 30_000,
      // Client side too: a server that stopped answering cannot enforce its own timeout.
      query_timeout: 20_000,
    };
    // One pool for Prisma and for the chat gate's statements (src/db/sql.ts). Prisma's statements
    // are named too, so each connection parses and plans each one once. Migrations get connections
    // of their own from `adapterFactory` (closed afterwards: the schema engine keeps an advisory
    // lock on its connection, which must not stay in this pool).
    const pool = new pg.Pool(config);
    // An idle connection that breaks (a server restart) is dropped by the pool; without a listener
    // its error would end the process before Prisma has attached its own.
    pool.on("error", () => undefined);
    const adapterFactory = new PrismaPg(config);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { statementNameGenerator: statementNames() }) });
    registerSql(prisma, {
      query: async <Row>(name: string, text: string, values: SqlValue[]) => (await pool.query({ name, text, values })).rows as Row[],
    });
    return {
      prisma,
      adapterFactory,
      kind: "postgres",
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  // Loaded lazily so the Workers bundle, which always uses PostgreSQL, can leave PGlite out.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]);
  // PostgreSQL's default 128 MB of shared buffers is sized for a server; here it is this process's
  // own memory, taken at start. 16 MB holds a help desk's working set (the pages stay in the OS
  // cache too): about 110 MB less RSS from the first second (measured with npm run bench).
  const startParams = [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`];
  const pglite = new PGlite({ ...(target.dataDir ? { dataDir: target.dataDir } : {}), startParams });
  await pglite.waitReady;
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  // The chat gate's statements straight to PGlite (src/db/sql.ts); PGlite runs one statement at a
  // time and keeps them out of a transaction in progress, as it does for Prisma's own.
  registerSql(prisma, {
    query: async <Row>(_name: string, text: string, values: SqlValue[]) => (await pglite.query<Row>(text, values)).rows,
  });
  return {
    prisma,
    adapterFactory,
    kind: "pglite",
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
