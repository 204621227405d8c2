// Applies and diffs migrations with Prisma's Wasm schema engine. Node-only (reads the folder).
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { openSchemaEngine } from "./schema-engine.js";
import { readMigrations, readSchema, schemaPath } from "./migrations-folder.js";

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
