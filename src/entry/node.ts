// Node entry: read the environment, open the database (embedded PGlite by default), apply
// pending migrations, build the app, serve it. Everything else lives in createApp.
import { serve } from "@hono/node-server";
import { createApp } from "../app.js";
import { bootstrap } from "./bootstrap.js";
import { connectTelegram } from "./telegram-setup.js";

async function main(): Promise<void> {
  const { config, logger, db } = await bootstrap();
  const app = createApp({ config, db: db.prisma, logger });
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
