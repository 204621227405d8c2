// Node: what the server and the commands share before they do their own work: .env and the
// environment into a checked config (problems printed, exit 2), the logger, APP_SECRET, and the
// configured database with pending migrations applied. A command refuses to open the embedded
// database while the server uses it (see embedded-lock.ts); the server marks it as its own.
import { createConfig, ConfigError, type Config } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import { openConfiguredDatabase } from "../db/open-configured.js";
import { applyMigrationsInTurn } from "../db/migrate.js";
import type { OpenDatabase } from "../db/client.js";
import { loadEnvFile } from "./env-file.js";
import { resolveAppSecret } from "./app-secret.js";
import { refuseIfServerRunning } from "./embedded-lock.js";

export interface Bootstrapped {
  config: Config & { appSecret: string };
  logger: Logger;
  db: OpenDatabase;
  /** DATA_DIR when the database is embedded PGlite (the server holds it: holdEmbeddedDatabase); undefined with PostgreSQL. */
  embeddedDataDir: string | undefined;
}

export interface BootstrapOptions {
  logLevel?: Config["logLevel"];
  /**
   * The server: it does not look for a running server's lock, it writes its own once the
   * database is open (holdEmbeddedDatabase(embeddedDataDir)). Commands leave this out: they exit
   * (code 3) rather than open an embedded database a running server uses.
   */
  server?: boolean;
  /** A command's advice, printed first when it refuses because the server holds the embedded database. */
  whileServerRuns?: (config: Config) => string;
}

export async function bootstrap(options: BootstrapOptions = {}): Promise<Bootstrapped> {
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
  const embeddedDataDir = config.databaseUrl ? undefined : config.dataDir;
  if (embeddedDataDir !== undefined && !options.server) await refuseIfServerRunning(embeddedDataDir, options.whileServerRuns?.(config));
  const logger = createLogger(options.logLevel ?? config.logLevel);
  const appSecret = await resolveAppSecret(config, logger);
  const db = await openConfiguredDatabase(config);
  const applied = await applyMigrationsInTurn(db.adapterFactory, config.databaseUrl, (seconds) =>
    logger.info({ waited_s: seconds }, "waiting for another instance to finish migrating"),
  );
  logger.info({ database: db.kind, applied }, applied.length ? "migrations applied" : "database schema up to date");
  return { config: { ...config, appSecret }, logger, db, embeddedDataDir };
}
