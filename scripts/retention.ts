// Deletes the content of cases closed more than RETENTION_DAYS ago (default 90). The Node
// server also runs this every 6 hours; this command runs it once (e.g. from cron).
import { createConfig } from "../src/config.ts";
import { openConfiguredDatabase } from "../src/db/open-configured.ts";
import { loadEnvFile } from "../src/entry/env-file.ts";
import { applyRetention } from "../src/domain/reports/retention.ts";
import { applyMigrations } from "../src/db/migrate.ts";

loadEnvFile();
const config = createConfig(process.env);
const db = await openConfiguredDatabase(config);
try {
  await applyMigrations(db.adapterFactory);
  const count = await applyRetention(db.prisma, config.retentionDays);
  console.log(`Retention (${config.retentionDays} days): content of ${count} closed case(s) deleted.`);
} finally {
  await db.close();
}
