// GET /healthz: the process answers, and whether the database does.
import { Hono } from "hono";
import type { Db } from "../db/client.js";

const DB_TIMEOUT_MS = 2_000;

export function healthRoutes(db: Db): Hono {
  const app = new Hono();
  app.get("/", async (c) => {
    c.header("Cache-Control", "no-store");
    const database = await Promise.race([
      db.$queryRaw`SELECT 1`.then(
        () => "up" as const,
        () => "down" as const,
      ),
      new Promise<"down">((resolve) => setTimeout(() => resolve("down"), DB_TIMEOUT_MS)),
    ]);
    return c.json({ status: database === "up" ? "ok" : "degraded", database }, database === "up" ? 200 : 503);
  });
  return app;
}
