// Deletes the content of cases closed more than RETENTION_DAYS ago (default 90), and redacts
// their posts in the staff group. The Node server also runs this every 6 hours; this command
// runs it once (e.g. from cron, or for a Workers deployment).
import { createConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { createApp } from "../src/app.ts";
import { openConfiguredDatabase } from "../src/db/open-configured.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { loadEnvFile } from "../src/entry/env-file.ts";
import { resolveAppSecret } from "../src/entry/app-secret.ts";

loadEnvFile();
const config = createConfig(process.env);
const logger = createLogger("warn");
const appSecret = await resolveAppSecret(config, logger);
const db = await openConfiguredDatabase(config);
try {
  await applyMigrations(db.adapterFactory);
  const app = createApp({ config: { ...config, appSecret }, db: db.prisma, logger });
  const count = await app.retention();
  console.log(`Retention (${config.retentionDays} days): content of ${count} closed case(s) deleted.`);
} finally {
  await db.close();
}
