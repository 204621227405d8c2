// POST /telegram/webhook: size limit, secret token, a well-formed Update, then grammY.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { webhookCallback, type Bot } from "grammy";
import type { BotContext } from "../bot/context.js";
import { errorSummary, type Logger } from "../logger.js";

const MAX_UPDATE_BYTES = 1024 * 1024;
const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

export function webhookRoutes(bot: Bot<BotContext>, secret: string, logger: Logger, afterUpdate: () => void = () => undefined): Hono {
  const app = new Hono();
  const handle = webhookCallback(bot, "hono", { secretToken: secret, onTimeout: "return", timeoutMilliseconds: 55_000 });

  const limit = bodyLimit({ maxSize: MAX_UPDATE_BYTES, onError: (c) => c.json({ ok: false, error: "update too large" }, 413) });
  app.post(
    "/",
    // Telegram sends a Content-Length, which the HTTP parser holds the body to: checked from the
    // header alone. Hono's bodyLimit would first turn every request on Node into a web stream
    // (about 3% of an update's CPU, measured); it still counts the bytes of a chunked body.
    (c, next) => {
      const length = c.req.header("content-length");
      if (length === undefined || c.req.header("transfer-encoding") !== undefined) return limit(c, next);
      return Number(length) > MAX_UPDATE_BYTES ? c.json({ ok: false, error: "update too large" }, 413) : next();
    },
    async (c, next) => {
      // The secret is checked before anything else is read or sent.
      if (!timingSafeEqual(c.req.header(SECRET_HEADER) ?? "", secret)) return c.json({ ok: false, error: "wrong secret token" }, 401);
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return c.json({ ok: false, error: "body is not JSON" }, 400);
      }
      if (!isUpdate(body)) return c.json({ ok: false, error: "not a Telegram update" }, 400);
      await next();
    },
    async (c) => {
      try {
        const response = await handle(c);
        afterUpdate();
        return response;
      } catch (error) {
        // 500 makes Telegram deliver the update again later; nothing is lost.
        logger.error({ err: errorSummary(error) }, "webhook failed");
        return c.json({ ok: false, error: "temporarily unavailable" }, 500);
      }
    },
  );
  return app;
}

function isUpdate(body: unknown): boolean {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const id = (body as { update_id?: unknown }).update_id;
  return typeof id === "number" && Number.isSafeInteger(id) && id >= 0;
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
