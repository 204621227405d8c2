// Applies pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR.
import { join } from "node:path";
import { createConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";

const config = createConfig(process.env);
const db = await openDatabase(
  config.databaseUrl ? { kind: "postgres", url: config.databaseUrl } : { kind: "pglite", dataDir: join(config.dataDir, "pglite") },
);
try {
  const applied = await applyMigrations(db.adapterFactory);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Nothing to apply: the database is up to date.");
} finally {
  await db.close();
}
