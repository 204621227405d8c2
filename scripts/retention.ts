// Deletes the content of cases closed more than RETENTION_DAYS ago (default 90), and redacts
// their posts in the staff group; prunes what is kept only for a while (old sessions, code
// attempts, expired console sessions, handled updates, sent outbox rows). The Node server also
// runs this every 6 hours; this command runs it once (e.g. from cron, or for a Workers deployment).
// With the embedded database, stop the server first (the command refuses while it runs).
import { createApp } from "../src/app.ts";
import { bootstrap } from "../src/entry/bootstrap.ts";
import { prune } from "../src/domain/maintenance/prune.ts";

const { config, logger, db } = await bootstrap({ logLevel: "warn" });
try {
  const app = createApp({ config, db: db.prisma, logger });
  const now = new Date();
  // Pruned here first to count it; retention() prunes again and finds nothing more.
  const pruned = await prune(db.prisma, app.outbox, now);
  const count = await app.retention(now);
  console.log(`Retention (${config.retentionDays} days): content of ${count} closed case(s) deleted.`);
  console.log(
    `Pruned: ${pruned.sessions} session(s) unused for 8 days, ${pruned.codeAttempts} code attempt(s) older than 24 hours, ${pruned.consoleSessions} expired console session(s), ${pruned.processedUpdates} handled update(s) older than 3 days, ${pruned.outbox} outbox message(s) sent more than 30 days ago.`,
  );
} finally {
  await db.close();
}
