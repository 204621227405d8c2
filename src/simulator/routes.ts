// The local Telegram simulator: a chat page for simulated children and the staff group. Their
// messages and taps go through the real webhook; the bot's answers come from the in-process
// Bot API it talks to.
import { Hono } from "hono";
import { z } from "zod";
import type { FakeBotApi } from "./fake-bot-api.js";
import { createUpdateFactory, type SimulatedUser } from "./updates.js";
import { simulatedStaff, simulatedUsers } from "./users.js";
import { simulatorPage } from "./page.js";

export interface SimulatorDeps {
  botApi: FakeBotApi;
  deliver(update: unknown): Promise<number>;
  /** The staff group's chat id, when the staff group is simulated. */
  staffChatId: number | undefined;
}

interface Conversation {
  key: string;
  title: string;
  subtitle: string;
  chatId: number;
  as: SimulatedUser;
  group: boolean;
}

const sendBody = z.object({ text: z.string().min(1).max(4096), replyTo: z.number().int().positive().optional() });
const pressBody = z.object({ messageId: z.number().int().positive(), data: z.string().min(1).max(64) });
/** Telegram takes photos up to 10 MB; the simulator takes files up to that too (base64 is 4/3 larger). */
export const SIMULATOR_FILE_MAX_BYTES = 10 * 1024 * 1024;
const attachBody = z.object({
  kind: z.enum(["photo", "document"]),
  data: z
    .string()
    .min(1)
    .max(Math.ceil(SIMULATOR_FILE_MAX_BYTES / 3) * 4),
  name: z.string().max(255).optional(),
  mime: z.string().max(127).optional(),
  caption: z.string().max(1024).optional(),
  width: z.number().int().positive().max(20_000).optional(),
  height: z.number().int().positive().max(20_000).optional(),
});

function fromBase64(data: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export function simulatorRoutes({ botApi, deliver, staffChatId }: SimulatorDeps): Hono {
  const app = new Hono();
  const updates = createUpdateFactory(botApi, Date.now() % 1_000_000_000);
  const conversations: Conversation[] = [
    ...simulatedUsers.map((u) => ({
      key: String(u.id),
      title: u.first_name,
      subtitle: `Telegram language: ${u.language_code ?? "none"}`,
      chatId: u.id,
      as: u,
      group: false,
    })),
    ...(staffChatId !== undefined
      ? [
          {
            key: "staff",
            title: simulatedStaff.title,
            subtitle: `as ${simulatedStaff.member.first_name}; reply to a report to answer the child`,
            chatId: staffChatId,
            as: simulatedStaff.member,
            group: true,
          },
        ]
      : []),
  ];
  const find = (key: string) => conversations.find((c) => c.key === key);

  // Posts come only from the simulator page itself: JSON (a cross-site form cannot send it without
  // a preflight this server never answers) from the same origin.
  app.use("/api/*", async (c, next) => {
    if (c.req.method !== "POST") return next();
    const origin = c.req.header("origin");
    const sameOrigin = origin !== undefined && URL.parse(origin)?.host === new URL(c.req.url).host;
    if (!sameOrigin || !(c.req.header("content-type") ?? "").startsWith("application/json"))
      return c.json({ ok: false, error: "only the simulator page may post here" }, 403);
    await next();
  });
  app.get("/", (c) => c.html(simulatorPage));
  app.get("/api/state", (c) => {
    c.header("Cache-Control", "no-store");
    const chats = Object.fromEntries(conversations.map((v) => [v.key, botApi.messages(v.chatId).filter((m) => !m.deleted)]));
    return c.json({ version: botApi.version(), conversations: conversations.map(({ as: _as, ...rest }) => rest), chats });
  });
  app.post("/api/chats/:key/send", async (c) => {
    const conversation = find(c.req.param("key"));
    const body = sendBody.safeParse(await c.req.json().catch(() => null));
    if (!conversation || !body.success) return c.json({ ok: false, error: "unknown chat or empty text" }, 400);
    const update = updates.text(conversation.as, body.data.text, {
      chatId: conversation.chatId,
      ...(body.data.replyTo ? { replyTo: body.data.replyTo } : {}),
    });
    return c.json({ ok: true, webhookStatus: await deliver(update) });
  });
  app.post("/api/chats/:key/press", async (c) => {
    const conversation = find(c.req.param("key"));
    const body = pressBody.safeParse(await c.req.json().catch(() => null));
    if (!conversation || !body.success) return c.json({ ok: false, error: "unknown chat or button" }, 400);
    const update = updates.press(conversation.as, body.data.messageId, body.data.data, { chatId: conversation.chatId });
    const mark = botApi.calls.length;
    const webhookStatus = await deliver(update);
    // Telegram shows answerCallbackQuery's text as a pop-up over the chat (an alert with show_alert).
    const answer = botApi
      .callsSince(mark)
      .find((call) => call.method === "answerCallbackQuery" && call.payload.callback_query_id === update.callback_query?.id);
    const text = typeof answer?.payload.text === "string" && answer.payload.text ? answer.payload.text : undefined;
    return c.json({ ok: true, webhookStatus, ...(text ? { toast: { text, alert: answer?.payload.show_alert === true } } : {}) });
  });
  // A photo or a file from a child, as Telegram would deliver it: a message with a file_id the
  // bot can getFile and download.
  app.post("/api/chats/:key/attach", async (c) => {
    const conversation = find(c.req.param("key"));
    const body = attachBody.safeParse(await c.req.json().catch(() => null));
    const bytes = body.success ? fromBase64(body.data.data) : undefined;
    if (!conversation || conversation.group || !body.success || !bytes || bytes.byteLength > SIMULATOR_FILE_MAX_BYTES)
      return c.json({ ok: false, error: "unknown chat or unreadable file (10 MB at most)" }, 400);
    const file = botApi.files.add(bytes, { kind: body.data.kind, name: body.data.name, mime: body.data.mime });
    const update = updates.file(conversation.as, file, { caption: body.data.caption, width: body.data.width, height: body.data.height });
    return c.json({ ok: true, webhookStatus: await deliver(update) });
  });
  // The page shows a child's own photo in the chat; documents are only offered as a download.
  app.get("/api/files/:fileId", (c) => {
    const file = botApi.files.get(c.req.param("fileId"));
    const bytes = file && botApi.files.bytes(file.fileId);
    if (!file || !bytes) return c.json({ ok: false, error: "no such file" }, 404);
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    if (file.kind === "photo") headers["content-type"] = "image/jpeg";
    else {
      headers["content-type"] = "application/octet-stream";
      headers["content-disposition"] = `attachment; filename="${(file.name ?? "file").replace(/[^\w.-]/g, "_")}"`;
    }
    return c.body(bytes.slice(), 200, headers);
  });
  return app;
}
