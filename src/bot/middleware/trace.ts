// Remembers the ids of recent messages in a child's chat (theirs and the bot's), so the quick
// exit can delete them. Ids only, in the encrypted session; Telegram lets bots delete < 48 h.
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

const WINDOW_MS = 47 * 60 * 60 * 1000;
const MAX_IDS = 300;

export const traceMessages: MiddlewareFn<BotContext> = async (ctx, next) => {
  const seen: number[] = [];
  if (ctx.message) seen.push(ctx.message.message_id);
  const chatId = ctx.chat?.id;
  ctx.api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    const sent = result.ok ? (result.result as { message_id?: unknown; chat?: { id?: unknown } }) : undefined;
    if (sent && typeof sent.message_id === "number" && sent.chat?.id === chatId) seen.push(sent.message_id);
    return result;
  });
  await next();
  // After /forget the session is gone (null): nothing of this chat is kept.
  if (seen.length === 0 || !ctx.session) return;
  const cutoff = Date.now() - WINDOW_MS;
  const now = Date.now();
  const trace = (ctx.session.trace ?? []).filter((m) => m.at > cutoff);
  for (const id of seen) if (!trace.some((m) => m.id === id)) trace.push({ id, at: now });
  ctx.session.trace = trace.slice(-MAX_IDS);
};
