// `npm run bench`: the real server, as production runs it (compiled, `npm start`'s entry, a child
// process), over HTTP on loopback, with a fake Telegram Bot API over HTTP (TELEGRAM_API_ROOT),
// against two baselines in the same run (bench/baselines/):
//   echo     a bare grammY + Hono bot: one Bot API call per update, no database;
//   session  a grammY bot with its sessions in PostgreSQL (@grammyjs/storage-prisma, our schema).
// The full bot runs twice: on embedded PGlite (a temporary DATA_DIR) and on PostgreSQL (a
// throwaway database on 127.0.0.1:5432). Children follow realistic scripts (bench/support/
// children.ts), every update id unique. Each round runs, target by target (the order reversed
// every other round, so drift in the machine's load falls on all alike): a closed loop with 40
// connections, then fixed rates of 50, 200 and 500 updates/s. It prints updates/s, latency
// p50/p99, CPU per update (the server process from its own counters, plus PostgreSQL's server
// processes for that database from /proc), memory after GC per 1,000 conversations, cold start,
// and the ratios between targets. Figures only: it asserts nothing.
//
//   npm run bench                      3 rounds of 10 s per phase (about 12 minutes)
//   npm run bench -- --quick           2 rounds of 3 s (a few minutes, most of it starting servers)
//   options: --rounds N --seconds S --warmup S --targets full-pglite,full-postgres,full-postgres-2,echo,session
//            --phases closed,50,200,500 --connections 40 --think-ms 1500 --postgres URL
//            --source (the full bot from TypeScript through tsx) --node-flags="--flag …"
//            --server dist/x/server.mjs (another build of the full bot, for an experiment)
//            --log-level info --json results.json
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { Agent, request } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import type { Update } from "grammy/types";
import { createFakeBotApi, type FakeBotApi } from "../src/simulator/fake-bot-api.ts";
import { botIdentity } from "../src/simulator/bot-info.ts";
import { openDatabase } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { Children } from "./support/children.ts";
import { closedLoop, fixedRate, percentile, type PhaseResult } from "./support/load.ts";
import { cpuBetween, postgresAnswers, ServerProcess, ThrowawayPostgres, type Probe } from "./support/servers.ts";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    rounds: { type: "string" },
    seconds: { type: "string" },
    warmup: { type: "string" },
    targets: { type: "string", default: "full-pglite,full-postgres,full-postgres-2,echo,session" },
    phases: { type: "string", default: "closed,50,200,500" },
    connections: { type: "string", default: "40" },
    "think-ms": { type: "string", default: "1500" },
    postgres: {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    },
    source: { type: "boolean", default: false },
    "node-flags": { type: "string", default: "" },
    // Another build of the full bot (an experiment: a patched copy of dist/node/server.mjs).
    server: { type: "string" },
    "log-level": { type: "string", default: "info" },
    json: { type: "string" },
  },
});
const ROUNDS = Number(args.rounds ?? (args.quick ? 2 : 3));
const SECONDS = Number(args.seconds ?? (args.quick ? 3 : 10));
const WARMUP = Number(args.warmup ?? (args.quick ? 2 : 5));
const CONNECTIONS = Number(args.connections);
const THINK_MS = Number(args["think-ms"]);
const PHASES = args.phases.split(",").map((p) => p.trim());
const NODE_FLAGS = args["node-flags"].split(/\s+/).filter(Boolean);

const root = join(import.meta.dirname, "..");
const WEBHOOK_SECRET = "bench_webhook_secret_000000000001";
const APP_SECRET = "bench-app-secret-0123456789abcdef-ghijklmnopqrstuvwxyz";
const BOT = botIdentity(7_000_000_001, "Bala Bench", "bala_bench_bot");
const TOKEN = `${BOT.id}:AAbenchToken0123456789abcdefghijklmno`;
const STAFF_CHAT = -1_009_000_000_001;

