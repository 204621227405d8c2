// Applies and diffs migrations with Prisma's Wasm schema engine. Node-only (reads the folder).
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { openSchemaEngine } from "./schema-engine.js";
import { readMigrations, readSchema, schemaPath } from "./migrations-folder.js";
import { withMigrationLock } from "./migration-lock.js";

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies pending migrations, like `prisma migrate deploy`; returns the names applied. */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openSchemaEngine(await readSchema(), adapterFactory);
  const { appliedMigrationNames } = await engine.applyMigrations({
    migrationsList: await readMigrations(),
    filters: noFilters,
  });
  return appliedMigrationNames;
}

/**
 * Applies pending migrations, one instance at a time on PostgreSQL (`postgresUrl`): an instance
 * that starts while another migrates waits for it, however long. The embedded database has one
 * process by construction (src/entry/embedded-lock.ts).
 * On PostgreSQL the engine's connections are closed afterwards: the engine takes Prisma's own
 * advisory lock on one of them and never lets go (the Prisma CLI simply exits), so a server that
 * kept them would make every later migration (another replica, a deploy) time out on that lock.
 */
export async function applyMigrationsInTurn(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  postgresUrl: string | undefined,
  onWait?: (waitedSeconds: number) => void,
): Promise<string[]> {
  if (!postgresUrl) return applyMigrations(adapterFactory);
  return withMigrationLock(
    postgresUrl,
    async () => {
      const tracked = closingAfterwards(adapterFactory);
      try {
        return await applyMigrations(tracked.factory);
      } finally {
        await tracked.closeAll();
      }
    },
    onWait,
  );
}

/** The same factory, remembering every connection it opens so that they can all be closed. */
function closingAfterwards(inner: SqlMigrationAwareDriverAdapterFactory) {
  const opened: { dispose(): Promise<void> }[] = [];
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = await inner.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const adapter = await inner.connectToShadowDb();
      opened.push(adapter);
      return adapter;
    },
  };
  return { factory, closeAll: async () => void (await Promise.allSettled(opened.map((a) => a.dispose()))) };
}

/**
 * The SQL that takes the committed migrations to schema.prisma. Empty when they agree.
 * Needs an adapter that can open a shadow database (PGlite's opens one in memory).
 */
export async function diffSchemaAgainstMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const schema = await readSchema();
  const engine = await openSchemaEngine(schema, adapterFactory);
  const result = await engine.diff({
    from: { tag: "migrations", ...(await readMigrations()) },
    to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
    script: true,
    exitCode: true,
    filters: noFilters,
  });
  return result.exitCode === 0 ? "" : (result.stdout ?? "");
}
