// The Cloudflare Worker really running: `npm run dev:worker` serves src/entry/worker.ts in workerd
// (wrangler dev), its HYPERDRIVE binding pointed at a throwaway database on the test PostgreSQL,
// its Bot API a fake Telegram served over HTTP. Updates arrive as Telegram sends them.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botIdentity } from "../../src/simulator/bot-info.ts";
import { createOutbox } from "../../src/domain/outbox/outbox.ts";
import { createSealer } from "../../src/domain/privacy/encryption.ts";
import { openTestDatabase, type TestDatabase } from "../harness/database.ts";
import { serveFakeBotApi, startDevWorker, type DevWorker, type ServedBotApi } from "../harness/dev-worker.ts";
import { common, listen, staffTexts } from "../harness/locales.ts";

const SECRET = "worker_test_secret_0001";
const TOKEN = "4343:AAWorkerTestToken_0123456789abcdefghij";
const APP_SECRET = "worker-app-secret-0123456789abcdef0123456789";
const STAFF_CHAT = -100_434_343;
const bot = botIdentity(4343, "Bala Help", "bala_help_worker_bot");

let database: TestDatabase;
let telegram: ServedBotApi;
let worker: DevWorker;

async function startWorker(): Promise<void> {
  database = await openTestDatabase();
  if (!database.url) throw new Error("the Worker test needs PostgreSQL (TEST_DATABASE_URL)");
  telegram = await serveFakeBotApi(bot);
  worker = await startDevWorker({
    BOT_TOKEN: TOKEN,
    BOT_INFO: JSON.stringify(bot),
    TELEGRAM_API_ROOT: telegram.apiRoot,
    WEBHOOK_SECRET: SECRET,
    DATABASE_URL: database.url,
    APP_SECRET,
    STAFF_CHAT_ID: String(STAFF_CHAT),
    STAFF_LANGUAGE: "en",
    LOG_LEVEL: "info",
  });
}

async function stopWorker(): Promise<void> {
  await worker?.stop();
  telegram?.close();
  await database?.close();
}

