// The session and the saved language ride on the chat gate's two statements (issue 14: two round
// trips per update where there were five). What that must keep: the session is read only when it
// is the last one written under the lease, written only by the lease's holder, sealed at rest,
// and saved in the same statement as the update's "done" mark.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, TEST_APP_SECRET, type Harness } from "../harness/test-app.ts";
import { createChatGate, type ChatGate } from "../../src/domain/gate/chat-gate.ts";
import { sqlFor } from "../../src/db/sql.ts";
import { createSessionStorage } from "../../src/db/session-storage.ts";
import { createSealer } from "../../src/domain/privacy/encryption.ts";
import { createPseudonymizer } from "../../src/domain/privacy/pseudonym.ts";
import type { SessionData } from "../../src/bot/context.ts";

const HOLD = 90_000;
const WINDOW = 10_000;
let h: Harness;
let gate: ChatGate;
let nextUpdate = 9_000_000;

beforeAll(async () => {
  h = await createHarness();
  gate = createChatGate(h.db, sqlFor(h.db));
});
afterAll(async () => {
  await h.app.dispatcher.drain().catch(() => undefined);
  await h.close();
});

const stale = () => new Date(Date.now() - HOLD);

async function admit(key: string, holder = crypto.randomUUID()) {
  const updateId = BigInt(nextUpdate++);
  return { holder, updateId, entry: await gate.admit(key, holder, HOLD, WINDOW, updateId, stale()) };
}

describe(`the session on the chat gate's statements (${process.env.TEST_DB ?? "pglite"})`, () => {
  it("admit reads what the last holder's finish wrote, with the saved language", async () => {
    const key = "gate-session-1";
    const first = await admit(key);
    expect(first.entry.prefetched).toEqual({ session: null, language: null });
    await gate.finish(key, first.holder, first.updateId, true, { value: '"sealed-1"' });
    await h.db.profile.create({ data: { pseudonym: key, language: "en" } });

    const second = await admit(key);
    expect(second.entry.held).toBe(true);
    expect(second.entry.prefetched).toEqual({ session: '"sealed-1"', language: "en" });
    await gate.finish(key, second.holder, second.updateId, true, { delete: true });
    expect(await h.db.session.findUnique({ where: { key } })).toBeNull();
    expect(await h.db.processedUpdate.findUnique({ where: { updateId: second.updateId } })).toMatchObject({ done: true });
  });

  it("a holder whose lease was taken over marks its update but writes no session", async () => {
    const key = "gate-session-2";
    const late = await admit(key);
    // Its lease ran out (the process hung) and another update took the chat.
    await h.db.chatGate.update({ where: { key }, data: { heldUntil: new Date(Date.now() - 1000) } });
    const next = await admit(key);
    expect(next.entry.held).toBe(true);
    await gate.finish(key, late.holder, late.updateId, true, { value: '"from-the-late-one"' });
    expect(await h.db.session.findUnique({ where: { key } })).toBeNull();
    expect(await h.db.processedUpdate.findUnique({ where: { updateId: late.updateId } })).toMatchObject({ done: true });
    await gate.finish(key, next.holder, next.updateId, true, { value: '"from-the-holder"' });
    const row = await h.db.session.findUnique({ where: { key } });
    expect(row?.value).toBe('"from-the-holder"');
    expect(Date.now() - row!.updatedAt.getTime()).toBeLessThan(60_000);
  });

  it("gives no session while another holder has the chat; its own read comes after the lease", async () => {
    const key = "gate-session-3";
    const sealer = createSealer(TEST_APP_SECRET);
    const holding = await admit(key);
    const waiting = await admit(key);
    expect(waiting.entry.held).toBe(false);
    expect(waiting.entry.prefetched).toBeUndefined();
    const sealed = await sealer.seal(JSON.stringify({ n: 3 }), `session:${key}`);
    await gate.finish(key, holding.holder, holding.updateId, true, { value: JSON.stringify(sealed) });
    expect(await gate.take(key, waiting.holder, HOLD)).toBe(true);
    // Not read by the admit: the storage reads it from the database, then keeps what is written.
    const storage = createSessionStorage<{ n: number }>(h.db, sealer);
    storage.begin(key, undefined);
    expect(await storage.read(key)).toEqual({ n: 3 });
    await storage.write(key, { n: 4 });
    expect(await storage.read(key)).toEqual({ n: 4 });
    const change = storage.end(key);
    expect(await h.db.session.findUnique({ where: { key } })).toMatchObject({ value: JSON.stringify(sealed) });
    await gate.finish(key, waiting.holder, waiting.updateId, true, change);
    expect(await storage.read(key)).toEqual({ n: 4 });
  });

  it.runIf(process.env.TEST_DB === "postgres")(
    "takes no lease on a row another instance changed after the statement's snapshot (its session could be stale)",
    async () => {
      const key = "gate-session-4";
      const first = await admit(key);
      await gate.finish(key, first.holder, first.updateId, true, { value: '"old"' });
      // Another instance is finishing: its session write and release are in one transaction not yet committed.
      const other = new pg.Client({ connectionString: h.database.url });
      await other.connect();
      try {
        await other.query("BEGIN");
        await other.query(`UPDATE "Session" SET "value" = '"new"' WHERE "key" = $1`, [key]);
        await other.query(`UPDATE "ChatGate" SET "hits" = "hits" WHERE "key" = $1`, [key]);
        const admitted = admit(key);
        // The admit statement has its snapshot and now waits for the row; then the other commits.
        await expect.poll(() => lockWaits(h.database.url!), { timeout: 5_000 }).toBeGreaterThan(0);
        await other.query("COMMIT");
        const { entry } = await admitted;
        expect(entry.held).toBe(false);
        expect(entry.prefetched).toBeUndefined();
      } finally {
        await other.end();
      }
    },
  );

  it("through the webhook: the session is sealed at rest and saved with the update's done mark", async () => {
    const child = h.user({ id: 88_001, language_code: "ru" });
    await child.send("/start");
    await child.send("/menu");
    const key = await createPseudonymizer(TEST_APP_SECRET).forUser(88_001);
    const row = await h.db.session.findUnique({ where: { key } });
    expect(row?.value).toMatch(/^"v1\./);
    const session = (await createSessionStorage<SessionData>(h.db, createSealer(TEST_APP_SECRET)).read(key))!;
    const ids = h.api.messages(88_001).map((m) => m.message_id);
    expect(session.trace?.map((m) => m.id)).toEqual(ids);
    // The webhook's updates (the statements above use ids from 9,000,000 of their own).
    expect(await h.db.processedUpdate.count({ where: { updateId: { lt: 9_000_000 } } })).toBe(2);
    expect(await h.db.processedUpdate.count({ where: { updateId: { lt: 9_000_000 }, done: false } })).toBe(0);
  });
});

/** Statements of this database waiting for a lock (read from a connection of its own: a transaction sees a fixed picture). */
async function lockWaits(url: string): Promise<number> {
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  try {
    const { rows } = await watcher.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return Number(rows[0]!.n);
  } finally {
    await watcher.end();
  }
}
