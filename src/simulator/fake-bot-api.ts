// An in-process stand-in for Telegram's Bot API: it answers the methods this bot uses, keeps each
// chat's messages (so edits and deletions can be shown), and records every call. The local
// simulator and the tests both point the real bot at it, through grammY's apiRoot/fetch seam.
import type { Message, MessageEntity, InlineKeyboardMarkup, UserFromGetMe } from "grammy/types";
import { createFakeFiles, type FakeFiles, type FileBytesStore, type StoredFile } from "./fake-files.js";

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
}

export interface ChatMessage {
  message_id: number;
  chat_id: number;
  from: "bot" | "user";
  date: number;
  text?: string;
  parse_mode?: string;
  entities?: MessageEntity[];
  reply_markup?: InlineKeyboardMarkup;
  edited?: boolean;
  deleted?: boolean;
  /** Set on the user's own messages, for the simulator to render replies. */
  reply_to_message_id?: number;
  /** A photo or document the user sent, with its caption. */
  attachment?: { kind: StoredFile["kind"]; fileId: string; name?: string | undefined; size: number };
  caption?: string;
}

/** Everything a chat shows, to keep the simulator's chats across restarts. */
export interface ChatSnapshot {
  nextMessageId: number;
  chats: [number, ChatMessage[]][];
  files: StoredFile[];
}

/** Where the simulator keeps its chats (DATA_DIR in the Node server); tests keep none. */
export interface ChatPersistence extends FileBytesStore {
  /** What the last run left. */
  initial: ChatSnapshot | undefined;
  /** Something changed: the store takes a snapshot when it writes (it may wait and batch). */
  changed(snapshot: () => ChatSnapshot): void;
}

/**
 * A failure Telegram (or the network) can produce: an error answer (optionally AFTER doing what
 * was asked, as a 5xx from a proxy can), a connection reset, or a call that never answers.
 */
export type InjectedFailure =
  | { error_code: number; description: string; retry_after?: number; afterDelivery?: boolean }
  | { reset: true }
  | { hang: true }
  /** Answers normally, but only after this long (a slow Telegram). */
  | { delayMs: number };

type Handler = (p: Record<string, unknown>) => unknown;

class BotApiError extends Error {
  constructor(
    readonly code: number,
    description: string,
  ) {
    super(description);
  }
}

export interface FakeBotApi {
  readonly apiRoot: string;
  readonly botInfo: UserFromGetMe;
  /** A fetch that serves `${apiRoot}/bot<token>/<method>` in-process. */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  calls: RecordedCall[];
  /** Calls made after `mark` (the index returned by `calls.length`). */
  callsSince(mark: number): RecordedCall[];
  messages(chatId: number): ChatMessage[];
  /** Adds a message written by a user, as Telegram would before delivering its update. */
  addUserMessage(chatId: number, text: string | undefined, date: number, replyTo?: number): ChatMessage;
  /** Adds a user's photo or document (already in `files`), with an optional caption. */
  addUserFile(chatId: number, file: StoredFile, caption: string | undefined, date: number): ChatMessage;
  /** Files sent to the bot: getFile and the /file/ download path serve them. */
  files: FakeFiles;
  /** Makes the next `times` calls of `method` fail as Telegram would (e.g. 429 with retry_after). */
  failNext(method: string, failure: InjectedFailure, times?: number): void;
  /** Increases whenever anything visible in a chat changes (for the simulator page to poll). */
  version(): number;
  reset(): void;
}

