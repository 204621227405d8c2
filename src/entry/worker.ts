// Cloudflare Workers entry: bindings in, the same app out. Workers cannot keep a database
// connection across requests, so each request opens its own (apply migrations beforehand with
// `npm run db:migrate` against the production DATABASE_URL).
import { createConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { createApp } from "../app.js";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../db/generated/worker/client.ts";
import type { Db } from "../db/client.js";

type Env = Record<string, string | undefined>;

export default {
  async fetch(request: Request, env: Env, ctx: { waitUntil(promise: Promise<unknown>): void }): Promise<Response> {
    const config = createConfig({ ...env, SIMULATOR: env.SIMULATOR ?? "off" });
    if (!config.appSecret || !config.databaseUrl) {
      return new Response("APP_SECRET and DATABASE_URL must be set as Worker secrets", { status: 500 });
    }
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.databaseUrl }) });
    // Both builds come from one schema and expose one API; TypeScript only sees two declarations
    // of it (they differ in how the query compiler's Wasm is loaded), hence the single cast.
    const db = prisma as unknown as Db;
    const app = createApp({ config: { ...config, appSecret: config.appSecret }, db, logger: createLogger(config.logLevel) });
    try {
      return await app.http.fetch(request);
    } finally {
      // What the request queued (staff posts, notifications) is sent after the answer; what is
      // left (retries, the group's budget) goes out with a later request.
      ctx.waitUntil(app.dispatcher.drain(3).catch(() => undefined).finally(() => prisma.$disconnect()));
    }
  },
};
