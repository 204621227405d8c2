import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../harness/test-app.ts";
import { common } from "../harness/locales.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const update = (id: number, text = "/help", userId = 5_000_001) => ({
  update_id: id,
  message: {
    message_id: id,
    date: 1_790_000_000,
    chat: { id: userId, type: "private" },
    from: { id: userId, is_bot: false, first_name: "A", language_code: "en" },
    text,
    entities: text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.length }] : [],
  },
});

describe("POST /telegram/webhook", () => {
  it("answers 401 to a wrong or missing secret, before any call to Telegram", async () => {
    const mark = h.api.calls.length;
    expect((await h.deliver(update(1), "wrong_secret_wrong_secret")).status).toBe(401);
    const missing = await h.app.http.request("/telegram/webhook", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(update(2)),
    });
    expect(missing.status).toBe(401);
    expect(h.api.callsSince(mark)).toEqual([]);
  });

  it("answers 400 to a body that is not JSON, and keeps serving", async () => {
    const res = await h.deliver("{ this is not json");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, error: "body is not JSON" });
    expect((await h.deliver(update(10))).status).toBe(200);
  });

  it("answers 400 to JSON that is not an update", async () => {
    for (const body of [[], { hello: 1 }, { update_id: "7" }, { update_id: -1 }, null]) {
      const res = await h.deliver(JSON.stringify(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });

  it("answers 413 to an oversized body", async () => {
    const res = await h.deliver(JSON.stringify({ ...update(11), padding: "x".repeat(1_100_000) }));
    expect(res.status).toBe(413);
  });

  it("handles an update once when Telegram delivers it twice", async () => {
    const mark = h.api.calls.length;
    expect((await h.deliver(update(20))).status).toBe(200);
    expect((await h.deliver(update(20))).status).toBe(200);
    const sent = h.api.callsSince(mark).filter((c) => c.method === "sendMessage");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload.text).toBe(common.en.help.text);
    expect(await h.db.processedUpdate.count({ where: { updateId: 20n } })).toBe(1);
  });

  it("handles concurrent updates of one chat in order", async () => {
    const userId = 5_000_777;
    const mark = h.api.calls.length;
    const statuses = await Promise.all([30, 31, 32].map((id) => h.deliver(update(id, "/help", userId)).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200]);
    expect(h.api.callsSince(mark).filter((c) => c.method === "sendMessage" && c.payload.chat_id === userId)).toHaveLength(3);
  });

  it("waits out a short 429; on Telegram's 5xx the update fails with 500 and its redelivery answers the child", async () => {
    h.api.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", retry_after: 1 });
    let mark = h.api.calls.length;
    expect((await h.deliver(update(40))).status).toBe(200);
    expect(h.api.callsSince(mark).filter((c) => c.method === "sendMessage")).toHaveLength(2);

    // Not retried in place: a 5xx may come after Telegram delivered, and the update's budget is short.
    h.api.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" });
    mark = h.api.calls.length;
    expect((await h.deliver(update(41))).status).toBe(500);
    expect(await h.db.processedUpdate.findUnique({ where: { updateId: 41n } })).toMatchObject({ done: false });
    // Telegram delivers it again: this time it is handled, once.
    expect((await h.deliver(update(41))).status).toBe(200);
    expect((await h.deliver(update(41))).status).toBe(200);
    const answers = h.api.callsSince(mark).filter((c) => c.method === "sendMessage" && c.payload.text === common.en.help.text);
    expect(answers).toHaveLength(2); // the failed attempt and the redelivery's answer
    expect(await h.db.processedUpdate.findUnique({ where: { updateId: 41n } })).toMatchObject({ done: true });
  });

  it("a 429 longer than a few seconds fails the update (500) instead of holding it past Telegram's budget", async () => {
    h.api.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 40", retry_after: 40 });
    const started = Date.now();
    expect((await h.deliver(update(42))).status).toBe(500);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("ignores updates from groups the bot was added to", async () => {
    const mark = h.api.calls.length;
    const group = {
      update_id: 50,
      message: {
        message_id: 1,
        date: 1_790_000_000,
        chat: { id: -100123, type: "supergroup", title: "x" },
        from: { id: 5, is_bot: false, first_name: "B" },
        text: "hello",
      },
    };
    expect((await h.deliver(group)).status).toBe(200);
    expect(h.api.callsSince(mark)).toEqual([]);
  });
});

describe("GET /healthz", () => {
  it("reports the database as up", async () => {
    const res = await h.app.http.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "up" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("logs", () => {
  it("carry no message text, names, usernames or raw Telegram ids", async () => {
    const userId = 987_654_321;
    const sentence = "Мой секретный уникальный текст 7f3a9c";
    const child = h.user({ id: userId, first_name: "Zhanargul", username: "zhanargul_2012", language_code: "ru" });
    await child.send("/start");
    await child.send(sentence);
    const logs = h.logs.join("\n");
    expect(logs).toContain('"route":"/telegram/webhook"');
    for (const secret of [String(userId), "Zhanargul", "zhanargul_2012", sentence, "секретный"]) expect(logs).not.toContain(secret);
  });
});

describe("a flood from one child", () => {
  it("gets one kind notice, the extra updates are dropped for a few seconds, help still gets through", async () => {
    const h = await createHarness({ env: { FLOOD_LIMIT: "10" } });
    const userId = 5_000_999;
    const mark = h.api.calls.length;
    for (let i = 0; i < 14; i++) expect((await h.deliver(update(60 + i, "/menu", userId))).status).toBe(200);
    const toChild = () => h.api.callsSince(mark).filter((c) => c.method === "sendMessage" && c.payload.chat_id === userId);
    expect(toChild().filter((c) => c.payload.text === common.en.menu.main)).toHaveLength(10);
    expect(toChild().filter((c) => c.payload.text === common.en.errors.tooFast)).toHaveLength(1);
    // A frightened child mashing the keys still reaches help.
    expect((await h.deliver(update(75, "/help", userId))).status).toBe(200);
    expect(toChild().at(-1)!.payload.text).toBe(common.en.help.text);
    const other = await h.deliver(update(80, "/menu", 5_000_998));
    expect(other.status).toBe(200);
    expect(h.api.calls.at(-1)!.payload.chat_id).toBe(5_000_998);
    await h.close();
  });
});
