// Applies pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR.
import { createConfig } from "../src/config.ts";
import { openConfiguredDatabase } from "../src/db/open-configured.ts";
import { loadEnvFile } from "../src/entry/env-file.ts";
import { applyMigrations } from "../src/db/migrate.ts";

loadEnvFile();
const config = createConfig(process.env);
const db = await openConfiguredDatabase(config);
try {
  const applied = await applyMigrations(db.adapterFactory);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Nothing to apply: the database is up to date.");
} finally {
  await db.close();
}
