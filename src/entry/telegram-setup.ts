// With a real BOT_TOKEN: register the commands, then either the webhook (PUBLIC_URL) or long
// polling (BOT_MODE=polling, for a developer without a public address).
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
    await app.bot.api.setWebhook(`${config.publicUrl}/telegram/webhook`, {
      secret_token: app.webhookSecret,
      allowed_updates: ["message", "callback_query"],
      drop_pending_updates: false,
    });
    logger.info({ url: `${config.publicUrl}/telegram/webhook` }, "webhook registered");
  }
  return async () => {};
}
