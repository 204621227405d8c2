// npm run telegram:webhook -- https://your.worker.host : registers the bot's command menu and
// points Telegram's webhook at <address>/telegram/webhook with WEBHOOK_SECRET (Telegram then
// sends it with every update; the Worker answers 401 without it). The Node server does this at
// start when PUBLIC_URL is set; a Worker cannot, so this runs once per deployment. Reads
// BOT_TOKEN, WEBHOOK_SECRET, TELEGRAM_API_ROOT (and PUBLIC_URL when no address is given) from
// the environment or .env. Prints BOT_INFO, the identity the Worker should be given.
import { Bot } from "grammy";
import { ConfigError, createConfig } from "../src/config.ts";
import { loadEnvFile } from "../src/entry/env-file.ts";
import { registerWebhook } from "../src/entry/telegram-setup.ts";
import { registerCommands } from "../src/bot/commands.ts";
import type { BotContext } from "../src/bot/context.ts";

loadEnvFile();
let config;
try {
  config = createConfig({ ...process.env, SIMULATOR: "off" });
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(2);
}
const address = process.argv[2] ?? config.publicUrl;
if (!config.botToken || !config.webhookSecret || !address) {
  console.error("Usage: BOT_TOKEN=… WEBHOOK_SECRET=… npm run telegram:webhook -- https://your.worker.host");
  process.exit(2);
}
if (!/^https?:\/\//.test(address)) {
  console.error(`"${address}" must be the Worker's address, e.g. https://bala-help-bot.example.workers.dev`);
  process.exit(2);
}

const bot = new Bot<BotContext>(config.botToken, { client: { apiRoot: config.telegramApiRoot } });
const me = await bot.api.getMe();
await registerCommands(bot);
const url = await registerWebhook(bot.api, address, config.webhookSecret);
console.log(`Webhook: ${url} (with WEBHOOK_SECRET); command menu registered for @${me.username}.`);
console.log(`BOT_INFO=${JSON.stringify(me)}`);
