// Round trips per update: runs the benchmark's children (bench/support/children.ts) one update at
// a time through the real webhook of an app on a throwaway PostgreSQL database, and counts the SQL
// statements the driver sends (each one a round trip) and the Bot API calls, per update and by
// statement shape. It shows what the hot path costs in round trips, not in time.
//   node --import tsx bench/statements-per-update.ts [--children 40] [--show 12]
//   (TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
import { parseArgs } from "node:util";
import pg from "pg";
import { Children, type Turn } from "./support/children.ts";

const { values: args } = parseArgs({
  options: { children: { type: "string", default: "40" }, show: { type: "string", default: "12" } },
});
process.env.TEST_DB = "postgres";
process.env.TEST_DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";

const statements = new Map<string, number>();
let counting = false;
let total = 0;
// Every statement of the app goes through pg.Client#query (Prisma's adapter and raw queries alike).
const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  if (counting) {
    const first = a[0];
    const text = typeof first === "string" ? first : ((first as { text?: string } | undefined)?.text ?? "?");
    const shape = text.replace(/\s+/g, " ").slice(0, 110);
    statements.set(shape, (statements.get(shape) ?? 0) + 1);
    total++;
  }
  return query.apply(this, a);
} as typeof pg.Client.prototype.query;

const { createHarness, TEST_WEBHOOK_SECRET } = await import("../test/harness/test-app.ts");
const h = await createHarness({ env: { FLOOD_LIMIT: "30" } });
let updates = 0;
const children = new Children({
  api: h.api,
  firstUpdateId: 1,
  firstUserId: 5_000_000,
  blind: false,
  thinkMs: () => 0,
  random: mulberry32(7),
  applyWebhookReply: async () => undefined,
  post: async (update) => {
    const callsBefore = h.api.calls.length;
    counting = true;
    // As Telegram posts it, without the harness's drain of the outbox after each update: the
    // webhook kicks the dispatcher itself when an update queued something, as in production.
    const response = await h.app.http.request("/telegram/webhook", {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TEST_WEBHOOK_SECRET },
      body: JSON.stringify(update),
    });
    counting = false;
    updates++;
    apiCalls += h.api.calls.length - callsBefore;
    return { status: response.status, body: await response.text() };
  },
});
let apiCalls = 0;
const want = Number(args.children);
// One update at a time: the next turn is granted once the previous update is done and its child
// is waiting again (or finished); no new child once `want` have started.
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 2));
  if (children.counts.started >= want && children.waitingCount === 0) break;
  await new Promise<void>((resolve) => children.grant({ scheduledAt: performance.now(), done: () => resolve() } satisfies Turn));
}
console.log(
  `${updates} updates from ${children.counts.started} children (${children.counts.finished} finished, ${children.counts.missed} missed)`,
);
console.log(`SQL statements per update: ${(total / updates).toFixed(2)}; Bot API calls per update: ${(apiCalls / updates).toFixed(2)}`);
for (const [shape, n] of [...statements].sort((a, b) => b[1] - a[1]).slice(0, Number(args.show)))
  console.log(`${(n / updates).toFixed(2).padStart(6)}  ${shape}`);
await h.close();

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + Math.imul(t ^ (t >>> 14), 14 | t));
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
