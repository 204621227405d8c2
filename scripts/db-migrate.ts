// Applies pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR.
import { createConfig } from "../src/config.ts";
import { openConfiguredDatabase } from "../src/db/open-configured.ts";
import { loadEnvFile } from "../src/entry/env-file.ts";
import { applyMigrationsInTurn } from "../src/db/migrate.ts";
import { refuseIfServerRunning } from "../src/entry/embedded-lock.ts";

loadEnvFile();
const config = createConfig(process.env);
// A running server holds the embedded database (it applies migrations itself at start).
if (!config.databaseUrl) await refuseIfServerRunning(config.dataDir);
const db = await openConfiguredDatabase(config);
try {
  const applied = await applyMigrationsInTurn(db.adapterFactory, config.databaseUrl, (s) =>
    console.log(`Waiting for another instance to finish migrating (${s} s)...`),
  );
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Nothing to apply: the database is up to date.");
} finally {
  await db.close();
}
