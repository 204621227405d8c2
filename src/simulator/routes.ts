// The local Telegram simulator: a chat page for simulated children. Their messages and taps go
// through the real webhook; the bot's answers come from the in-process Bot API it talks to.
import { Hono } from "hono";
import { z } from "zod";
import type { FakeBotApi } from "./fake-bot-api.js";
import { createUpdateFactory } from "./updates.js";
import { simulatedUsers } from "./users.js";
import { simulatorPage } from "./page.js";

export interface SimulatorDeps {
  botApi: FakeBotApi;
  deliver(update: unknown): Promise<number>;
}

const sendBody = z.object({ text: z.string().min(1).max(4096) });
const pressBody = z.object({ messageId: z.number().int().positive(), data: z.string().min(1).max(64) });

export function simulatorRoutes({ botApi, deliver }: SimulatorDeps): Hono {
  const app = new Hono();
  const updates = createUpdateFactory(botApi, Date.now() % 1_000_000_000);
  const userOf = (id: string) => simulatedUsers.find((u) => String(u.id) === id);

  app.get("/", (c) => c.html(simulatorPage));
  app.get("/api/state", (c) => {
    c.header("Cache-Control", "no-store");
    const chats = Object.fromEntries(simulatedUsers.map((u) => [u.id, botApi.messages(u.id).filter((m) => !m.deleted)]));
    return c.json({ version: botApi.version(), users: simulatedUsers, chats });
  });
  app.post("/api/users/:id/send", async (c) => {
    const user = userOf(c.req.param("id"));
    const body = sendBody.safeParse(await c.req.json().catch(() => null));
    if (!user || !body.success) return c.json({ ok: false, error: "unknown user or empty text" }, 400);
    return c.json({ ok: true, webhookStatus: await deliver(updates.text(user, body.data.text)) });
  });
  app.post("/api/users/:id/press", async (c) => {
    const user = userOf(c.req.param("id"));
    const body = pressBody.safeParse(await c.req.json().catch(() => null));
    if (!user || !body.success) return c.json({ ok: false, error: "unknown user or button" }, 400);
    return c.json({ ok: true, webhookStatus: await deliver(updates.press(user, body.data.messageId, body.data.data)) });
  });
  return app;
}
