// The test harness, in the style of grammY's own tests: real Update JSON goes through the real
// webhook (app.http.request), and the in-process Bot API records every outgoing call.
import { Writable } from "node:stream";
import type { InlineKeyboardButton } from "grammy/types";
import { createApp, type App } from "../../src/app.ts";
import { createConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import { createSharpImageCleaner } from "../../src/entry/sharp-image-cleaner.ts";
import { createFakeBotApi, type ChatMessage, type FakeBotApi, type RecordedCall } from "../../src/simulator/fake-bot-api.ts";
import { createUpdateFactory, type SimulatedUser, type UpdateFactory } from "../../src/simulator/updates.ts";
import type { Db } from "../../src/db/client.ts";
import { openTestDatabase, type TestDatabase } from "./database.ts";
import { botIdentity } from "../../src/simulator/bot-info.ts";

export const TEST_APP_SECRET = "test-secret-0123456789abcdef0123456789abcdef";
export const TEST_WEBHOOK_SECRET = "test_webhook_secret_123456";

export const botInfo = botIdentity(42_000_001, "Bala Help", "bala_help_test_bot");

export interface Harness {
  app: App;
  api: FakeBotApi;
  updates: UpdateFactory;
  db: Db;
  database: TestDatabase;
  /** Every JSON log line written so far. */
  logs: string[];
  /** POSTs an Update to the webhook as Telegram would; returns the HTTP status. */
  deliver(update: unknown, secret?: string): Promise<Response>;
  user(profile: Partial<SimulatedUser> & { id: number }): TestUser;
  /** A staff member writing in the staff group. */
  staff(profile: Partial<SimulatedUser> & { id: number }, groupId: number): TestUser;
  /** Builds another app on the same database and Bot API: a restarted server. */
  restart(): Harness;
  close(): Promise<void>;
}

export async function createHarness(options: { database?: TestDatabase; env?: Record<string, string> } = {}): Promise<Harness> {
  const database = options.database ?? (await openTestDatabase());
  const api = createFakeBotApi(botInfo, "http://bot-api.test");
  const logs: string[] = [];
  const build = (): Harness => {
    const config = createConfig({
      NODE_ENV: "test",
      WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      APP_SECRET: TEST_APP_SECRET,
      SIMULATOR: "off",
      LOG_LEVEL: "info",
      // Tests tap faster than any child; the flood guard has its own test.
      FLOOD_LIMIT: "10000",
      ...options.env,
    });
    const logger = createLogger("info", new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) }));
    const app = createApp({
      config: { ...config, appSecret: TEST_APP_SECRET },
      db: database.prisma,
      logger,
      botApi: api,
      images: createSharpImageCleaner(),
    });
    const harness: Harness = {
      app,
      api,
      updates,
      db: database.prisma,
      database,
      logs,
      deliver: async (update, secret = TEST_WEBHOOK_SECRET) => {
        const response = await app.http.request("/telegram/webhook", {
          method: "POST",
          headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
          body: typeof update === "string" ? update : JSON.stringify(update),
        });
        // What the update queued (staff posts, notifications) goes out before the test looks.
        await app.dispatcher.drain().catch(() => undefined);
        return response;
      },
      user: (profile) => new TestUser(harness, { first_name: "Test", ...profile }),
      staff: (profile, groupId) => new TestUser(harness, { first_name: "Staff", ...profile }, { chatId: groupId }),
      restart: build,
      close: () => database.close(),
    };
    return harness;
  };
  const updates = createUpdateFactory(api, 1);
  return build();
}

/** One simulated person talking to the bot in a private chat. */
export class TestUser {
  constructor(
    private readonly h: Harness,
    readonly profile: SimulatedUser,
    /** A group chat this person writes in (staff), instead of their private chat. */
    private readonly place: { chatId?: number } = {},
  ) {}

  get chatId(): number {
    return this.place.chatId ?? this.profile.id;
  }

  /** Sends text (or a /command) and returns the Bot API calls it caused. */
  async send(text: string, options: { replyTo?: number } = {}): Promise<RecordedCall[]> {
    return this.deliver(this.h.updates.text(this.profile, text, { ...this.place, ...options }));
  }

  /** Taps the button with this exact label on the newest bot message that has it. */
  async press(label: string): Promise<RecordedCall[]> {
    const { message, button } = this.findButton(label);
    return this.deliver(this.h.updates.press(this.profile, message.message_id, button.callback_data, this.place));
  }

  /** The Update a tap on this button makes, without delivering it (to deliver it twice, as Telegram may). */
  pressUpdate(label: string): unknown {
    const { message, button } = this.findButton(label);
    return this.h.updates.press(this.profile, message.message_id, button.callback_data, this.place);
  }

  /** Taps a button by its raw callback data on a given message (e.g. an old one). */
  async pressData(messageId: number, data: string): Promise<RecordedCall[]> {
    return this.deliver(this.h.updates.press(this.profile, messageId, data, this.place));
  }

  async deliver(update: unknown): Promise<RecordedCall[]> {
    const mark = this.h.api.calls.length;
    const res = await this.h.deliver(update);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
    return this.h.api.callsSince(mark);
  }

  /** The chat as the child sees it now (deleted messages gone). */
  chat(): ChatMessage[] {
    return this.h.api.messages(this.chatId).filter((m) => !m.deleted);
  }

  lastBotMessage(): ChatMessage {
    const m = this.chat()
      .filter((x) => x.from === "bot")
      .at(-1);
    if (!m) throw new Error("the bot has not written in this chat");
    return m;
  }

  /** Labels of the inline buttons under the newest bot message. */
  buttons(): string[] {
    return (this.lastBotMessage().reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);
  }

  private findButton(label: string): { message: ChatMessage; button: InlineKeyboardButton.CallbackButton } {
    for (const message of this.chat()
      .filter((m) => m.from === "bot")
      .reverse()) {
      const button = message.reply_markup?.inline_keyboard.flat().find((b) => b.text === label);
      if (button && "callback_data" in button) return { message, button };
    }
    throw new Error(`no button "${label}" in the chat; last buttons: ${JSON.stringify(this.buttons())}`);
  }
}
