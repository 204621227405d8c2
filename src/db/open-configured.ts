// Node: the database the configuration names: PostgreSQL with DATABASE_URL, else embedded
// PGlite in DATA_DIR/pglite (created on first use).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config.js";
import { openDatabase, type OpenDatabase } from "./client.js";

export function openConfiguredDatabase(config: Pick<Config, "databaseUrl" | "dataDir">): Promise<OpenDatabase> {
  if (config.databaseUrl) return openDatabase({ kind: "postgres", url: config.databaseUrl });
  const dataDir = join(config.dataDir, "pglite");
  mkdirSync(dataDir, { recursive: true });
  return openDatabase({ kind: "pglite", dataDir });
}
