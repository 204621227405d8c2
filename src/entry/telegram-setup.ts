// With a real BOT_TOKEN: register the commands, then either the webhook (PUBLIC_URL) or long
// polling (BOT_MODE=polling, for a developer without a public address).
//
// Telegram may not answer at the moment the server starts (a network blip, a 5xx, a 429). The
// server does not wait for it and never exits over it: it already serves the webhook Telegram
// knows from the last start, and the setup is tried again in the background, with growing waits,
// until it succeeds or the server stops.
import type { Api } from "grammy";
import type { App } from "../app.js";
import type { Config } from "../config.js";
import { errorSummary, type Logger } from "../logger.js";
import { registerCommands } from "../bot/commands.js";

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 60_000;

export interface TelegramSetup {
  /** Resolves when the setup has succeeded (or the server stopped first): for tests and logs. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export function connectTelegram(
  app: Pick<App, "bot" | "botApi" | "webhookSecret">,
  config: Pick<Config, "botToken" | "botMode" | "publicUrl">,
  logger: Logger,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): TelegramSetup {
  if (!config.botToken || app.botApi) return { done: Promise.resolve(), stop: async () => {} };
  let stopped = false;
  let polling = false;

  const setUp = async () => {
    await app.bot.init();
    await registerCommands(app.bot);
    if (config.botMode === "polling") {
      await app.bot.api.deleteWebhook();
      if (stopped) return;
      polling = true;
      void app.bot.start({ onStart: () => logger.info({ username: app.bot.botInfo.username }, "polling Telegram") });
    } else if (config.publicUrl) {
      const url = await registerWebhook(app.bot.api, config.publicUrl, app.webhookSecret);
      logger.info({ url }, "webhook registered");
    }
  };

  const done = (async () => {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        await setUp();
        return;
      } catch (error) {
        const retryInMs = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
        logger.warn(
          { err: errorSummary(error), attempt: attempt + 1, retryInMs },
          "Telegram did not answer the setup (commands, webhook): serving anyway, trying again",
        );
        await wait(retryInMs);
      }
    }
  })();

  return {
    done,
    stop: async () => {
      stopped = true;
      if (polling) await app.bot.stop();
    },
  };
}

/** Points Telegram at `<publicUrl>/telegram/webhook` with the secret it must send back (Node at start, Workers by npm run telegram:webhook). */
export async function registerWebhook(api: Api, publicUrl: string, secret: string): Promise<string> {
  const url = `${publicUrl.replace(/\/+$/, "")}/telegram/webhook`;
  await api.setWebhook(url, { secret_token: secret, allowed_updates: ["message", "callback_query"], drop_pending_updates: false });
  return url;
}
