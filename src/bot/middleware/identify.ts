// First middleware: services on the context, the pseudonym instead of the Telegram id, and a
// language from Telegram's settings (the saved choice, read next, may override it).
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import type { Services } from "../services.js";
import { languageFromTelegram } from "../../i18n/i18n.js";

export function identify(services: Services): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.services = services;
    ctx.pseudonym = ctx.from && !ctx.from.is_bot ? await services.pseudonyms.forUser(ctx.from.id) : undefined;
    const fromTelegram = languageFromTelegram(ctx.from?.language_code);
    ctx.language = fromTelegram ?? "kk";
    ctx.languageKnown = fromTelegram !== undefined;
    ctx.t = services.i18n.t(ctx.language);
    await next();
  };
}
