// Benchmark: how many updates per second the webhook handles end to end (HTTP route, grammY,
// session, flow engine, database on in-memory PGlite, in-process Bot API), and memory after.
// Prints figures; it asserts nothing. Usage: npm run bench [-- <updates>]
import { createApp } from "../src/app.ts";
import { createConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { openDatabase } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { createFakeBotApi } from "../src/simulator/fake-bot-api.ts";
import { createUpdateFactory } from "../src/simulator/updates.ts";
import { botIdentity } from "../src/simulator/bot-info.ts";

const total = Number(process.argv[2] ?? 600);
const secret = "bench_webhook_secret_0001";
const appSecret = "bench-app-secret-0123456789abcdef0123456789";

const db = await openDatabase({ kind: "pglite", dataDir: undefined });
await applyMigrations(db.adapterFactory);
const config = createConfig({ NODE_ENV: "test", WEBHOOK_SECRET: secret, APP_SECRET: appSecret, LOG_LEVEL: "silent", SIMULATOR: "off" });
const botApi = createFakeBotApi(botIdentity(1, "Bench", "bench_bot"));
const app = createApp({ config: { ...config, appSecret }, db: db.prisma, logger: createLogger("silent"), botApi });
const updates = createUpdateFactory(botApi, 1);

async function deliver(update: unknown): Promise<void> {
  const res = await app.http.request("/telegram/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
    body: JSON.stringify(update),
  });
  if (res.status !== 200) throw new Error(`webhook ${res.status}`);
}

async function run(name: string, make: (i: number) => unknown, concurrency: number): Promise<void> {
  const started = performance.now();
  let next = 0;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await deliver(make(i));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  console.log(`${name.padEnd(34)} ${String(total).padStart(5)} updates  ${(total / seconds).toFixed(0).padStart(5)}/s  p50 ${p(0.5)} ms  p95 ${p(0.95)} ms  p99 ${p(0.99)} ms`);
}

const users = Array.from({ length: 50 }, (_, i) => ({ id: 5_000_000 + i, first_name: "B", language_code: ["kk", "ru", "en"][i % 3]! }));
await run("/help (no database needed)", (i) => updates.text(users[i % users.length]!, "/help"), 8);
await run("/menu (session + flow engine)", (i) => updates.text(users[i % users.length]!, "/menu"), 8);
await run("rights question (search)", (i) => updates.text(users[i % users.length]!, "одноклассник выложил мои фото"), 8);
const mem = process.memoryUsage();
console.log(`memory after: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB, Bot API calls recorded ${botApi.calls.length}`);
await db.close();
