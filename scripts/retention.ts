// Deletes the content of cases closed more than RETENTION_DAYS ago (default 90). The Node
// server also runs this every 6 hours; this command runs it once (e.g. from cron).
import { join } from "node:path";
import { createConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { applyRetention } from "../src/domain/reports/retention.ts";

const config = createConfig(process.env);
const db = await openDatabase(config.databaseUrl ? { kind: "postgres", url: config.databaseUrl } : { kind: "pglite", dataDir: join(config.dataDir, "pglite") });
try {
  const count = await applyRetention(db.prisma, config.retentionDays);
  console.log(`Retention (${config.retentionDays} days): content of ${count} closed case(s) deleted.`);
} finally {
  await db.close();
}
