// Sends what the outbox holds: bounded retries with backoff, Telegram's retry_after honoured,
// one message per chat per round, and each staff group kept within its per-minute budget (shared
// by every instance, counted in the database). Non-urgent report posts that would overrun the
// budget go out together in one digest message that never outgrows Telegram's limit. With
// STAFF_CHATS a staff row names its group by region key; the desk says which chat that is.
import { GrammyError, HttpError, type Api } from "grammy";
import type { Logger } from "../logger.js";
import { errorSummary } from "../logger.js";
import type { ClaimedMessage, Outbox } from "../domain/outbox/outbox.js";
import type { ReportService } from "../domain/reports/reports.js";
import type { StaffDesk } from "./staff/desk.js";
import type { ChatGate } from "../domain/gate/chat-gate.js";

export interface DispatcherOptions {
  outbox: Outbox;
  api: Api;
  staff: StaffDesk;
  reports: ReportService;
  logger: Logger;
  /** Each staff group's budget; Telegram allows about 20 messages a minute in a group. */
  staffPostsPerMinute: number;
  /** One round at a time across every instance, so the group budget and each chat's order hold. */
  gate: ChatGate;
}

const BATCH = 20;
/** The round's lease outlives an instance that died mid-round by this much. */
const ROUND_LEASE_MS = 60_000;
/** A round stops sending well before its lease runs out; what is left goes next round. */
const ROUND_BUDGET_MS = 30_000;
const ROUND_KEY = "outbox";
const MAX_BACKOFF_MS = 10 * 60_000;
/** Telegram answers 400 with these when an edit or delete has nothing left to do. */
const ALREADY_DONE = ["message is not modified", "message to delete not found"];
/** Telegram answers these when sending again can never work (the chat or message is gone). */
const HOPELESS = [
  "chat not found",
  "bot was blocked",
  "user is deactivated",
  "message to edit not found",
  "message can't be edited",
  "have no rights",
  "bot was kicked",
  "not enough rights",
];

export type Dispatcher = ReturnType<typeof createDispatcher>;