interface Run {
  phase: PhaseResult;
  /** CPU the server used, PostgreSQL's processes for its database used, and this process (the load and the fake Bot API) used. */
  cpuMs: number;
  postgresCpuMs: number;
  clientCpuMs: number;
}

type TargetKey = "full-pglite" | "full-postgres" | "full-postgres-2" | "echo" | "session";
const LABELS: Record<TargetKey, string> = {
  "full-pglite": "full bot, PGlite",
  "full-postgres": "full bot, PostgreSQL",
  "full-postgres-2": "full bot, 2 instances, PostgreSQL",
  echo: "echo baseline",
  session: "session-in-PostgreSQL baseline",
};
const usesPostgres = (key: TargetKey) => key === "full-postgres" || key === "full-postgres-2" || key === "session";

/** Two servers on one database behind a round-robin balancer (issue 10): measured as one target. */
class ServerPair {
  constructor(readonly servers: ServerProcess[]) {}
  get port(): number {
    return this.servers[0]!.port;
  }
  log(): string {
    return this.servers.map((s) => s.log()).join("\n");
  }
  errorLines(): string[] {
    return this.servers.flatMap((s) => s.errorLines());
  }
  async probe(gc = false): Promise<Probe> {
    const all = await Promise.all(this.servers.map((s) => s.probe(gc)));
    const sum = (f: (p: Probe) => number) => all.reduce((n, p) => n + f(p), 0);
    return {
      cpuMs: sum((p) => p.cpuMs),
      rss: sum((p) => p.rss),
      heapUsed: sum((p) => p.heapUsed),
      external: sum((p) => p.external),
      maxRss: sum((p) => p.maxRss),
    };
  }
  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.stop()));
  }
}

interface Target {
  key: TargetKey;
  api: FakeBotApi;
  apiServer: { close(): void };
  children: Children;
  server: ServerProcess | ServerPair;
  database: ThrowawayPostgres | undefined;
  dataDir: string | undefined;
  startMs: { first?: number; again: number };
  firstUpdateMs: number;
  memoryAtStart: Probe;
  /** After the warm-up: JIT-compiled code and caches are in; what grows from here is per conversation. */
  memoryWarm?: Probe;
  conversationsWarm: number;
  results: Map<string, Run[]>;
}

// A seeded generator: the same children in the same order every run.
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Builds what is measured: the server as `npm start` runs it, and the two baselines the same way. */
async function build(): Promise<void> {
  log("building dist/node/server.mjs (if its sources changed) and the baselines");
  execFileSync(process.execPath, [join(root, "scripts/build-server.mjs"), "--if-changed"], { stdio: "inherit" });
  const { build: esbuild } = await import("esbuild");
  await esbuild({
    absWorkingDir: root,
    entryPoints: { echo: "bench/baselines/echo.ts", "session-postgres": "bench/baselines/session-postgres.ts" },
    outdir: "dist/bench",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    packages: "external",
    logLevel: "warning",
  });
}

async function serveApi(api: FakeBotApi): Promise<{ apiRoot: string; close(): void }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: (req: Request) => api.fetch(req), port: 0, hostname: "127.0.0.1" }, (info) => {
      resolve({ apiRoot: `http://127.0.0.1:${info.port}`, close: () => server.close() });
    });
  });
}

function poster(port: number): (update: Update) => Promise<{ status: number; body: string }> {
  // Telegram's webhook keeps up to 40 connections (max_connections) open; so does this client.
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  return (update) =>
    new Promise((resolve) => {
      const body = JSON.stringify(update);
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/telegram/webhook",
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          res.on("error", (e: NodeJS.ErrnoException) => resolve({ status: 0, body: e.code ?? e.message }));
        },
      );
      // Status 0: the connection failed; the body says how (ECONNRESET, …).
      req.on("error", (e: NodeJS.ErrnoException) => resolve({ status: 0, body: e.code ?? e.message }));
      req.end(body);
    });
}