export function createFakeBotApi(
  botInfo: UserFromGetMe,
  apiRoot = "http://bot-api.simulator.invalid",
  persistence?: ChatPersistence,
): FakeBotApi {
  const calls: RecordedCall[] = [];
  const chats = new Map<number, ChatMessage[]>(persistence?.initial?.chats ?? []);
  const failures = new Map<string, { failure: InjectedFailure; times: number }>();
  const files = createFakeFiles(persistence);
  files.restore(persistence?.initial?.files ?? []);
  let nextMessageId = persistence?.initial?.nextMessageId ?? 1;
  let version = 0;
  const snapshot = (): ChatSnapshot => ({ nextMessageId, chats: [...chats.entries()], files: files.list() });
  const bump = () => {
    version++;
    persistence?.changed(snapshot);
  };

  const chat = (id: unknown): ChatMessage[] => {
    const key = Number(id);
    if (!Number.isSafeInteger(key)) throw new BotApiError(400, "Bad Request: chat not found");
    let list = chats.get(key);
    if (!list) chats.set(key, (list = []));
    return list;
  };
  const find = (chatId: unknown, messageId: unknown): ChatMessage => {
    const m = chat(chatId).find((x) => x.message_id === Number(messageId) && !x.deleted);
    if (!m) throw new BotApiError(400, "Bad Request: message to edit not found");
    return m;
  };
  const text = (p: Record<string, unknown>): string => {
    const t = p.text;
    if (typeof t !== "string" || t.trim() === "") throw new BotApiError(400, "Bad Request: message text is empty");
    // Telegram counts UTF-16 units of the text after HTML entities are parsed.
    if (visibleLength(t, p.parse_mode) > 4096) throw new BotApiError(400, "Bad Request: message is too long");
    return t;
  };
  const markup = (p: Record<string, unknown>): InlineKeyboardMarkup | undefined => {
    const rm = p.reply_markup as InlineKeyboardMarkup | undefined;
    for (const row of rm?.inline_keyboard ?? []) {
      for (const b of row) {
        if ("callback_data" in b && new TextEncoder().encode(b.callback_data).length > 64) {
          throw new BotApiError(400, "Bad Request: BUTTON_DATA_INVALID");
        }
      }
    }
    return rm;
  };
  const asTelegramMessage = (m: ChatMessage): Message => {
    const base = {
      message_id: m.message_id,
      date: m.date,
      chat: { id: m.chat_id, type: m.chat_id > 0 ? "private" : "supergroup", title: m.chat_id > 0 ? undefined : "Staff" },
      text: m.text,
      entities: m.entities,
      reply_markup: m.reply_markup,
      ...(m.edited ? { edit_date: m.date } : {}),
    };
    const from =
      m.from === "bot" ? { from: { id: botInfo.id, is_bot: true, first_name: botInfo.first_name, username: botInfo.username } } : {};
    return { ...base, ...from } as unknown as Message;
  };
  const now = () => Math.floor(Date.now() / 1000);
  const send = (p: Record<string, unknown>): Message => {
    const m: ChatMessage = {
      message_id: nextMessageId++,
      chat_id: Number(p.chat_id),
      from: "bot",
      date: now(),
      text: text(p),
      parse_mode: p.parse_mode as string | undefined,
      reply_markup: markup(p),
      reply_to_message_id: (p.reply_parameters as { message_id?: number } | undefined)?.message_id,
    };
    chat(p.chat_id).push(m);
    bump();
    return asTelegramMessage(m);
  };

  const handlers: Record<string, Handler> = {
    getMe: () => botInfo,
    setWebhook: () => true,
    deleteWebhook: () => true,
    setMyCommands: () => true,
    sendChatAction: () => true,
    answerCallbackQuery: () => true,
    getFile: (p) => {
      const f = files.get(String(p.file_id));
      if (!f) throw new BotApiError(400, "Bad Request: invalid file_id");
      return { file_id: f.fileId, file_unique_id: f.fileUniqueId, file_size: f.size, file_path: f.filePath };
    },
    sendMessage: send,
    copyMessage: (p) => {
      const source = find(p.from_chat_id, p.message_id);
      const copy = send({ ...p, text: source.text });
      return { message_id: copy.message_id };
    },
    editMessageText: (p) => {
      const m = find(p.chat_id, p.message_id);
      const t = text(p);
      const rm = markup(p);
      if (m.text === t && JSON.stringify(m.reply_markup) === JSON.stringify(rm)) {
        throw new BotApiError(400, "Bad Request: message is not modified");
      }
      Object.assign(m, { text: t, parse_mode: p.parse_mode, reply_markup: rm, edited: true });
      bump();
      return asTelegramMessage(m);
    },
    editMessageReplyMarkup: (p) => {
      const m = find(p.chat_id, p.message_id);
      m.reply_markup = markup(p);
      bump();
      return asTelegramMessage(m);
    },
    deleteMessage: (p) => {
      const m = chat(p.chat_id).find((x) => x.message_id === Number(p.message_id) && !x.deleted);
      if (!m) throw new BotApiError(400, "Bad Request: message to delete not found");
      m.deleted = true;
      bump();
      return true;
    },
    deleteMessages: (p) => {
      const ids = new Set((p.message_ids as number[]).map(Number));
      for (const m of chat(p.chat_id)) if (ids.has(m.message_id)) m.deleted = true;
      bump();
      return true;
    },
  };

  const respond = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    // A download, as from https://api.telegram.org/file/bot<token>/<file_path>.
    const download = /^\/file\/bot[^/]+\/(.+)$/.exec(url.pathname);
    if (download) {
      const f = files.byPath(decodeURIComponent(download[1]!));
      const bytes = f && files.bytes(f.fileId);
      return bytes
        ? new Response(bytes.slice(), { status: 200, headers: { "content-length": String(bytes.byteLength) } })
        : new Response("Not Found", { status: 404 });
    }
    const method = url.pathname.split("/").pop() ?? "";
    const raw = init?.body ?? (input instanceof Request ? await input.text() : undefined);
    let payload: Record<string, unknown>;
    try {
      payload = typeof raw === "string" && raw !== "" ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return respond({ ok: false, error_code: 400, description: "Bad Request: can't parse JSON" }, 400);
    }
    calls.push({ method, payload });
    const handler = handlers[method];
    const injected = failures.get(method);
    if (injected && injected.times > 0) {
      injected.times--;
      const failure = injected.failure;
      if ("reset" in failure) throw new TypeError("fetch failed: connection reset by peer");
      if ("hang" in failure) {
        // Never answers; only the caller's own timeout (its abort signal) ends the wait.
        return new Promise<Response>((_, reject) =>
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason ?? new Error("aborted"))),
        );
      }
      if ("delayMs" in failure) await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
      else {
        if (failure.afterDelivery && handler) handler(payload);
        const { error_code, description, retry_after } = failure;
        return respond({ ok: false, error_code, description, ...(retry_after ? { parameters: { retry_after } } : {}) }, error_code);
      }
    }
    if (!handler) return respond({ ok: false, error_code: 404, description: "Not Found: method not found" }, 404);
    try {
      return respond({ ok: true, result: handler(payload) });
    } catch (e) {
      if (e instanceof BotApiError) return respond({ ok: false, error_code: e.code, description: e.message }, e.code);
      throw e;
    }
  };

  return {
    apiRoot,
    botInfo,
    fetch: fetchImpl,
    calls,
    callsSince: (mark) => calls.slice(mark),
    messages: (chatId) => chats.get(chatId) ?? [],
    addUserMessage: (chatId, t, date, replyTo) => {
      const m: ChatMessage = {
        message_id: nextMessageId++,
        chat_id: chatId,
        from: "user",
        date,
        text: t,
        ...(replyTo ? { reply_to_message_id: replyTo } : {}),
      };
      chat(chatId).push(m);
      bump();
      return m;
    },
    addUserFile: (chatId, file, caption, date) => {
      const m: ChatMessage = {
        message_id: nextMessageId++,
        chat_id: chatId,
        from: "user",
        date,
        attachment: { kind: file.kind, fileId: file.fileId, name: file.name, size: file.size },
        ...(caption ? { caption } : {}),
      };
      chat(chatId).push(m);
      bump();
      return m;
    },
    files,
    failNext: (method, failure, times = 1) => void failures.set(method, { failure, times }),
    version: () => version,
    reset: () => {
      calls.length = 0;
      chats.clear();
      failures.clear();
      files.clear();
      bump();
    },
  };
}

/** The length Telegram checks: UTF-16 units of what the reader sees (tags gone, entities decoded). */
function visibleLength(text: string, parseMode: unknown): number {
  if (parseMode !== "HTML") return text.length;
  return text.replace(/<[^>]*>/g, "").replace(/&(lt|gt|amp|quot|#\d+);/g, "x").length;
}
