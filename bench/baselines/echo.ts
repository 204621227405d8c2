// Baseline (a): the least a grammY bot on a Hono webhook does: one Bot API call per update (a
// message echoed back, a tap answered), no database, no session. Same grammY, Hono and HTTP
// server as the real bot, so the ratio to it is the cost of everything the real bot adds.
import { serve } from "@hono/node-server";
import { Bot, webhookCallback } from "grammy";
import { Hono } from "hono";
import { baselineEnv } from "./env.ts";

const env = baselineEnv();
const bot = new Bot(env.token, { botInfo: env.botInfo, client: { apiRoot: env.apiRoot } });
bot.on("message", (ctx) => ctx.reply(ctx.message.text || "…"));
bot.on("callback_query", (ctx) => ctx.answerCallbackQuery());

const app = new Hono();
app.get("/healthz", (c) => c.json({ ok: true }));
app.post("/telegram/webhook", webhookCallback(bot, "hono", { secretToken: env.secret }));
const server = serve({ fetch: app.fetch, port: env.port, hostname: "127.0.0.1" });
process.once("SIGTERM", () => server.close(() => process.exit(0)));
