// Pruning: what is kept only for a while goes once that while is over, and not a moment before;
// retention runs it (the Node server's timer, `npm run retention`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, TEST_APP_SECRET, type Harness } from "../harness/test-app.ts";
import { keep, prune } from "../../src/domain/maintenance/prune.ts";
import { createSessionStorage } from "../../src/db/session-storage.ts";
import { createSealer } from "../../src/domain/privacy/encryption.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let h: Harness;
let accountId: string;
let seq = 0;

beforeAll(async () => {
  h = await createHarness();
  accountId = (await h.db.staffAccount.create({ data: { email: "prune@example.org", passwordHash: "x", role: "ADMIN", regions: [] } })).id;
});
afterAll(async () => {
  await h.app.dispatcher.drain().catch(() => undefined);
  await h.close();
});

async function clear(): Promise<void> {
  await h.db.session.deleteMany();
  await h.db.codeAttempt.deleteMany();
  await h.db.consoleSession.deleteMany();
  await h.db.processedUpdate.deleteMany();
  await h.db.outboxMessage.deleteMany();
  await h.db.chatGate.deleteMany();
}

/** One row of each kind, stamped `at` (for console sessions: expiring then); returns its ids. */
async function rowsAt(at: Date, label: string) {
  const n = ++seq;
  const session = await h.db.session.create({ data: { key: `${label}-${n}`, value: "sealed", updatedAt: at } });
  const attempt = await h.db.codeAttempt.create({ data: { pseudonym: `${label}-${n}`, success: false, createdAt: at } });
  const consoleSession = await h.db.consoleSession.create({
    data: { tokenHash: `${label}-${n}`, accountId, csrfToken: "c", expiresAt: at },
  });
  const update = await h.db.processedUpdate.create({ data: { updateId: BigInt(n * 10), processedAt: at, done: true } });
  const unfinished = await h.db.processedUpdate.create({ data: { updateId: BigInt(n * 10 + 1), processedAt: at, done: false } });
  const sent = await h.db.outboxMessage.create({
    data: {
      key: `${label}-sent-${n}`,
      target: "staff",
      method: "sendMessage",
      payloadSealed: "x",
      status: "SENT",
      sentAt: at,
      createdAt: at,
    },
  });
  // A dead letter is never "sent": staff must still see it, however old.
  const dead = await h.db.outboxMessage.create({
    data: { key: `${label}-dead-${n}`, target: "staff", method: "sendMessage", payloadSealed: "x", status: "DEAD", createdAt: at },
  });
  const gate = await h.db.chatGate.create({ data: { key: `${label}-gate-${n}`, heldUntil: at, windowStart: at } });
  return {
    session: session.id,
    attempt: attempt.id,
    consoleSession: consoleSession.id,
    update: update.updateId,
    unfinished: unfinished.updateId,
    sent: sent.id,
    dead: dead.id,
    gate: gate.key,
  };
}

async function present(ids: Awaited<ReturnType<typeof rowsAt>>) {
  return {
    session: (await h.db.session.count({ where: { id: ids.session } })) === 1,
    attempt: (await h.db.codeAttempt.count({ where: { id: ids.attempt } })) === 1,
    consoleSession: (await h.db.consoleSession.count({ where: { id: ids.consoleSession } })) === 1,
    update: (await h.db.processedUpdate.count({ where: { updateId: ids.update } })) === 1,
    unfinished: (await h.db.processedUpdate.count({ where: { updateId: ids.unfinished } })) === 1,
    sent: (await h.db.outboxMessage.count({ where: { id: ids.sent } })) === 1,
    dead: (await h.db.outboxMessage.count({ where: { id: ids.dead } })) === 1,
    gate: (await h.db.chatGate.count({ where: { key: ids.gate } })) === 1,
  };
}

const ages = {
  session: keep.sessionMs,
  attempt: keep.codeAttemptMs,
  consoleSession: keep.consoleSessionAfterExpiryMs,
  update: keep.processedUpdateMs,
  sent: keep.outboxSentDays * DAY,
  gate: keep.chatGateIdleMs,
} as const;

