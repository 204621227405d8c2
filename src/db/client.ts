// Opens the database: embedded PGlite (a folder, or memory for tests) or real PostgreSQL.
// One generated client and one schema for both; only the driver adapter differs.
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/node/client.ts";

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

export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  if (target.kind === "postgres") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    // A database that hangs must fail the update (Telegram then delivers it again), not hold it:
    // every statement, lock wait and connection attempt is bounded.
    const adapterFactory = new PrismaPg({
      connectionString: target.url,
      connectionTimeoutMillis: 5_000,
      statement_timeout: 15_000,
      lock_timeout: 5_000,
      idle_in_transaction_session_timeout: 30_000,
      // Client side too: a server that stopped answering cannot enforce its own timeout.
      query_timeout: 20_000,
    });
    const prisma = new PrismaClient({ adapter: adapterFactory });
    return { prisma, adapterFactory, kind: "postgres", close: () => prisma.$disconnect() };
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
