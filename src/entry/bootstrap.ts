// Node: what the server and the commands share before they do their own work: .env and the
// environment into a checked config (problems printed, exit 2), the logger, APP_SECRET, and the
// configured database with pending migrations applied.
import { createConfig, ConfigError, type Config } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import { openConfiguredDatabase } from "../db/open-configured.js";
import { applyMigrations } from "../db/migrate.js";
import type { OpenDatabase } from "../db/client.js";
import { loadEnvFile } from "./env-file.js";
import { resolveAppSecret } from "./app-secret.js";

export interface Bootstrapped {
  config: Config & { appSecret: string };
  logger: Logger;
  db: OpenDatabase;
}

export async function bootstrap(options: { logLevel?: Config["logLevel"] } = {}): Promise<Bootstrapped> {
  let config: Config;
  try {
    loadEnvFile();
    config = createConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(options.logLevel ?? config.logLevel);
  const appSecret = await resolveAppSecret(config, logger);
  const db = await openConfiguredDatabase(config);
  const applied = await applyMigrations(db.adapterFactory);
  logger.info({ database: db.kind, applied }, applied.length ? "migrations applied" : "database schema up to date");
  return { config: { ...config, appSecret }, logger, db };
}