export function createDispatcher(o: DispatcherOptions) {
  let running: Promise<number> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  // Every call is bounded by the bot client's own timeout (timeoutSeconds in createBot).
  async function call(message: ClaimedMessage, chatId: number): Promise<unknown> {
    const params = { chat_id: chatId, ...message.payload };
    // The payload was built by this app for exactly this method.
    if (message.method === "sendMessage") return o.api.raw.sendMessage(params as Parameters<Api["raw"]["sendMessage"]>[0]);
    if (message.method === "editMessageText") return o.api.raw.editMessageText(params as Parameters<Api["raw"]["editMessageText"]>[0]);
    return o.api.raw.deleteMessage(params as Parameters<Api["raw"]["deleteMessage"]>[0]);
  }

  async function recordAfter(message: ClaimedMessage, result: unknown): Promise<void> {
    const messageId = (result as { message_id?: number } | undefined)?.message_id;
    if (!message.after || typeof messageId !== "number") return;
    if (message.after.kind === "report_post") await o.reports.setStaffMessage(message.after.reportId, messageId);
    else await o.reports.recordStaffPost(message.after.reportId, messageId);
  }

  async function deliver(message: ClaimedMessage): Promise<void> {
    const chatId = message.target === "staff" ? o.staff.chatFor(message.staffChat) : message.chatId;
    if (chatId === undefined) return o.outbox.dead(message.id, "no chat to send to");
    try {
      const result = await call(message, chatId);
      await o.outbox.sent(message.id);
      await recordAfter(message, result);
      // Sent is sent: a failure to log it must not send the post again.
      if (message.target === "staff")
        await o.staff
          .delivered(message)
          .catch((e: unknown) =>
            o.logger.error({ err: errorSummary(e), key: message.key }, "a staff post that showed a child's words was not logged"),
          );
    } catch (error) {
      await failed(message, error);
    }
  }

  async function failed(message: ClaimedMessage, error: unknown): Promise<void> {
    const { name, message: text } = errorSummary(error);
    const summary = `${name}: ${text}`;
    if (error instanceof GrammyError) {
      const description = error.description.toLowerCase();
      if (ALREADY_DONE.some((d) => description.includes(d))) return o.outbox.sent(message.id);
      if (error.error_code === 429) {
        // Telegram says when to come back; that wait is not the message's fault.
        const seconds = error.parameters.retry_after ?? 5;
        await o.outbox.retry(message, summary, seconds * 1000, { countsAsAttempt: false });
        return;
      }
      if (
        error.error_code === 403 ||
        HOPELESS.some((d) => description.includes(d)) ||
        (error.error_code >= 400 && error.error_code < 500)
      ) {
        o.logger.error({ err: summary, key: message.key }, "outbox message can never be delivered (dead letter)");
        return o.outbox.dead(message.id, summary);
      }
    } else if (!(error instanceof HttpError) && !(error instanceof Error && error.name === "TimeoutError")) {
      o.logger.error({ err: summary, key: message.key }, "outbox message failed unexpectedly");
    }
    // 5xx, network errors and timeouts: try again later, backing off, a bounded number of times.
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** message.attempts);
    if ((await o.outbox.retry(message, summary, delay)) === "dead")
      o.logger.error({ err: summary, key: message.key }, "outbox message gave up after retries (dead letter)");
  }

  /** The last post of a group's minute: its waiting non-urgent report posts, in one message. */
  async function sendDigest(group: { chatId: number; keys: (string | undefined)[] }): Promise<void> {
    const waiting = await o.outbox.waitingDigestLines(200, group.keys);
    if (waiting.length === 0) return;
    const { text, used } = o.staff.digest(waiting.map((w) => w.digestLine));
    const ids = waiting.slice(0, used).map((w) => w.id);
    try {
      await o.api.raw.sendMessage({ chat_id: group.chatId, text, parse_mode: "HTML" });
      await o.outbox.sentInDigest(ids);
      await o.outbox.recordDigest(ids.length, group.keys[0]);
    } catch (error) {
      o.logger.warn({ err: errorSummary(error) }, "staff digest not sent; its reports stay queued");
    }
  }

  /**
   * One round: whatever is due now. Each staff group's minute budget goes to posts of their own
   * while more than one is left; the last one is a digest of the group's non-urgent report posts
   * still waiting; past the budget only urgent posts go out (Telegram's own 429 is then honoured).
   */
  async function round(): Promise<number> {
    const holder = crypto.randomUUID();
    // Another instance is sending: it takes what is due, this one waits for the next tick.
    if (!(await o.gate.take(ROUND_KEY, holder, ROUND_LEASE_MS))) return 0;
    try {
      return await roundHeld(Date.now() + ROUND_BUDGET_MS);
    } finally {
      await o.gate
        .release(ROUND_KEY, holder)
        .catch((e: unknown) => o.logger.warn({ err: errorSummary(e) }, "outbox round lease not released; it runs out by itself"));
    }
  }

  async function roundHeld(deadline: number): Promise<number> {
    // Posts used this minute, by chat (several region keys may share one group).
    const used = new Map<number, number>();
    for (const { chat, count } of await o.outbox.staffSentLastMinute()) {
      const id = o.staff.chatFor(chat);
      if (id !== undefined) used.set(id, (used.get(id) ?? 0) + count);
    }
    const left = (id: number) => o.staffPostsPerMinute - (used.get(id) ?? 0);
    const claimed = await o.outbox.claim(BATCH);
    const chatsThisRound = new Set<string>();
    for (const message of claimed) {
      if (Date.now() > deadline) {
        await o.outbox.release(message.id, new Date());
        continue;
      }
      const staffChat = message.target === "staff" ? o.staff.chatFor(message.staffChat) : undefined;
      const chat = message.target === "staff" ? `staff:${staffChat}` : String(message.chatId);
      if (message.target === "staff") {
        if (staffChat !== undefined) {
          const staffLeft = left(staffChat);
          const ownPost = message.rank === 0 || staffLeft > 1 || (staffLeft === 1 && !message.digestLine);
          if (!ownPost) {
            await o.outbox.release(message.id, new Date(Date.now() + 5000));
            continue;
          }
          used.set(staffChat, (used.get(staffChat) ?? 0) + 1);
        }
      } else if (chatsThisRound.has(chat)) {
        await o.outbox.release(message.id, new Date(Date.now() + 1000)); // about one message a second per chat
        continue;
      }
      chatsThisRound.add(chat);
      await deliver(message);
    }
    for (const group of o.staff.groups()) if (left(group.chatId) === 1) await sendDigest(group);
    return claimed.length;
  }

  return {
    /** Sends what is due; concurrent calls share one round. */
    async runOnce(): Promise<number> {
      running ??= round().finally(() => (running = undefined));
      return running;
    },
    /** Keeps sending until nothing is due (tests, shutdown), at most `rounds` rounds. */
    async drain(rounds = 20): Promise<void> {
      for (let i = 0; i < rounds; i++) if ((await this.runOnce()) === 0) return;
    },
    /** Node: a round every `ms`, and after each update (kick). */
    start(ms = 1000): void {
      timer ??= setInterval(
        () => void this.runOnce().catch((e: unknown) => o.logger.error({ err: errorSummary(e) }, "outbox round failed")),
        ms,
      );
    },
    /** After an update or a staff action: a round now, if this process queued anything. */
    kick(): void {
      if (!o.outbox.takeQueued()) return;
      void this.runOnce().catch((e: unknown) => o.logger.error({ err: errorSummary(e) }, "outbox round failed"));
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
