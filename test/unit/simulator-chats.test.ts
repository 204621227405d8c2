// The simulator keeps its chats, and the files children sent, across a restart of the server:
// in DATA_DIR/simulator, simulator state only.
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeBotApi } from "../../src/simulator/fake-bot-api.ts";
import { botIdentity } from "../../src/simulator/bot-info.ts";
import { simulatorChatsIn } from "../../src/entry/simulator-chats.ts";
import { createLogger } from "../../src/logger.ts";

const bot = botIdentity(1000000001, "Bala Help (simulator)", "bala_help_simulator_bot");
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const call = async (api: ReturnType<typeof createFakeBotApi>, method: string, payload: object) =>
  (await (await api.fetch(`${api.apiRoot}/bot1:x/${method}`, { method: "POST", body: JSON.stringify(payload) })).json()) as {
    ok: boolean;
    result: Record<string, unknown>;
  };

describe("the simulator's chats", () => {
  it("come back after a restart, with message ids that go on and files the bot can still fetch", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sim-chats-"));
    dirs.push(dir);
    const first = simulatorChatsIn(dir, createLogger("silent"));
    const api = createFakeBotApi(bot, undefined, first);
    api.addUserMessage(7100003, "/start", 1_700_000_000);
    await call(api, "sendMessage", {
      chat_id: 7100003,
      text: "Hi! 👋",
      reply_markup: { inline_keyboard: [[{ text: "Next", callback_data: "f:1" }]] },
    });
    const photo = api.files.add(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), { kind: "photo" });
    api.addUserFile(7100003, photo, "this is what happened", 1_700_000_100);
    first.flush();
    expect(statSync(join(dir, "simulator", "chats.json")).mode & 0o077).toBe(0);
    expect(readdirSync(join(dir, "simulator", "files"))).toEqual([photo.fileId]);

    // A new process: the same folder, a new in-process Bot API.
    const again = createFakeBotApi(bot, undefined, simulatorChatsIn(dir, createLogger("silent")));
    const chat = again.messages(7100003);
    expect(chat.map((m) => [m.from, m.text ?? m.caption])).toEqual([
      ["user", "/start"],
      ["bot", "Hi! 👋"],
      ["user", "this is what happened"],
    ]);
    expect(chat[1]!.reply_markup?.inline_keyboard[0]![0]!.text).toBe("Next");
    const last = chat.at(-1)!.message_id;
    const next = await call(again, "sendMessage", { chat_id: 7100003, text: "Welcome back" });
    expect(next.result.message_id).toBe(last + 1);

    const info = await call(again, "getFile", { file_id: photo.fileId });
    expect(info.result).toMatchObject({ file_id: photo.fileId, file_size: 7, file_path: photo.filePath });
    const bytes = new Uint8Array(await (await again.fetch(`${again.apiRoot}/file/bot1:x/${photo.filePath}`)).arrayBuffer());
    expect([...bytes]).toEqual([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    expect((await again.fetch(`${again.apiRoot}/file/bot1:x/photos/file_99.jpg`)).status).toBe(404);
  });

  it("start empty when there is nothing saved, and tests keep none", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sim-chats-"));
    dirs.push(dir);
    expect(simulatorChatsIn(dir, createLogger("silent")).initial).toBeUndefined();
    const api = createFakeBotApi(bot);
    expect((await call(api, "getFile", { file_id: "nope" })).ok).toBe(false);
  });
});