let updateId = 70_000;
function message(userId: number, text: string) {
  updateId++;
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: "private" },
      from: { id: userId, is_bot: false, first_name: "A", language_code: "en" },
      text,
      ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] } : {}),
    },
  };
}
const post = (update: unknown, secret: string | null = SECRET) =>
  fetch(`${worker.base}/telegram/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret ? { "X-Telegram-Bot-Api-Secret-Token": secret } : {}) },
    body: JSON.stringify(update),
  });
const sentTo = (chatId: number, since = 0) =>
  telegram.api.callsSince(since).filter((c) => c.method === "sendMessage" && c.payload.chat_id === chatId);

describe.runIf(process.env.TEST_DB === "postgres")("the Worker in workerd (npm run dev:worker)", () => {
  beforeAll(startWorker, 300_000);
  afterAll(stopWorker, 60_000);

  it("/healthz: up, with the database reached through the Hyperdrive binding", async () => {
    const response = await fetch(`${worker.base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "up" });
  });

  it("answers 401 to an update without the secret, and sends nothing", async () => {
    const mark = telegram.api.calls.length;
    expect((await post(message(9_100_001, "/start"), null)).status).toBe(401);
    expect((await post(message(9_100_001, "/start"), "wrong_secret_0000000000")).status).toBe(401);
    expect(telegram.api.callsSince(mark)).toEqual([]);
  });

  it("/start is answered once; the same update delivered again is not answered twice; getMe is never called", async () => {
    const child = 9_100_002;
    const start = message(child, "/start");
    const first = await post(start);
    expect(first.status).toBe(200);
    const answers = sentTo(child);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.payload).toMatchObject({ chat_id: child, text: common.en.onboarding.welcome, parse_mode: "HTML" });

    // Telegram redelivers when it did not see the 200 in time.
    expect((await post(start)).status).toBe(200);
    expect(sentTo(child)).toHaveLength(1);
    expect(await database.prisma.processedUpdate.findUnique({ where: { updateId: BigInt(start.update_id) } })).toMatchObject({
      done: true,
    });
    // The identity came from BOT_INFO: not one getMe, however many updates.
    expect(telegram.api.calls.filter((c) => c.method === "getMe")).toEqual([]);
  });

  it("what an update queues reaches the staff group after the answer (waitUntil), without a cron", async () => {
    const child = 9_100_003;
    const mark = telegram.api.calls.length;
    expect((await post(message(child, "i want to kill myself"))).status).toBe(200);
    expect(String(sentTo(child, mark)[0]?.payload.text)).toContain(listen.en.crisis.suicide);
    const alert = await worker.until(() => sentTo(STAFF_CHAT, mark)[0], "the staff alert");
    expect(String(alert.payload.text)).toContain(staffTexts.signal_suicide);
    await worker.until(
      async () => (await database.prisma.outboxMessage.count({ where: { status: "PENDING" } })) === 0,
      "the outbox to be empty",
    );
  });

  it("the Cron Trigger's handler sends what the outbox holds", async () => {
    const outbox = createOutbox({ db: database.prisma, sealer: createSealer(APP_SECRET) });
    await outbox.enqueue(database.prisma, {
      key: "worker-test:cron",
      target: { to: "staff" },
      method: "sendMessage",
      payload: { text: "Queued while no update came" },
    });
    const mark = telegram.api.calls.length;
    // Nothing runs in the Worker between requests: the row waits for the trigger.
    expect(sentTo(STAFF_CHAT, mark)).toEqual([]);
    const ran = await fetch(`${worker.base}/__scheduled?cron=${encodeURIComponent("* * * * *")}`);
    expect(ran.status).toBe(200);
    const sent = await worker.until(() => sentTo(STAFF_CHAT, mark)[0], "the cron's send");
    expect(sent.payload.text).toBe("Queued while no update came");
    await worker.until(
      async () => (await database.prisma.outboxMessage.findUnique({ where: { key: "worker-test:cron" } }))?.status === "SENT",
      "the row to be marked sent",
    );
  });

  it("one chat's updates arriving together are each answered once (per-chat order inside the isolate and in the database)", async () => {
    const child = 9_100_005;
    expect((await post(message(child, "/start"))).status).toBe(200);
    const mark = telegram.api.calls.length;
    const updates = Array.from({ length: 5 }, () => message(child, "/help"));
    const statuses = await Promise.all(updates.map(async (u) => (await post(u)).status));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(sentTo(child, mark)).toHaveLength(5);
    expect(worker.log()).not.toMatch(/different request context|Cannot perform I\/O/);
  });

  it("builds the app once per isolate, not per request", async () => {
    for (let i = 0; i < 3; i++) expect((await post(message(9_100_004, "/help"))).status).toBe(200);
    // Every test above sent requests too: one isolate, one app.
    expect(worker.log().match(/app built for this isolate/g)).toHaveLength(1);
  });

  it("npm run telegram:webhook points Telegram at the Worker with the secret, registers the menu, prints BOT_INFO", async () => {
    const mark = telegram.api.calls.length;
    const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "telegram:webhook", "--", worker.base], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        BOT_TOKEN: TOKEN,
        WEBHOOK_SECRET: SECRET,
        TELEGRAM_API_ROOT: telegram.apiRoot,
      },
    });
    const calls = telegram.api.callsSince(mark);
    expect(calls.filter((c) => c.method === "setWebhook").map((c) => c.payload)).toEqual([
      {
        url: `${worker.base}/telegram/webhook`,
        secret_token: SECRET,
        allowed_updates: ["message", "callback_query"],
        drop_pending_updates: false,
      },
    ]);
    expect(calls.filter((c) => c.method === "setMyCommands")).toHaveLength(4); // the default menu and kk, ru, en
    expect(JSON.parse(stdout.split("BOT_INFO=")[1]!)).toEqual(bot);
  });
});
