// Node entry: read the environment, open the database (embedded PGlite by default), apply
// pending migrations, build the app, serve it. Everything else lives in createApp.
import { serve } from "@hono/node-server";
import { createApp } from "../app.js";
import { bootstrap } from "./bootstrap.js";
import { connectTelegram } from "./telegram-setup.js";
import { holdEmbeddedDatabase } from "./embedded-lock.js";
import { nodeCrypto } from "./node-crypto.js";
import { simulatorChatsIn } from "./simulator-chats.js";
import { createSharpImageCleaner } from "./sharp-image-cleaner.js";
import { announceSetupLink } from "./first-run.js";

/** Telegram waits up to 60 s for a webhook answer; updates finish well inside that. */
const SHUTDOWN_GRACE_MS = 25_000;
const OUTBOX_FLUSH_MS = 5_000;
const RETENTION_EVERY_MS = 6 * 60 * 60 * 1000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

async function main(): Promise<void> {
  const { config, logger, db, embeddedDataDir } = await bootstrap({ server: true });
  // Scripts (retention, add-staff) refuse to open the embedded database while this holds it.
  const release = await holdEmbeddedDatabase(embeddedDataDir);
  // The simulator's chats (simulator state only) outlive a restart, next to the embedded database.
  const simulatorChats = config.simulator && !config.botToken ? simulatorChatsIn(config.dataDir, logger) : undefined;
  // Images are cleaned of EXIF/XMP/IPTC with sharp before staff see them (Workers have no cleaner).
  const app = createApp({
    config,
    db: db.prisma,
    logger,
    crypto: nodeCrypto,
    images: createSharpImageCleaner(),
    ...(simulatorChats ? { simulatorChats } : {}),
  });
  // With the simulator (no sign-in, a simulated staff member) only this machine may connect.
  const hostname = config.simulator ? "127.0.0.1" : undefined;
  const server = serve({ fetch: app.http.fetch, port: config.port, ...(hostname ? { hostname } : {}) }, ({ port }) => {
    const base = `http://localhost:${port}`;
    logger.info({ port, simulator: config.simulator }, "listening");
    if (config.simulator)
      console.log(
        `\n  Telegram simulator: ${base}/simulator\n  Staff console:      ${base}/console\n  Health:             ${base}/healthz\n`,
      );
    // The first admin is created in the browser, by this process: never a second one on the database.
    void announceSetupLink(app, config, port, logger).catch((error: unknown) =>
      logger.error({ err: String(error) }, "could not issue a setup link"),
    );
  });

  // Retention runs here for the Node server; on Workers, run `npm run retention` from a schedule.
  const retention = async () => {
    const deleted = await app.retention().catch((e: unknown) => (logger.error({ err: String(e) }, "retention failed"), 0));
    if (deleted) logger.info({ deleted, days: config.retentionDays }, "retention deleted closed cases' content");
  };
  const retentionTimer = setInterval(() => void retention(), RETENTION_EVERY_MS);
  let stopTelegram: () => Promise<void> = async () => undefined;
  let stopping = false;
  // Installed as soon as the server listens: a deploy's SIGTERM may come at any moment.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing the updates in flight");
    clearInterval(retentionTimer);
    await stopTelegram();
    // No new connections; requests in flight finish (bounded), so no child's words are dropped.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    if ("closeIdleConnections" in server) server.closeIdleConnections();
    const finished = await Promise.race([closed.then(() => true), delay(SHUTDOWN_GRACE_MS).then(() => false)]);
    if (!finished)
      logger.warn({ graceMs: SHUTDOWN_GRACE_MS }, "updates still running at the end of the grace period: Telegram will deliver them again");
    app.dispatcher.stop();
    // Let the outbox send what it can; the rest waits in the database for the next start.
    await Promise.race([app.dispatcher.drain(5), delay(OUTBOX_FLUSH_MS)]).catch(() => undefined);
    await db.close();
    await release();
    logger.info({}, "stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  // Not awaited: the server serves while Telegram's setup is tried (again) in the background.
  stopTelegram = connectTelegram(app, config, logger).stop;
  // What the updates queue (staff posts, alerts, notifications) is sent every second, and at once
  // after each update; rows survive a restart and are picked up by whichever instance runs.
  app.dispatcher.start();
  await retention();
}

await main();
