// With a real BOT_TOKEN: register the commands, then either the webhook (PUBLIC_URL) or long
// polling (BOT_MODE=polling, for a developer without a public address).
import type { Api } from "grammy";
import type { App } from "../app.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { registerCommands } from "../bot/commands.js";

export async function connectTelegram(app: App, config: Config, logger: Logger): Promise<() => Promise<void>> {
  if (!config.botToken || app.botApi) return async () => {};
  await app.bot.init();
  await registerCommands(app.bot);
  if (config.botMode === "polling") {
    await app.bot.api.deleteWebhook();
    void app.bot.start({ onStart: () => logger.info({ username: app.bot.botInfo.username }, "polling Telegram") });
    return () => app.bot.stop();
  }
  if (config.publicUrl) {
    const url = await registerWebhook(app.bot.api, config.publicUrl, app.webhookSecret);
    logger.info({ url }, "webhook registered");
  }
  return async () => {};
}

/** Points Telegram at `<publicUrl>/telegram/webhook` with the secret it must send back (Node at start, Workers by npm run telegram:webhook). */
export async function registerWebhook(api: Api, publicUrl: string, secret: string): Promise<string> {
  const url = `${publicUrl.replace(/\/+$/, "")}/telegram/webhook`;
  await api.setWebhook(url, { secret_token: secret, allowed_updates: ["message", "callback_query"], drop_pending_updates: false });
  return url;
}
