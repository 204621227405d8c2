// `npm start` runs the compiled server (scripts/build-server.mjs → dist/node/server.mjs), not the
// TypeScript sources. The bundle must be the same product: it starts (migrations found from the
// bundle's location, locales and flows inlined), answers a child through a fake Telegram over
// HTTP, uses node:crypto where the sources' default is Web Crypto without changing a byte of
// what it stores, and stops cleanly on SIGTERM.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeBotApi } from "../../src/simulator/fake-bot-api.ts";
import { botIdentity } from "../../src/simulator/bot-info.ts";
import { createPseudonymizer } from "../../src/domain/privacy/pseudonym.ts";
import { openDatabase, type OpenDatabase } from "../../src/db/client.ts";
import { testDatabaseKind } from "../harness/database.ts";
import { common } from "../harness/locales.ts";
import { freePort, serveFakeTelegram, throwawayPostgres } from "../harness/server-process.ts";

const SECRET = "compiled_test_secret_0001";
const TOKEN = "4343:AACompiledTestToken_0123456789abcdefghij";
const APP_SECRET = "compiled-app-secret-0123456789abcdef0123456789";
const api = createFakeBotApi(botIdentity(4343, "Bala Help", "bala_help_compiled_bot"), "http://127.0.0.1");
let telegram: { apiRoot: string; close(): void };
let dataDir = "";
let database: { url: string; drop(): Promise<void> } | undefined;
/** Killed after the tests whatever happened, so that a failed assertion leaves no server running. */
let server: ChildProcess | undefined;

beforeAll(async () => {
  telegram = await serveFakeTelegram(api);
  dataDir = await mkdtemp(join(tmpdir(), "bala-compiled-"));
  if (testDatabaseKind() === "postgres") database = await throwawayPostgres("bala_compiled");
  // What `npm start` runs first (prestart): builds only when a source changed since the last build.
  execFileSync(process.execPath, ["scripts/build-server.mjs", "--if-changed"], { stdio: "pipe" });
}, 120_000);
afterAll(async () => {
  if (server && server.exitCode === null) server.kill("SIGKILL");
  await database?.drop();
  telegram.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("the compiled server (npm start)", () => {
  it(
    "starts, answers /start through Telegram, stores the same pseudonym as the sources would, and stops on SIGTERM",
    { timeout: 240_000 },
    async () => {
      const port = await freePort();
      const env = {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "test",
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        WEBHOOK_SECRET: SECRET,
        APP_SECRET,
        LOG_LEVEL: "info",
        SIMULATOR: "off",
        PORT: String(port),
        ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir }),
      };
      const child = spawn(process.execPath, ["--enable-source-maps", "dist/node/server.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
      server = child;
      let output = "";
      child.stdout.on("data", (c: Buffer) => (output += c.toString()));
      child.stderr.on("data", (c: Buffer) => (output += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      const deadline = Date.now() + 180_000;
      while (
        !(await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the compiled server did not start:\n${output.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }

      const userId = 8_700_001;
      const update = {
        update_id: 5_000,
        message: {
          message_id: 1,
          date: Math.floor(Date.now() / 1000),
          chat: { id: userId, type: "private" },
          from: { id: userId, is_bot: false, first_name: "A", language_code: "en" },
          text: "/start",
          entities: [{ type: "bot_command", offset: 0, length: 6 }],
        },
      };
      const response = await fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
        body: JSON.stringify(update),
      });
      expect(response.status, output.slice(-2000)).toBe(200);
      const sent = api.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === userId);
      expect(sent.map((c) => c.payload.text)).toEqual([common.en.onboarding.welcome]);

      child.kill("SIGTERM");
      expect(await exited, output.slice(-2000)).toBe(0);

      // The child is known by the pseudonym Web Crypto derives, though the server used node:crypto.
      let db: OpenDatabase | undefined;
      try {
        db = await openDatabase(database ? { kind: "postgres", url: database.url } : { kind: "pglite", dataDir: join(dataDir, "pglite") });
        const sessions = await db.prisma.session.findMany({ select: { key: true } });
        const pseudonym = await createPseudonymizer(APP_SECRET).forUser(userId);
        expect(
          sessions.some((s) => s.key.includes(pseudonym)),
          JSON.stringify(sessions),
        ).toBe(true);
      } finally {
        await db?.close();
      }
    },
  );
});
