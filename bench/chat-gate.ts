// What keeping one chat's updates one at a time across instances costs per update: the chat
// gate's two statements (admit: claim the update, count it, take the lease; finish: mark it done,
// give the lease back; the session and saved language now ride on these two), against a session
// read and write through Prisma, on PostgreSQL (TEST_DATABASE_URL or the local server) and in-memory
// PGlite. Sequential round trips, then 40 chats at once.
//   node --import tsx bench/chat-gate.ts
import pg from "pg";
import { openDatabase, type OpenDatabase } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { createChatGate } from "../src/domain/gate/chat-gate.ts";
import { sqlFor } from "../src/db/sql.ts";

const SERVER = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const N = 2_000;
let updateId = 0;

async function throwaway(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bala_bench_gate_${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: SERVER });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(3);
  return `mean ${(s.reduce((a, b) => a + b, 0) / s.length).toFixed(3)} ms, p50 ${at(0.5)}, p99 ${at(0.99)}`;
}

async function measure(label: string, db: OpenDatabase): Promise<void> {
  // As the app builds it: the driver where src/db/client.ts registered one.
  const gate = createChatGate(db.prisma, sqlFor(db.prisma));
  const sessionPair: number[] = [];
  const gatePair: number[] = [];
  for (let i = 0; i < N; i++) {
    const key = `bench-${i % 500}`;
    let t = performance.now();
    await db.prisma.session.upsert({ where: { key }, create: { key, value: "x".repeat(300) }, update: { value: "y".repeat(300) } });
    await db.prisma.session.findUnique({ where: { key } });
    sessionPair.push(performance.now() - t);
    t = performance.now();
    const holder = crypto.randomUUID();
    const id = BigInt(++updateId);
    await gate.admit(key, holder, 90_000, 10_000, id, new Date(Date.now() - 90_000));
    await gate.finish(key, holder, id, true);
    gatePair.push(performance.now() - t);
  }
  console.log(`${label}: session read+write ${stats(sessionPair)}`);
  console.log(`${label}: gate admit+finish   ${stats(gatePair)}`);
  const t = performance.now();
  await Promise.all(
    Array.from({ length: 40 }, async (_, c) => {
      for (let i = 0; i < N / 40; i++) {
        const holder = crypto.randomUUID();
        const id = BigInt(++updateId);
        await gate.admit(`conc-${c}`, holder, 90_000, 10_000, id, new Date(Date.now() - 90_000));
        await gate.finish(`conc-${c}`, holder, id, true);
      }
    }),
  );
  console.log(`${label}: 40 chats at once: ${((N / (performance.now() - t)) * 1000).toFixed(0)} gate pairs/s`);
}

const target = await throwaway();
const postgres = await openDatabase({ kind: "postgres", url: target.url });
try {
  await applyMigrations(postgres.adapterFactory);
  await measure("postgres", postgres);
} finally {
  await postgres.close();
  await target.drop();
}
const pglite = await openDatabase({ kind: "pglite", dataDir: undefined });
await applyMigrations(pglite.adapterFactory);
await measure("pglite  ", pglite);
await pglite.close();
