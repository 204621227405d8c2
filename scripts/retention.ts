// Deletes the content of cases closed more than RETENTION_DAYS ago (default 90), and redacts
// their posts in the staff group. The Node server also runs this every 6 hours; this command
// runs it once (e.g. from cron, or for a Workers deployment).
import { createApp } from "../src/app.ts";
import { bootstrap } from "../src/entry/bootstrap.ts";

const { config, logger, db } = await bootstrap({ logLevel: "warn" });
try {
  const count = await createApp({ config, db: db.prisma, logger }).retention();
  console.log(`Retention (${config.retentionDays} days): content of ${count} closed case(s) deleted.`);
} finally {
  await db.close();
}