function serverCommand(key: TargetKey): string[] {
  if (key === "echo") return ["dist/bench/echo.mjs"];
  if (key === "session") return ["dist/bench/session-postgres.mjs"];
  if (args.server) return ["--enable-source-maps", args.server];
  return args.source ? ["--import", "tsx", "src/entry/node.ts"] : ["--enable-source-maps", "dist/node/server.mjs"];
}

async function setUp(key: TargetKey, index: number): Promise<Target> {
  const api = createFakeBotApi(BOT, "http://127.0.0.1");
  const apiServer = await serveApi(api);
  const env: Record<string, string> = {
    NODE_ENV: "production",
    BOT_TOKEN: TOKEN,
    BOT_INFO: JSON.stringify(BOT),
    TELEGRAM_API_ROOT: apiServer.apiRoot,
    WEBHOOK_SECRET,
    APP_SECRET,
    SIMULATOR: "off",
    LOG_LEVEL: args["log-level"],
    STAFF_CHAT_ID: String(STAFF_CHAT),
  };
  let database: ThrowawayPostgres | undefined;
  let dataDir: string | undefined;
  if (usesPostgres(key)) {
    database = await ThrowawayPostgres.create(args.postgres, key === "session" ? "bench_session" : "bench_full");
    env.DATABASE_URL = database.url;
    if (key === "session") {
      // The baseline does not migrate; the same schema as the full bot's, applied here.
      const db = await openDatabase({ kind: "postgres", url: database.url });
      await applyMigrations(db.adapterFactory);
      await db.close();
    }
  }
  if (key === "full-pglite") {
    dataDir = await mkdtemp(join(tmpdir(), "bala-bench-"));
    env.DATA_DIR = dataDir;
  }
  const flags = key.startsWith("full") ? NODE_FLAGS : [];
  const command = serverCommand(key);
  const startMs: Target["startMs"] = { again: 0 };
  if (key.startsWith("full")) {
    // First start: an empty data folder or database (PGlite's initdb, every migration); then the
    // start every deploy or restart pays, which is the cold start that counts.
    log(`${LABELS[key]}: first start (empty ${dataDir ? "data folder" : "database"})`);
    const first = await ServerProcess.start(command, env, flags);
    startMs.first = first.startMs;
    await first.server.stop();
  }
  log(`${LABELS[key]}: starting`);
  let server: ServerProcess | ServerPair;
  let post: ReturnType<typeof poster>;
  if (key === "full-postgres-2") {
    // Started at the same moment, as replicas after a deploy; updates alternate between them.
    const started = await Promise.all([ServerProcess.start(command, env, flags), ServerProcess.start(command, env, flags)]);
    server = new ServerPair(started.map((x) => x.server));
    startMs.again = Math.max(...started.map((x) => x.startMs));
    const posters = started.map((x) => poster(x.server.port));
    let next = 0;
    post = (update) => posters[next++ % posters.length]!(update);
  } else {
    const one = await ServerProcess.start(command, env, flags);
    server = one.server;
    startMs.again = one.startMs;
    post = poster(server.port);
  }
  const children = new Children({
    api,
    firstUpdateId: 1 + index * 100_000_000,
    firstUserId: 100_000_000 + index * 10_000_000,
    post,
    applyWebhookReply: async (body) => {
      const { method, ...payload } = JSON.parse(body) as { method: string };
      await api.fetch(`${apiServer.apiRoot}/bot${TOKEN}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
      });
    },
    blind: !key.startsWith("full"),
    thinkMs: (() => {
      const random = seeded(7 + index);
      return () => THINK_MS * (0.5 + random());
    })(),
    random: seeded(1000 + index),
  });
  // The first update after a start: what the first child of a deploy waits.
  const t0 = performance.now();
  const first = await post({
    update_id: index * 100_000_000,
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: 99, type: "private", first_name: "First" },
      from: { id: 99, is_bot: false, first_name: "First", language_code: "ru" },
      text: "/start",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    },
  });
  const firstUpdateMs = performance.now() - t0;
  if (first.status !== 200) throw new Error(`${LABELS[key]}: the first update was answered ${first.status}:\n${server.log().slice(-2000)}`);
  const memoryAtStart = await server.probe(true);
  return {
    key,
    api,
    apiServer,
    children,
    server,
    database,
    dataDir,
    startMs,
    firstUpdateMs,
    memoryAtStart,
    conversationsWarm: 0,
    results: new Map(),
  };
}

async function runPhase(target: Target, phase: string, seconds: number): Promise<Run> {
  const before = await target.server.probe();
  const pgBefore = (await target.database?.backendCpu()) ?? new Map<number, number>();
  const client = process.cpuUsage();
  const result =
    phase === "closed" ? await closedLoop(target.children, CONNECTIONS, seconds) : await fixedRate(target.children, Number(phase), seconds);
  // What the updates left to do in the background (the outbox's staff posts) is part of their cost.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const clientUsed = process.cpuUsage(client);
  const after = await target.server.probe();
  const pgAfter = (await target.database?.backendCpu()) ?? new Map<number, number>();
  target.api.calls.length = 0;
  return {
    phase: result,
    cpuMs: after.cpuMs - before.cpuMs,
    postgresCpuMs: cpuBetween(pgBefore, pgAfter),
    clientCpuMs: (clientUsed.user + clientUsed.system) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
const pad = (s: string, n: number) => s.padStart(n);

interface Summary {
  perSecond: number;
  p50: number;
  p99: number;
  cpuPerUpdate: number;
  postgresPerUpdate: number;
  clientPerUpdate: number;
  answered: number;
  /** Answered with another status than 200, or the connection failed. */
  errors: number;
  /** Still unanswered when the benchmark stopped waiting. */
  unanswered: number;
  held: string;
}

function summarize(runs: Run[], phase: string): Summary {
  const latencies = runs.flatMap((r) => r.phase.latenciesMs).sort((a, b) => a - b);
  const answered = runs.reduce((n, r) => n + r.phase.answered, 0);
  const rates = runs.map((r) => r.phase.answeredInTime / r.phase.seconds).sort((a, b) => a - b);
  const behind = runs.filter((r) => r.phase.fellBehindAt !== undefined);
  return {
    perSecond: rates[Math.floor(rates.length / 2)] ?? NaN,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    cpuPerUpdate: runs.reduce((n, r) => n + r.cpuMs, 0) / answered,
    postgresPerUpdate: runs.reduce((n, r) => n + r.postgresCpuMs, 0) / answered,
    clientPerUpdate: runs.reduce((n, r) => n + r.clientCpuMs, 0) / answered,
    answered,
    errors: runs.reduce((n, r) => n + r.phase.answered - r.phase.ok, 0),
    unanswered: runs.reduce((n, r) => n + r.phase.abandoned, 0),
    held:
      phase === "closed"
        ? ""
        : behind.length
          ? `fell behind (${behind.length}/${runs.length} rounds, after ~${fixed(Math.min(...behind.map((r) => r.phase.fellBehindAt!)))} s)`
          : "held",
  };
}

function printReport(
  targets: Target[],
  conversations: Map<TargetKey, number>,
  memoryAtEnd: Map<TargetKey, Probe>,
): Record<string, unknown> {
  const out: string[] = [];
  const [cpu] = cpus();
  out.push("");
  out.push(`Bala Help webhook benchmark: ${ROUNDS} rounds × ${SECONDS} s per phase, ${CONNECTIONS} connections, think ${THINK_MS} ms ±50%`);
  out.push(
    `Node ${process.version}, ${cpus().length} × ${cpu?.model ?? "CPU"}, load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  out.push(
    `full bot: ${args.server ?? (args.source ? "TypeScript through tsx (--source)" : "compiled (dist/node/server.mjs, as npm start runs it)")}${NODE_FLAGS.length ? `, node ${NODE_FLAGS.join(" ")}` : ""}`,
  );
  out.push("");
  out.push("Cold start (spawn until /healthz answers) and the first update after it:");
  for (const t of targets) {
    const first =
      t.startMs.first !== undefined ? `, ${fixed(t.startMs.first / 1000)} s on an empty ${t.dataDir ? "data folder" : "database"}` : "";
    out.push(
      `  ${LABELS[t.key].padEnd(32)} ${pad(fixed(t.startMs.again / 1000), 5)} s${first}; first update ${fixed(t.firstUpdateMs, 0)} ms`,
    );
  }
  const json: Record<string, unknown> = {
    rounds: ROUNDS,
    seconds: SECONDS,
    connections: CONNECTIONS,
    node: process.version,
    targets: {} as Record<string, unknown>,
  };
  const summaries = new Map<string, Summary>();
  for (const phase of PHASES) {
    out.push("");
    out.push(
      phase === "closed"
        ? `Closed loop, ${CONNECTIONS} connections (updates/s: median of rounds; latency over all rounds):`
        : `Fixed rate, ${phase} updates/s (latency from the scheduled moment):`,
    );
    out.push(
      `  ${"".padEnd(32)} ${pad("upd/s", 7)} ${pad("p50 ms", 8)} ${pad("p99 ms", 8)} ${pad("CPU ms/upd", 11)} ${pad("+PG ms/upd", 11)} ${pad("updates", 8)} ${pad("errors", 7)}`,
    );
    for (const t of targets) {
      const s = summarize(t.results.get(phase) ?? [], phase);
      summaries.set(`${t.key}:${phase}`, s);
      (json.targets as Record<string, unknown>)[`${t.key}:${phase}`] = s;
      out.push(
        `  ${LABELS[t.key].padEnd(32)} ${pad(fixed(s.perSecond, 0), 7)} ${pad(fixed(s.p50), 8)} ${pad(fixed(s.p99), 8)} ${pad(fixed(s.cpuPerUpdate, 2), 11)} ${pad(t.database ? fixed(s.postgresPerUpdate, 2) : "", 11)} ${pad(String(s.answered), 8)} ${pad(String(s.errors), 7)}  ${s.held}${s.unanswered ? `; ${s.unanswered} unanswered after 3 minutes` : ""}`,
      );
    }
  }
  out.push("");
  out.push("Ratios in this run (closed loop updates/s; CPU per update, PostgreSQL's included):");
  const ratio = (a: TargetKey, b: TargetKey) => {
    const x = summaries.get(`${a}:closed`);
    const y = summaries.get(`${b}:closed`);
    if (!x || !y || !targets.some((t) => t.key === a) || !targets.some((t) => t.key === b)) return;
    const cpuX = x.cpuPerUpdate + (Number.isFinite(x.postgresPerUpdate) ? x.postgresPerUpdate : 0);
    const cpuY = y.cpuPerUpdate + (Number.isFinite(y.postgresPerUpdate) ? y.postgresPerUpdate : 0);
    const line = `  ${`${LABELS[a]} ÷ ${LABELS[b]}`.padEnd(56)} updates/s ${fixed(x.perSecond / y.perSecond, 3)}x   CPU/update ${fixed(cpuX / cpuY, 1)}x`;
    out.push(line);
    json.ratios ??= {} as Record<string, unknown>;
    (json.ratios as Record<string, unknown>)[`${a}/${b}`] = { throughput: x.perSecond / y.perSecond, cpu: cpuX / cpuY };
  };
  ratio("full-postgres-2", "full-postgres");
  ratio("full-postgres", "echo");
  ratio("full-postgres", "session");
  ratio("full-pglite", "echo");
  ratio("full-pglite", "session");
  ratio("session", "echo");
  out.push("");
  out.push(
    "Memory after a full GC, RSS (V8 heap): after start, after the warm-up, at the end; growth from the warm-up to the end per 1,000 conversations:",
  );
  for (const t of targets) {
    const end = memoryAtEnd.get(t.key)!;
    const warm = t.memoryWarm ?? t.memoryAtStart;
    const n = (conversations.get(t.key) ?? 0) - t.conversationsWarm;
    const per = (bytes: number) => (n > 0 ? mib((bytes / n) * 1000) : "–");
    const both = (p: Probe) => `${pad(mib(p.rss), 8)} (${mib(p.heapUsed)})`;
    out.push(
      `  ${LABELS[t.key].padEnd(32)} ${both(t.memoryAtStart)} ${both(warm)} ${both(end)}, peak ${mib(end.maxRss)}; ${n} conversations: ${per(end.rss - warm.rss)} RSS, ${per(end.heapUsed - warm.heapUsed)} heap per 1,000`,
    );
  }
  out.push("");
  out.push(
    "This process (load and fake Bot API) used per update, closed loop: " +
      targets.map((t) => `${LABELS[t.key]} ${fixed(summaries.get(`${t.key}:closed`)?.clientPerUpdate ?? NaN, 2)} ms`).join(", "),
  );
  const missed = targets.filter((t) => t.children.counts.missed || t.children.counts.failed);
  if (missed.length) {
    out.push("");
    out.push(
      "Conversations that stopped early (missed: the bot did not show the button the script taps; failed: an update not answered 200):",
    );
    for (const t of missed) {
      out.push(
        `  ${LABELS[t.key]}: ${t.children.counts.missed} missed, ${t.children.counts.failed} failed; ${[...t.children.problems].map(([m, n]) => `${m} ×${n}`).join(", ")}`,
      );
      for (const line of t.server.errorLines().slice(-3)) out.push(`    server log: ${line}`);
    }
  }
  console.log(out.join("\n"));
  return json;
}

// ---------------------------------------------------------------------------------------------

const wanted = args.targets.split(",").map((t) => t.trim()) as TargetKey[];
for (const t of wanted) if (!(t in LABELS)) throw new Error(`unknown target ${t}; use ${Object.keys(LABELS).join(",")}`);
let keys = wanted;
if (keys.some(usesPostgres) && !(await postgresAnswers(args.postgres))) {
  log(`PostgreSQL does not answer at ${args.postgres}: running without the PostgreSQL targets (--postgres URL to point elsewhere)`);
  keys = keys.filter((k) => !usesPostgres(k));
}
await build();
const targets: Target[] = [];
const cleanup = async () => {
  for (const t of targets) {
    await t.server.stop().catch(() => undefined);
    t.apiServer.close();
    await t.database?.drop().catch((e: unknown) => log(`could not drop ${t.database?.name}: ${String(e)}`));
    if (t.dataDir) await rm(t.dataDir, { recursive: true, force: true });
  }
};
process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));
try {
  for (const [index, key] of keys.entries()) targets.push(await setUp(key, index));
  log(`warming up (${WARMUP} s closed loop each)`);
  for (const t of targets) await closedLoop(t.children, CONNECTIONS, WARMUP);
  for (const t of targets) {
    t.memoryWarm = await t.server.probe(true);
    t.conversationsWarm = t.children.counts.started;
  }
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 ? targets : [...targets].reverse();
    for (const phase of PHASES) {
      for (const t of order) {
        log(`round ${round}/${ROUNDS}, ${phase === "closed" ? "closed loop" : `${phase}/s`}: ${LABELS[t.key]}`);
        const run = await runPhase(t, phase, SECONDS);
        t.results.set(phase, [...(t.results.get(phase) ?? []), run]);
      }
    }
  }
  const memoryAtEnd = new Map<TargetKey, Probe>();
  const conversations = new Map<TargetKey, number>();
  for (const t of targets) {
    memoryAtEnd.set(t.key, await t.server.probe(true));
    conversations.set(t.key, t.children.counts.started);
  }
  const json = printReport(targets, conversations, memoryAtEnd);
  if (args.json) await writeFile(args.json, JSON.stringify(json, null, 2));
} finally {
  await cleanup();
}
