// Two real server processes started at the same moment on one new, empty PostgreSQL database (two
// replicas after a deploy): the migrations are applied once, both serve, and an update Telegram
// delivers to both is answered once. PostgreSQL only: the embedded database is one process's.
import { readdir } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeBotApi } from "../../src/simulator/fake-bot-api.ts";
import { botIdentity } from "../../src/simulator/bot-info.ts";
import { testDatabaseKind } from "../harness/database.ts";
import { killStartedServers, serveFakeTelegram, startServer, throwawayPostgres, type ServerProcess } from "../harness/server-process.ts";

const SECRET = "two_servers_secret_000001";
const api = createFakeBotApi(botIdentity(4343, "Bala Help", "bala_help_two_bot"), "http://127.0.0.1");
let telegram: { apiRoot: string; close(): void } | undefined;
let database: { url: string; drop(): Promise<void> } | undefined;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  if (testDatabaseKind() !== "postgres") return;
  telegram = await serveFakeTelegram(api);
  database = await throwawayPostgres("bala_two");
});
afterAll(async () => {
  for (const s of servers) s.process.kill("SIGTERM");
  await Promise.all(servers.map((s) => s.exited));
  killStartedServers();
  await database?.drop();
  telegram?.close();
});

describe.runIf(testDatabaseKind() === "postgres")("two server processes on one PostgreSQL", () => {
  it("started at the same moment on an empty database, both serve and the migrations ran once", { timeout: 240_000 }, async () => {
    const env = {
      NODE_ENV: "test",
      BOT_TOKEN: "4343:AATwoServersToken_0123456789abcdefghijkl",
      TELEGRAM_API_ROOT: telegram!.apiRoot,
      WEBHOOK_SECRET: SECRET,
      APP_SECRET: "two-servers-app-secret-0123456789abcdef0123456789",
      LOG_LEVEL: "info",
      SIMULATOR: "off",
      DATABASE_URL: database!.url,
    };
    servers.push(...(await Promise.all([startServer(env, 180_000), startServer(env, 180_000)])));
    for (const s of servers) expect(s.process.exitCode, s.log()).toBeNull();

    const folders = (await readdir("prisma/migrations", { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    const client = new pg.Client({ connectionString: database!.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string; finished_at: Date | null }>(
        `SELECT migration_name, finished_at FROM _prisma_migrations`,
      );
      expect(rows.map((r) => r.migration_name).sort()).toEqual(folders.sort());
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    } finally {
      await client.end();
    }
  });

  it("an update delivered to both processes at once is answered once", { timeout: 60_000 }, async () => {
    const userId = 8_950_001;
    const update = {
      update_id: 77_001,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: userId, type: "private" },
        from: { id: userId, is_bot: false, first_name: "A", language_code: "en" },
        text: "/help",
        entities: [{ type: "bot_command", offset: 0, length: 5 }],
      },
    };
    const post = (s: ServerProcess) =>
      fetch(`http://127.0.0.1:${s.port}/telegram/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
        body: JSON.stringify(update),
      }).then((r) => r.status);
    expect(await Promise.all(servers.map(post))).toEqual([200, 200]);
    const sent = api.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === userId);
    expect(sent, JSON.stringify(sent)).toHaveLength(1);
  });
});
