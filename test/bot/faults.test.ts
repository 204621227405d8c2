// Nothing lost, nothing twice: a report sent while Telegram or the database fails at the worst
// moment ends with exactly one report, one staff post, the code shown once and the words kept.
// Failures are injected in the fake Bot API (429, 5xx, reset, hang) and in the database client.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, type Harness, type TestUser } from "../harness/test-app.ts";
import { openTestDatabase } from "../harness/database.ts";
import { reachReview, shownCode } from "../harness/report-flow.ts";
import { followup, report } from "../harness/locales.ts";
import { signInFully } from "../console/staff-sign-in.ts";

const STAFF_GROUP = -100_666_000_1;
let h: Harness;
/** Transactions to fail before they start, as a database that went away would. */
let failTransactions = 0;

beforeAll(async () => {
  const database = await openTestDatabase();
  const prisma = new Proxy(database.prisma, {
    get(target, property, receiver) {
      if (property === "$transaction" && failTransactions > 0) {
        failTransactions--;
        return () => Promise.reject(new Error("Connection terminated unexpectedly"));
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  h = await createHarness({
    database: { ...database, prisma },
    env: { STAFF_CHAT_ID: String(STAFF_GROUP), STAFF_LANGUAGE: "en", TELEGRAM_TIMEOUT_SECONDS: "2", STAFF_GROUP_DETAIL: "full" },
  });
});
afterAll(() => h.close());
afterEach(() => vi.useRealTimers());

let nextId = 7_700_000;
const r = report.en;

async function atReview(words: string): Promise<{ child: TestUser; send: unknown }> {
  const child = h.user({ id: nextId++, language_code: "en" });
  await reachReview(child, "en", { words, contact: true });
  return { child, send: child.pressUpdate(r.send) };
}

/** What the staff group and the database hold about the report with these words. */
async function outcome(child: TestUser, words: string) {
  const reports = await h.db.report.findMany({ where: { language: "en", staffMessageId: { not: null } }, orderBy: { number: "asc" } });
  const all = await h.db.report.count({ where: { language: "en" } });
  const posts = h.api.messages(STAFF_GROUP).filter((m) => m.from === "bot" && m.text?.includes(words));
  const codes = child.chat().filter((m) => m.from === "bot" && /<code>[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}<\/code>/.test(m.text ?? ""));
  return { reports, all, posts, codes };
}

describe("Send while something fails", () => {
  it("Telegram answers 429 (retry after 40 s) to the confirmation: 500, then the redelivery shows the code; one report, one post", async () => {
    const words = "fault-429 they take my phone";
    const { child, send } = await atReview(words);
    const before = await h.db.report.count();
    h.api.failNext("editMessageText", { error_code: 429, description: "Too Many Requests: retry after 40", retry_after: 40 });
    expect((await h.deliver(send)).status).toBe(500);
    // The report is saved and the staff group told, although the child has not seen the code yet.
    expect(await h.db.report.count()).toBe(before + 1);
    expect(h.api.messages(STAFF_GROUP).filter((m) => m.text?.includes(words))).toHaveLength(1);

    // Telegram delivers the tap again: the same report, the same code, no second post.
    expect((await h.deliver(send)).status).toBe(200);
    const code = shownCode(child);
    expect(await h.db.report.count()).toBe(before + 1);
    const { posts, codes } = await outcome(child, words);
    expect(posts).toHaveLength(1);
    expect(codes).toHaveLength(1);
    const stored = await h.db.report.findFirstOrThrow({ orderBy: { number: "desc" } });
    expect(stored.codeHint).toBe(code.slice(0, 2));
    expect(posts[0]!.text).toContain(`Case #${stored.number}`);
  });

  it("the database goes away as the report is written: nothing half-saved, and the redelivery saves it once", async () => {
    const words = "fault-db my uncle shouts at me";
    const { child, send } = await atReview(words);
    const before = await h.db.report.count();
    failTransactions = 1;
    expect((await h.deliver(send)).status).toBe(500);
    expect(await h.db.report.count()).toBe(before);
    expect(h.api.messages(STAFF_GROUP).filter((m) => m.text?.includes(words))).toHaveLength(0);

    expect((await h.deliver(send)).status).toBe(200);
    shownCode(child);
    expect(await h.db.report.count()).toBe(before + 1);
    expect((await outcome(child, words)).posts).toHaveLength(1);
  });

  it("the Bot API hangs on the confirmation: the update fails within its timeout and the redelivery completes it", async () => {
    const words = "fault-hang they laugh at me";
    const { child, send } = await atReview(words);
    const before = await h.db.report.count();
    h.api.failNext("editMessageText", { hang: true });
    const started = Date.now();
    expect((await h.deliver(send)).status).toBe(500);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await h.deliver(send)).status).toBe(200);
    shownCode(child);
    expect(await h.db.report.count()).toBe(before + 1);
    expect((await outcome(child, words)).posts).toHaveLength(1);
  });

  it("Send tapped twice (two updates at once): one report, the second tap is an old button", async () => {
    const words = "fault-double someone follows me";
    const { child, send } = await atReview(words);
    const again = child.pressUpdate(r.send);
    const before = await h.db.report.count();
    const statuses = await Promise.all([h.deliver(send), h.deliver(again)]);
    expect(statuses.map((s) => s.status)).toEqual([200, 200]);
    expect(await h.db.report.count()).toBe(before + 1);
    expect((await outcome(child, words)).posts).toHaveLength(1);
    expect((await outcome(child, words)).codes).toHaveLength(1);
  });
});

describe("the staff post through the outbox", () => {
  it("waits out the group's 429 (retry_after) and is posted once, later", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const words = "fault-group-429 they hit me at the bus stop";
    const { send } = await atReview(words);
    h.api.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 30", retry_after: 30 });
    expect((await h.deliver(send)).status).toBe(200);
    expect(h.api.messages(STAFF_GROUP).filter((m) => m.text?.includes(words))).toHaveLength(0);
    const row = await h.db.outboxMessage.findFirstOrThrow({ where: { status: "PENDING", target: "staff" } });
    expect(row.nextAttemptAt.getTime() - Date.now()).toBeGreaterThanOrEqual(29_000);
    vi.setSystemTime(Date.now() + 31_000);
    await h.app.dispatcher.drain();
    expect(h.api.messages(STAFF_GROUP).filter((m) => m.text?.includes(words))).toHaveLength(1);
    expect(await h.db.outboxMessage.count({ where: { status: "PENDING" } })).toBe(0);
  });

  it("a connection reset is retried with backoff and delivered once", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const words = "fault-reset my brother takes my money";
    const { send } = await atReview(words);
    h.api.failNext("sendMessage", { reset: true }, 2);
    expect((await h.deliver(send)).status).toBe(200);
    expect(h.api.messages(STAFF_GROUP).filter((m) => m.text?.includes(words))).toHaveLength(0);
    for (let i = 0; i < 3; i++) {
      vi.setSystemTime(Date.now() + 5_000);
      await h.app.dispatcher.drain();
    }
    expect(h.api.messages(STAFF_GROUP).filter((m) => m.text?.includes(words))).toHaveLength(1);
    const sent = await h.db.outboxMessage.findMany({ where: { status: "SENT", attempts: { gt: 0 } } });
    expect(sent.some((m) => m.attempts === 2)).toBe(true);
  });

  it("a message Telegram refuses for good becomes a dead letter that staff see in the console and can send again", async () => {
    const words = "fault-dead they threaten me online";
    const { send } = await atReview(words);
    h.api.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
    expect((await h.deliver(send)).status).toBe(200);
    const dead = await h.db.outboxMessage.findFirstOrThrow({ where: { status: "DEAD" } });
    expect(dead.lastError).toContain("chat not found");
    expect(dead.payloadSealed).not.toContain(words);

    await h.app.accounts.create({ email: "lead@ombudsman.kz", password: "correct horse battery 42", role: "SUPERVISOR" });
    const c = await signInFully(h, "lead@ombudsman.kz", "correct horse battery 42");
    expect((await c.get("/console/outbox")).status).toBe(200);
    expect(c.lastHtml).toContain(dead.key);
    expect(c.lastHtml).toContain("chat not found");
    expect(c.lastHtml).not.toContain(words);
    expect((await c.post(`/console/outbox/${dead.id}/retry`, {})).status).toBe(302);
    await h.app.dispatcher.drain();
    expect(h.api.messages(STAFF_GROUP).filter((m) => m.text?.includes(words))).toHaveLength(1);
  });
});

