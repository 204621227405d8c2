// The real Node server as a process, talking to a fake Bot API over HTTP: SIGTERM finishes the
// updates in flight before it exits; after SIGKILL, Telegram's redelivery to the restarted server
// is handled, not skipped.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeBotApi } from "../../src/simulator/fake-bot-api.ts";
import { botIdentity } from "../../src/simulator/bot-info.ts";
import { listen } from "../harness/locales.ts";
import { testDatabaseKind } from "../harness/database.ts";
import {
  killStartedServers,
  serveFakeTelegram,
  startServer as startProcess,
  throwawayPostgres,
  type ServerProcess,
} from "../harness/server-process.ts";

const SECRET = "shutdown_test_secret_0001";
const TOKEN = "4242:AAShutdownTestToken_0123456789abcdefghij";
const api = createFakeBotApi(botIdentity(4242, "Bala Help", "bala_help_shutdown_bot"), "http://127.0.0.1");
let telegram: { apiRoot: string; close(): void };
let dataDir = "";
/** On the PostgreSQL project: a throwaway database of its own, like every other test file's. */
let database: { url: string; drop(): Promise<void> } | undefined;
let lastServer: ServerProcess | undefined;
const serverLog = () => lastServer?.log() ?? "";

beforeAll(async () => {
  telegram = await serveFakeTelegram(api);
  dataDir = await mkdtemp(join(tmpdir(), "bala-shutdown-"));
  if (testDatabaseKind() === "postgres") database = await throwawayPostgres("bala_shutdown");
});
afterAll(async () => {
  killStartedServers();
  await database?.drop();
  telegram.close();
  await rm(dataDir, { recursive: true, force: true });
});

type Server = ServerProcess;

/** Starts `npm start`'s entry on its own port, with this test's fake Telegram and database. */
async function startServer(): Promise<Server> {
  lastServer = await startProcess({
    NODE_ENV: "test",
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    WEBHOOK_SECRET: SECRET,
    APP_SECRET: "shutdown-app-secret-0123456789abcdef0123456789",
    LOG_LEVEL: "info",
    SIMULATOR: "off",
    UPDATE_HOLD_SECONDS: "1",
    ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir }),
  });
  return lastServer;
}

let updateId = 1_000;
function disclosure(userId: number) {
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: "private" },
      from: { id: userId, is_bot: false, first_name: "A", language_code: "en" },
      text: "my dad hits me every day",
    },
  };
}
const post = (server: Server, update: unknown) =>
  fetch(`http://127.0.0.1:${server.port}/telegram/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
    body: JSON.stringify(update),
  });
const answered = (userId: number, since = 0) =>
  api
    .callsSince(since)
    .filter(
      (c) => c.method === "sendMessage" && c.payload.chat_id === userId && String(c.payload.text).startsWith(listen.en.disclosure.ack),
    );

describe("the Node server as a process", () => {
  it("SIGTERM: the 10 updates in flight all finish (200, the child answered) before it exits", { timeout: 180_000 }, async () => {
    const server = await startServer();
    const users = Array.from({ length: 10 }, (_, i) => 8_800_000 + i);
    // Telegram answers slowly, so the updates are still running when the signal comes.
    api.failNext("sendMessage", { delayMs: 1_500 }, 10);
    const sent = users.map((u) => post(server, disclosure(u)));
    // Wait until every update has reached Telegram (its answer is on the way), then stop.
    const deadline = Date.now() + 30_000;
    while (
      api.calls.filter((c) => c.method === "sendMessage" && users.includes(Number(c.payload.chat_id))).length < 10 &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 20));
    server.process.kill("SIGTERM");
    const statuses = await Promise.all(
      sent.map((p) =>
        p.then(
          (r) => r.status,
          (e: unknown) => String(e),
        ),
      ),
    );
    expect(statuses, serverLog()).toEqual(users.map(() => 200));
    for (const u of users) expect(answered(u)).toHaveLength(1);
    expect(await server.exited).toBe(0);
  });

  it("SIGKILL mid-update: the redelivery to the restarted server is handled, not skipped", { timeout: 180_000 }, async () => {
    const server = await startServer();
    const userId = 8_900_001;
    const update = disclosure(userId);
    api.failNext("sendMessage", { hang: true });
    const first = post(server, update).then(
      (r) => r.status,
      () => 0,
    );
    const deadline = Date.now() + 30_000;
    while (!api.calls.some((c) => c.method === "sendMessage" && c.payload.chat_id === userId) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    server.process.kill("SIGKILL");
    expect(await first).toBe(0); // no answer: Telegram will deliver it again
    await server.exited;

    const mark = api.calls.length;
    const restarted = await startServer();
    try {
      // The dead process's claim is taken over once it is older than UPDATE_HOLD_SECONDS.
      let status = 0;
      for (let i = 0; i < 200 && status !== 200; i++) {
        status = (await post(restarted, update)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe(200);
      expect(answered(userId, mark)).toHaveLength(1);
      // Delivered once more, it is a duplicate: nothing is sent again.
      expect((await post(restarted, update)).status).toBe(200);
      expect(answered(userId, mark)).toHaveLength(1);
    } finally {
      restarted.process.kill("SIGTERM");
      await restarted.exited;
    }
  });
});
