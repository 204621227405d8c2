// Cloudflare Workers entry: the same app as Node (src/app.ts), built once per isolate on its first
// request and reused; only the database connection is per request (workerd forbids sharing a
// socket across requests; Hyperdrive pools the real connections behind it). The bot's identity
// comes from BOT_INFO, so Telegram is never asked per update. What an update queues (staff posts,
// notifications) is sent after the answer (waitUntil); a Cron Trigger sends what is left (retries,
// the staff group's budget) every minute and runs retention once a day. Per-chat ordering, the
// flood guard and the group's budget live in PostgreSQL, shared with every isolate and Node
// instance. Migrations are applied beforehand: `DATABASE_URL=... npm run db:migrate`.
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { ConfigError, createConfig } from "../config.js";
import { createLogger, errorSummary, type Logger } from "../logger.js";
import { createApp, type App } from "../app.js";
import { PrismaClient } from "../db/generated/worker/client.ts";
import type { Db } from "../db/client.js";
import { requestScopedDatabase, type RequestScopedDatabase } from "../db/request-scoped.js";

/** Bindings: vars and secrets are strings; HYPERDRIVE is the Hyperdrive binding (wrangler.toml). */
export interface Env {
  HYPERDRIVE?: { connectionString: string };
  [name: string]: unknown;
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

interface ScheduledController {
  cron: string;
  scheduledTime: number;
}

/** wrangler.toml's daily trigger: retention (the other trigger, every minute, sends the outbox). */
const RETENTION_CRON = "17 3 * * *";
/** Rounds after an update (each sends up to 20 messages); the cron sends whatever is left. */
const ROUNDS_AFTER_UPDATE = 3;
const ROUNDS_PER_CRON = 20;

interface Isolate {
  app: App;
  database: RequestScopedDatabase;
  logger: Logger;
}

let isolate: Isolate | undefined;
/** Work a request started that must finish before its connection closes (outbox rounds). */
const background = new AsyncLocalStorage<Promise<unknown>[]>();

function build(env: Env): Isolate {
  const strings = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const config = createConfig({ ...strings, SIMULATOR: strings.SIMULATOR ?? "off" });
  const logger = createLogger(config.logLevel);
  if (!config.appSecret) throw new ConfigError(["APP_SECRET must be set (wrangler secret put APP_SECRET)"]);
  if (!env.HYPERDRIVE && !config.databaseUrl)
    throw new ConfigError(["the HYPERDRIVE binding (wrangler.toml) or a DATABASE_URL secret must be set"]);
  const database = requestScopedDatabase();
  // Both generated clients come from one schema and expose one API; TypeScript sees two
  // declarations of it (they differ in how the query compiler's Wasm is loaded), hence the cast.
  const db = new PrismaClient({ adapter: database.factory }) as unknown as Db;
  const app = createApp({ config: { ...config, appSecret: config.appSecret }, db, logger });
  // The dispatcher's kick starts a round and forgets it (Node keeps running); a Worker must keep
  // the request alive until the round is done, or the messages wait for the next cron.
  app.dispatcher.kick = () => {
    if (!app.outbox.takeQueued()) return;
    const rounds = async () => {
      // A round another request started may have claimed before this one's rows were written:
      // wait for it, then drain with rounds of this request's own.
      await app.dispatcher.runOnce();
      await app.dispatcher.drain(ROUNDS_AFTER_UPDATE);
    };
    background.getStore()?.push(rounds().catch((e: unknown) => logger.error({ err: errorSummary(e) }, "outbox round failed")));
  };
  logger.info({ botInfo: Boolean(config.botInfo) }, "app built for this isolate");
  return { app, database, logger };
}

/** The request's own connection: Hyperdrive's local address when bound, else DATABASE_URL. */
function opener(env: Env) {
  const url = env.HYPERDRIVE?.connectionString ?? (typeof env.DATABASE_URL === "string" ? env.DATABASE_URL : "");
  return () =>
    new PrismaPg({
      connectionString: url,
      // Names this Worker's connections in pg_stat_activity.
      application_name: "bala-help-worker",
      // A few queries of one update may run at once; Hyperdrive holds the real pool behind this.
      max: 5,
      // A database that hangs must fail the update (Telegram then delivers it again), not hold it.
      connectionTimeoutMillis: 5_000,
      query_timeout: 20_000,
    }).connect();
}

/** Runs `work` with the request's connection, then (in the background) closes it after its tasks. */
function withDatabase<T>(env: Env, ctx: ExecutionContext, work: (isolate: Isolate) => Promise<T>): Promise<T> {
  isolate ??= build(env);
  const built = isolate;
  const tasks: Promise<unknown>[] = [];
  const { result, connection } = built.database.run(opener(env), () => background.run(tasks, () => work(built)));
  const finish = async () => {
    // A task may start another (retention kicks the outbox): wait until none is new.
    for (let seen = -1; seen !== tasks.length;) {
      seen = tasks.length;
      await Promise.allSettled(tasks);
    }
    await connection.close().catch((e: unknown) => built.logger.warn({ err: errorSummary(e) }, "database connection not closed cleanly"));
  };
  ctx.waitUntil(result.then(finish, finish));
  return result;
}

function setupFailure(error: unknown): Response {
  // Names the variables that are wrong, never their values.
  const text = error instanceof ConfigError ? error.message : `the Worker could not start: ${errorSummary(error).message}`;
  console.error(text);
  return new Response(text, { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    try {
      return await withDatabase(env, ctx, (built) => Promise.resolve(built.app.http.fetch(request)));
    } catch (error) {
      if (isolate) throw error;
      return setupFailure(error);
    }
  },

  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    await withDatabase(env, ctx, async ({ app, logger }) => {
      await app.dispatcher.drain(ROUNDS_PER_CRON).catch((e: unknown) => logger.error({ err: errorSummary(e) }, "outbox cron round failed"));
      if (controller.cron === RETENTION_CRON) {
        const deleted = await app.retention();
        logger.info({ deleted }, "retention ran");
      }
    });
  },
};
