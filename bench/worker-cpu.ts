// Benchmark: the Worker's CPU time per update, in workerd (npm run dev:worker), against a
// throwaway PostgreSQL database and a fake Telegram over HTTP. Prints figures; asserts nothing.
//
// Inside workerd the clocks stand still while JavaScript runs (a Spectre mitigation: Date.now()
// and performance.now() move only at I/O), so the Worker cannot time itself, and V8's sampling
// profiler (wrangler's inspector) counts wall time: on a shared machine it reported several times
// the CPU the process really used. So the figure comes from the kernel: the nanoseconds each
// workerd thread ran (/proc/<pid>/task/<tid>/schedstat) over many updates of one kind, sent one
// at a time. The busiest thread is the one running the Worker's JavaScript (what Cloudflare bills
// as CPU time, with the runtime's own work on that thread); "all threads" adds wrangler's local
// proxy worker, HTTP handling and GC helpers: an upper bound.
// Usage: npm run bench:worker-cpu [-- <updates per kind>]   (PostgreSQL: BENCH_DATABASE_URL,
// else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres)
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { openDatabase } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { botIdentity } from "../src/simulator/bot-info.ts";
import { serveFakeBotApi, startDevWorker } from "../test/harness/dev-worker.ts";

const perKind = Number(process.argv[2] ?? 30);
const SECRET = "bench_worker_secret_0001";
const bot = botIdentity(4545, "Bala Help", "bala_help_bench_bot");
const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const name = `bala_bench_worker_${Date.now().toString(36)}`;
await admin(`CREATE DATABASE "${name}"`);
const url = new URL(server);
url.pathname = `/${name}`;
const migrated = await openDatabase({ kind: "postgres", url: url.toString() });
await applyMigrations(migrated.adapterFactory);
await migrated.close();

const telegram = await serveFakeBotApi(bot);
const worker = await startDevWorker({
  BOT_TOKEN: "4545:AABenchWorkerToken_0123456789abcdefghij",
  BOT_INFO: JSON.stringify(bot),
  TELEGRAM_API_ROOT: telegram.apiRoot,
  WEBHOOK_SECRET: SECRET,
  DATABASE_URL: url.toString(),
  APP_SECRET: "bench-worker-app-secret-0123456789abcdef0123",
  STAFF_CHAT_ID: "-100454545",
  LOG_LEVEL: "info",
  FLOOD_LIMIT: "10000",
});

let updateId = 1;
function message(userId: number, text: string) {
  updateId++;
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: "private" },
      from: { id: userId, is_bot: false, first_name: "B", language_code: ["kk", "ru", "en"][userId % 3] },
      text,
      ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] } : {}),
    },
  };
}
async function post(update: unknown): Promise<void> {
  const response = await fetch(`${worker.base}/telegram/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
    body: JSON.stringify(update),
  });
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
}

/** Kinds of request; each update from a fresh user (so each /start really starts a conversation). */
let nextUser = 6_000_000;
const update = (text: string) => () => post(message(nextUser++, text));
const kinds: { name: string; send: () => Promise<void> }[] = [
  // What the runtime, wrangler's local plumbing, Hono and the request log cost without the bot.
  { name: "baseline: GET /unknown (404, no bot)", send: async () => void (await fetch(`${worker.base}/unknown`)).arrayBuffer() },
  { name: "/start (new child: profile, session)", send: update("/start") },
  { name: "/help", send: update("/help") },
  { name: "/menu (session + flow engine)", send: update("/menu") },
  { name: "free text: disclosure heard", send: update("my dad hits me every day") },
];

/** Every thread of the dev server's workerd processes (its process group's leader is the npm started above). */
function workerdThreads(): { id: string; name: string }[] {
  const pids = execFileSync("ps", ["-e", "-o", "pid=,pgid=,comm="])
    .toString()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter(([, pgid, comm]) => Number(pgid) === worker.process.pid && comm?.includes("workerd"))
    .map(([pid]) => pid!);
  return pids.flatMap((pid) =>
    readdirSync(`/proc/${pid}/task`).map((tid) => ({
      id: `${pid}/task/${tid}`,
      name: `${pid}:${readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim()}`,
    })),
  );
}

/** Nanoseconds each thread has run on a CPU (the scheduler's own count, not ticks). */
function runTimes(): Map<string, number> {
  const times = new Map<string, number>();
  for (const thread of workerdThreads()) {
    try {
      times.set(thread.name + " " + thread.id, Number(readFileSync(`/proc/${thread.id}/schedstat`, "utf8").split(" ")[0]));
    } catch {
      // a thread that ended meanwhile
    }
  }
  return times;
}

const pct = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

async function measure(): Promise<void> {
  // Warm-up: the first requests compile code and instantiate the query compiler.
  for (const kind of kinds) for (let i = 0; i < 5; i++) await kind.send();
  console.log(`Worker CPU per update in workerd (${perKind} updates per kind, one at a time; CPU from /proc/<pid>/task/<tid>/schedstat)`);
  const updates: { isolate: number; all: number }[] = [];
  for (const kind of kinds) {
    const wall: number[] = [];
    const before = runTimes();
    for (let i = 0; i < perKind; i++) {
      const t0 = performance.now();
      await kind.send();
      wall.push(performance.now() - t0);
    }
    const after = runTimes();
    const deltas = [...after].map(([thread, ns]) => ({ thread, ms: (ns - (before.get(thread) ?? ns)) / 1e6 })).sort((a, b) => b.ms - a.ms);
    // The Worker's JavaScript runs on one thread of the runtime: the busiest one.
    const isolate = deltas[0]!.ms / perKind;
    const all = deltas.reduce((sum, d) => sum + d.ms, 0) / perKind;
    if (!kind.name.startsWith("baseline")) updates.push({ isolate, all });
    console.log(
      `  ${kind.name.padEnd(38)} busiest thread ${isolate.toFixed(1).padStart(5)} ms  all workerd threads ${all.toFixed(1).padStart(5)} ms  (wall p50 ${pct(wall, 0.5).toFixed(0)} ms)`,
    );
  }
  const mean = (pick: (u: { isolate: number; all: number }) => number) =>
    (updates.reduce((sum, u) => sum + pick(u), 0) / updates.length).toFixed(1).padStart(5);
  console.log(
    `  ${"mean of the four updates".padEnd(38)} busiest thread ${mean((u) => u.isolate)} ms  all workerd threads ${mean((u) => u.all)} ms`,
  );
}

try {
  await measure();
} finally {
  await worker.stop();
  telegram.close();
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
