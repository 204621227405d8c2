// Baseline (b): a typical grammY bot with its sessions in PostgreSQL, through the same storage
// the real bot uses (@grammyjs/storage-prisma on the project's Prisma client and Session table,
// PrismaPg driver): a session read and a session write per update, then one Bot API call. The
// ratio to it is what the real bot adds beyond "a bot with a database".
import { serve } from "@hono/node-server";
import { PrismaAdapter } from "@grammyjs/storage-prisma";
import { PrismaPg } from "@prisma/adapter-pg";
import { Bot, session, webhookCallback, type Context, type SessionFlavor } from "grammy";
import { Hono } from "hono";
import { PrismaClient } from "../../src/db/generated/node/client.ts";
import { baselineEnv } from "./env.ts";

const env = baselineEnv();
if (!env.databaseUrl) throw new Error("DATABASE_URL is required (a migrated database)");
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: env.databaseUrl }) });

interface Session {
  updates: number;
  last?: string;
}
type BaselineContext = Context & SessionFlavor<Session>;
const bot = new Bot<BaselineContext>(env.token, { botInfo: env.botInfo, client: { apiRoot: env.apiRoot } });
bot.use(session({ initial: (): Session => ({ updates: 0 }), storage: new PrismaAdapter<Session>(prisma.session) }));
// Every update changes the session, so every update writes it back.
bot.on("message", async (ctx) => {
  ctx.session.updates++;
  ctx.session.last = ctx.message.text?.slice(0, 64);
  await ctx.reply(ctx.message.text || "…");
});
bot.on("callback_query", async (ctx) => {
  ctx.session.updates++;
  ctx.session.last = ctx.callbackQuery.data;
  await ctx.answerCallbackQuery();
});

const app = new Hono();
app.get("/healthz", (c) => c.json({ ok: true }));
app.post("/telegram/webhook", webhookCallback(bot, "hono", { secretToken: env.secret }));
const server = serve({ fetch: app.fetch, port: env.port, hostname: "127.0.0.1" });
process.once("SIGTERM", () => server.close(() => void prisma.$disconnect().finally(() => process.exit(0))));
