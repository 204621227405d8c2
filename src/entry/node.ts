// Node entry: read the environment, open the database (embedded PGlite by default), apply
// pending migrations, build the app, serve it. Everything else lives in createApp.
import { serve } from "@hono/node-server";
import { createConfig, ConfigError } from "../config.js";
import { createLogger } from "../logger.js";
import { openConfiguredDatabase } from "../db/open-configured.js";
import { loadEnvFile } from "./env-file.js";
import { applyMigrations } from "../db/migrate.js";
import { createApp } from "../app.js";
import { resolveAppSecret } from "./app-secret.js";
import { connectTelegram } from "./telegram-setup.js";

async function main(): Promise<void> {
  let config;
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
  const logger = createLogger(config.logLevel);
  const appSecret = await resolveAppSecret(config, logger);
  const db = await openConfiguredDatabase(config);
  const applied = await applyMigrations(db.adapterFactory);
  logger.info({ database: db.kind, applied }, applied.length ? "migrations applied" : "database schema up to date");

  const app = createApp({ config: { ...config, appSecret }, db: db.prisma, logger });
  const server = serve({ fetch: app.http.fetch, port: config.port }, ({ port }) => {
    const base = `http://localhost:${port}`;
    logger.info({ port, simulator: config.simulator }, "listening");
    if (config.simulator) console.log(`\n  Telegram simulator: ${base}/simulator\n  Staff console:      ${base}/console  (create an account: npm run console:add-staff -- --email you@example.org)\n  Health:             ${base}/healthz\n`);
  });
  const stopTelegram = await connectTelegram(app, config, logger);
  // Retention runs here for the Node server; on Workers, run `npm run retention` from a schedule.
  const retention = async () => {
    const deleted = await app.retention().catch((e: unknown) => (logger.error({ err: String(e) }, "retention failed"), 0));
    if (deleted) logger.info({ deleted, days: config.retentionDays }, "retention deleted closed cases' content");
  };
  await retention();
  const retentionTimer = setInterval(() => void retention(), 6 * 60 * 60 * 1000);

  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    clearInterval(retentionTimer);
    await stopTelegram();
    server.close();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

await main();