describe("Telegram's limits, counted as Telegram counts them", () => {
  it("an emoji-heavy report is measured in UTF-16 units: too long is said at once, and what fits passes the review", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    const tooLong = "😢".repeat(1_600); // 1,600 characters, 3,200 units
    await reachReview(child, "en", { words: "x", contact: false }).catch(() => undefined);
    await child.press(r.edit_words);
    await child.send(tooLong);
    expect(child.lastBotMessage().text).toContain("3000");
    const fits = "😢".repeat(1_400); // 2,800 units
    await child.send(fits);
    await child.press(r.send);
    const stored = await h.db.report.findFirstOrThrow({ orderBy: { number: "desc" } });
    const post = h.api.messages(STAFF_GROUP).find((m) => m.text?.includes(`Case #${stored.number}`));
    expect(post).toBeDefined();
    expect(shownCode(child)).toMatch(/-/);
  });

  it("a follow-up of 4,096 characters reaches the group, cut, with a pointer to the console", async () => {
    const child = h.user({ id: nextId++, language_code: "en" });
    await reachReview(child, "en", { words: "fault-long first words", contact: true });
    await child.press(r.send);
    const stored = await h.db.report.findFirstOrThrow({ orderBy: { number: "desc" } });
    await child.pressData(child.lastBotMessage().message_id, `fu:add:${stored.id}`);
    expect(child.lastBotMessage().text).toBe(followup.en.write);
    // 4,096 UTF-16 units, as Telegram counts them: the most one message can hold.
    const long = "😢".repeat(500) + "a".repeat(3096);
    expect(long.length).toBe(4096);
    const calls = await child.send(long);
    expect(child.lastBotMessage().text).toBe(followup.en.sent);
    const staffPost = calls.find((c) => c.payload.chat_id === STAFF_GROUP);
    expect(staffPost, "the follow-up reached the group").toBeDefined();
    expect(String(staffPost!.payload.text)).toContain(`#${stored.number}`);
    expect(String(staffPost!.payload.text)).toContain("the rest is in the console");
    // The whole message is kept with the report, and the child's own view of it still fits one screen.
    expect(await h.db.reportMessage.count({ where: { reportId: stored.id, author: "CHILD" } })).toBe(1);
    await child.pressData(child.lastBotMessage().message_id, `fu:view:${stored.id}`);
    expect(child.lastBotMessage().text).toContain("😢😢😢");
    expect(child.lastBotMessage().text!.length).toBeLessThanOrEqual(4096);
  });
});
