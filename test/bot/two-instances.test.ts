// Two instances of the app on one database and one Telegram (the second built like a restarted
// server: its own bot, queue, dispatcher and memory), with one chat's updates split between them
// and sent at the same moment, as a load balancer in front of two replicas would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, TEST_APP_SECRET, TEST_WEBHOOK_SECRET, type Harness, type TestUser } from "../harness/test-app.ts";
import { common, report } from "../harness/locales.ts";
import { createSealer } from "../../src/domain/privacy/encryption.ts";
import { reachReview } from "../harness/report-flow.ts";

const FLOOD_LIMIT = 8;
let a: Harness;
let b: Harness;
const opened: Harness[] = [];
/** A database, a Telegram and two app instances on them. */
async function pair(env: Record<string, string> = {}): Promise<void> {
  a = await createHarness({ env });
  opened.push(a);
  b = a.restart();
}
beforeAll(() => pair(), 180_000);
afterAll(() => Promise.all(opened.map((h) => h.close())));

let nextId = 7_100_000;
const instances = () => [a, b];

/** Delivers every update at once, alternating instances; returns the HTTP statuses. */
async function splitAcross(updates: unknown[]): Promise<number[]> {
  const responses = await Promise.all(updates.map((u, i) => instances()[i % 2]!.deliver(u)));
  await Promise.all([a.app.dispatcher.drain(), b.app.dispatcher.drain()]);
  return responses.map((r) => r.status);
}

function photoUpdate(child: TestUser, fileId: string, albumId: string): unknown {
  const base = a.updates.text(child.profile, "photo");
  const { text: _text, ...message } = base.message!;
  return {
    ...base,
    message: {
      ...message,
      media_group_id: albumId,
      photo: [{ file_id: fileId, file_unique_id: `u-${fileId}`, width: 90, height: 90, file_size: 1000 }],
    },
  };
}

// Two apps and many updates each: generous on a loaded 2-core machine.
describe(`two instances, one chat (${process.env.TEST_DB ?? "pglite"})`, { timeout: 180_000 }, () => {
  it("messages sent at once through both are all remembered: the quick exit deletes every one", async () => {
    const child = a.user({ id: nextId++, language_code: "en" });
    await child.send("/start");
    const texts = Array.from({ length: 7 }, () => a.updates.text(child.profile, "/menu"));
    expect(await splitAcross(texts)).toEqual(texts.map(() => 200));
    // Each /menu was answered (by one instance or the other).
    const menus = child.chat().filter((m) => m.from === "bot" && m.text === common.en.menu.main);
    expect(menus.length).toBe(7);
    await b.user(child.profile).send("/hide");
    // Nothing is left on screen but the neutral message: no id was lost from the session.
    expect(child.chat().map((m) => m.text)).toEqual([common.en.quick_exit.done]);
  });

  it("an update delivered to both instances at once is answered once", async () => {
    const child = a.user({ id: nextId++, language_code: "en" });
    await child.send("/start");
    const mark = a.api.calls.length;
    const update = a.updates.text(child.profile, "/help");
    expect(await splitAcross([update, update])).toEqual([200, 200]);
    const answers = a.api.callsSince(mark).filter((c) => c.method === "sendMessage" && c.payload.chat_id === child.chatId);
    expect(answers).toHaveLength(1);
  });

  it("an album split across both keeps every file in the report", async () => {
    const child = a.user({ id: nextId++, language_code: "en" });
    await child.send("/report");
    await child.press(report.en.start);
    await child.press(report.en.safe_no);
    await child.press(report.en.continue);
    await child.press(report.en.cat_online);
    await child.send("he sends me pictures");
    const album = ["A1", "A2", "A3", "A4", "A5"].map((id) => photoUpdate(child, id, "album-1"));
    expect(await splitAcross(album)).toEqual([200, 200, 200, 200, 200]);
    await child.press(report.en.evidence_done);
    await child.press(report.en.contact_no);
    await child.press(report.en.send);
    const stored = await a.db.report.findFirst({ orderBy: { number: "desc" } });
    const content = JSON.parse(await createSealer(TEST_APP_SECRET).open(stored!.contentSealed, `report:${stored!.id}`)) as {
      attachments: { fileId: string }[];
    };
    expect(content.attachments.map((f) => f.fileId).sort()).toEqual(["A1", "A2", "A3", "A4", "A5"]);
  });

  it("the flood limit holds across both: one notice, the rest of the window dropped", async () => {
    await pair({ FLOOD_LIMIT: String(FLOOD_LIMIT) });
    const child = a.user({ id: nextId++, language_code: "en" });
    const burst = Array.from({ length: FLOOD_LIMIT + 6 }, () => a.updates.text(child.profile, "/menu"));
    const mark = a.api.calls.length;
    expect(await splitAcross(burst)).toEqual(burst.map(() => 200));
    const sent = a.api.callsSince(mark).filter((c) => c.method === "sendMessage" && c.payload.chat_id === child.chatId);
    expect(sent.filter((c) => c.payload.text === common.en.errors.tooFast)).toHaveLength(1);
    expect(sent.filter((c) => c.payload.text === common.en.menu.main)).toHaveLength(FLOOD_LIMIT);
    // Help still gets through, whichever instance it reaches.
    const help = await b.user(child.profile).send("/help");
    expect(help.some((c) => c.method === "sendMessage")).toBe(true);
  });

  it("the staff group's minute budget holds when both instances send at once", async () => {
    const group = -100_777_000_1;
    await pair({ STAFF_CHAT_ID: String(group), STAFF_LANGUAGE: "en", STAFF_POSTS_PER_MINUTE: "3" });
    const children = [0, 1, 2, 3].map((i) => instances()[i % 2]!.user({ id: nextId++, language_code: "en" }));
    for (const child of children) await reachReview(child, "en");
    const groupPosts = () => a.api.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === group);
    // Two reports sent on A; A's round starts and Telegram is slow with its first post...
    for (const child of children.slice(0, 2)) expect((await webhookOnly(a, child.pressUpdate(report.en.send))).status).toBe(200);
    a.api.failNext("sendMessage", { delayMs: 1_500 });
    const roundA = a.app.dispatcher.runOnce();
    await until(() => groupPosts().length === 1);
    // ...while two more are sent on B and B's dispatcher runs: it must not spend the same budget.
    for (const child of children.slice(2)) expect((await webhookOnly(b, child.pressUpdate(report.en.send))).status).toBe(200);
    await b.app.dispatcher.runOnce();
    await roundA;
    await Promise.all([a.app.dispatcher.drain(), b.app.dispatcher.drain()]);
    // Two posts of their own, then the minute's last one is a digest; nothing over the budget.
    expect(groupPosts()).toHaveLength(3);
    expect(await a.db.report.count()).toBe(4);
  });
});

/** Posts an update to one instance's webhook without running its dispatcher afterwards. */
async function webhookOnly(h: Harness, update: unknown): Promise<Response> {
  return h.app.http.request("/telegram/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TEST_WEBHOOK_SECRET },
    body: JSON.stringify(update),
  });
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