describe(`pruning (${process.env.TEST_DB ?? "pglite"})`, () => {
  it("keeps the ages it was asked for", () => {
    expect(ages).toEqual({ session: 8 * DAY, attempt: DAY, consoleSession: DAY, update: 3 * DAY, sent: 30 * DAY, gate: DAY });
  });

  for (const [kind, age] of Object.entries(ages) as [keyof typeof ages, number][]) {
    it(`prunes ${kind} rows just past ${age / DAY} day(s), keeps them just before`, async () => {
      await clear();
      const now = new Date();
      const young = await rowsAt(new Date(now.getTime() - age + MINUTE), "young");
      const old = await rowsAt(new Date(now.getTime() - age - MINUTE), "old");
      const counts = await prune(h.db, h.app.outbox, now);
      expect((await present(young))[kind]).toBe(true);
      expect((await present(old))[kind]).toBe(false);
      const countOf = {
        session: counts.sessions,
        attempt: counts.codeAttempts,
        consoleSession: counts.consoleSessions,
        update: counts.processedUpdates,
        sent: counts.outbox,
        gate: counts.chatGates,
      }[kind];
      expect(countOf).toBe(1);
    });
  }

  it("never prunes an update still being handled, nor a dead letter", async () => {
    await clear();
    const now = new Date();
    const ancient = await rowsAt(new Date(now.getTime() - 400 * DAY), "ancient");
    const counts = await prune(h.db, h.app.outbox, now);
    expect(counts).toEqual({ sessions: 1, codeAttempts: 1, consoleSessions: 1, processedUpdates: 1, outbox: 1, chatGates: 1 });
    expect(await present(ancient)).toEqual({
      session: false,
      attempt: false,
      consoleSession: false,
      update: false,
      unfinished: true,
      sent: false,
      dead: true,
      gate: false,
    });
  });

  it("runs with retention, at the date retention is given", async () => {
    await clear();
    const written = Date.now();
    const rows = await rowsAt(new Date(written), "now");
    const at = (ms: number) => new Date(written + ms);
    // Just before each age: nothing goes. Just after: that kind (and the shorter-lived ones) go.
    await h.app.retention(at(DAY - MINUTE));
    expect(await present(rows)).toEqual({
      session: true,
      attempt: true,
      consoleSession: true,
      update: true,
      unfinished: true,
      sent: true,
      dead: true,
      gate: true,
    });
    await h.app.retention(at(DAY + MINUTE));
    expect(await present(rows)).toMatchObject({ attempt: false, consoleSession: false, gate: false, session: true, update: true });
    await h.app.retention(at(3 * DAY - MINUTE));
    expect((await present(rows)).update).toBe(true);
    await h.app.retention(at(3 * DAY + MINUTE));
    expect(await present(rows)).toMatchObject({ update: false, session: true });
    await h.app.retention(at(8 * DAY - MINUTE));
    expect((await present(rows)).session).toBe(true);
    await h.app.retention(at(8 * DAY + MINUTE));
    expect(await present(rows)).toMatchObject({ session: false, sent: true });
    await h.app.retention(at(30 * DAY - MINUTE));
    expect((await present(rows)).sent).toBe(true);
    await h.app.retention(at(30 * DAY + MINUTE));
    expect(await present(rows)).toEqual({
      session: false,
      attempt: false,
      consoleSession: false,
      update: false,
      unfinished: true,
      sent: false,
      dead: true,
      gate: false,
    });
    expect(h.logs.some((line) => line.includes("pruned rows kept only for a while"))).toBe(true);
  });

  it("dates a session by its last write, through the bot's session storage", async () => {
    await clear();
    const storage = createSessionStorage<{ n: number }>(h.db, createSealer(TEST_APP_SECRET));
    const before = Date.now();
    await storage.write("child-a", { n: 1 });
    const created = await h.db.session.findUniqueOrThrow({ where: { key: "child-a" } });
    expect(created.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    // Written long ago, then written again (a draft being continued): it counts from the new write.
    const longAgo = new Date(before - 10 * DAY);
    await h.db.session.update({ where: { key: "child-a" }, data: { updatedAt: longAgo } });
    await storage.write("child-a", { n: 2 });
    const rewritten = await h.db.session.findUniqueOrThrow({ where: { key: "child-a" } });
    expect(rewritten.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect((await prune(h.db, h.app.outbox)).sessions).toBe(0);
    expect(await storage.read("child-a")).toEqual({ n: 2 });
  });
});
