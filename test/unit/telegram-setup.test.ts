// Telegram not answering when the server starts: the setup is tried again in the background and
// nothing exits (a crash here once took the whole server down right after it began listening).
import { describe, expect, it } from "vitest";
import { Bot } from "grammy";
import { createFakeBotApi } from "../../src/simulator/fake-bot-api.ts";
import { botIdentity } from "../../src/simulator/bot-info.ts";
import { connectTelegram } from "../../src/entry/telegram-setup.ts";
import { createLogger } from "../../src/logger.ts";
import type { App } from "../../src/app.ts";
import type { BotContext } from "../../src/bot/context.ts";

const botInfo = botIdentity(7_100_000_001, "Setup", "setup_bot");

function setUp() {
  const api = createFakeBotApi(botInfo);
  const bot = new Bot<BotContext>("7100000001:AAsetupToken", {
    botInfo,
    client: { apiRoot: api.apiRoot, fetch: api.fetch as typeof fetch },
  });
  const lines: string[] = [];
  const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
  const waits: number[] = [];
  const app = { bot, botApi: undefined, webhookSecret: "setup_secret_0001" } as unknown as Pick<App, "bot" | "botApi" | "webhookSecret">;
  return { api, app, lines, logger, waits, wait: async (ms: number) => void waits.push(ms) };
}

describe("Telegram setup at start", () => {
  it("tries again with growing waits after resets and 502s, then registers the commands and the webhook", async () => {
    const s = setUp();
    s.api.failNext("setMyCommands", { reset: true }, 2);
    s.api.failNext("setWebhook", { error_code: 502, description: "Bad Gateway" }, 1);
    const setup = connectTelegram(
      s.app,
      { botToken: "7100000001:AAsetupToken", botMode: "webhook", publicUrl: "https://bot.example.org/" },
      s.logger,
      s.wait,
    );
    await setup.done;
    expect(s.waits).toEqual([1_000, 2_000, 4_000]);
    const webhook = s.api.calls.filter((c) => c.method === "setWebhook").at(-1)!;
    expect(webhook.payload).toMatchObject({ url: "https://bot.example.org/telegram/webhook", secret_token: "setup_secret_0001" });
    expect(s.api.calls.filter((c) => c.method === "setMyCommands").length).toBeGreaterThanOrEqual(4);
    const warnings = s.lines.map((l) => JSON.parse(l) as { level: number; msg: string; attempt?: number }).filter((l) => l.level === 40);
    expect(warnings.map((w) => w.attempt)).toEqual([1, 2, 3]);
    // The token never reaches the logs, even inside an error's message.
    expect(s.lines.join("\n")).not.toContain("AAsetupToken");
  });

  it("stops trying once the server stops", async () => {
    const s = setUp();
    s.api.failNext("setMyCommands", { reset: true }, 1000);
    let stop: () => Promise<void> = async () => {};
    const setup = connectTelegram(
      s.app,
      { botToken: "7100000001:AAsetupToken", botMode: "webhook", publicUrl: "https://bot.example.org" },
      s.logger,
      async (ms) => {
        s.waits.push(ms);
        if (s.waits.length === 3) await stop();
      },
    );
    stop = setup.stop;
    await setup.done;
    expect(s.waits).toEqual([1_000, 2_000, 4_000]);
    expect(s.api.calls.some((c) => c.method === "setWebhook")).toBe(false);
  });
});
