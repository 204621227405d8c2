// The command menu Telegram shows, in each of our languages.
import type { Bot } from "grammy";
import type { BotContext } from "./context.js";
import { createI18n, languages } from "../i18n/i18n.js";

const commands = ["start", "menu", "help", "report", "rights", "status", "hide", "language", "forget"] as const;

export async function registerCommands(bot: Bot<BotContext>): Promise<void> {
  const i18n = createI18n();
  const list = (language: (typeof languages)[number]) =>
    commands.map((command) => ({ command, description: i18n.t(language)(`commands.${command}`) }));
  await bot.api.setMyCommands(list("kk"));
  for (const language of languages) await bot.api.setMyCommands(list(language), { language_code: language });
}
