// The child's own language choice wins over Telegram's. The chat gate's statement has normally read
// it already (ctx.savedLanguage); otherwise it is read here. If the database cannot be read, the
// update goes on in Telegram's language: help must still reach the child.
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import { isLanguage } from "../../i18n/i18n.js";
import { savedLanguage } from "../../domain/children.js";
import { errorSummary } from "../../logger.js";
import { withTimeout } from "../../domain/timeouts.js";

export const applySavedLanguage: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (ctx.pseudonym && ctx.chat?.type === "private") {
    try {
      // A database that hangs must not hold up help: Telegram's language is used instead.
      const saved =
        ctx.savedLanguage !== undefined
          ? ctx.savedLanguage
          : await withTimeout(savedLanguage(ctx.services.db, ctx.pseudonym), 1_500, "saved language");
      if (isLanguage(saved)) {
        ctx.language = saved;
        ctx.languageKnown = true;
        ctx.t = ctx.services.i18n.t(saved);
      }
    } catch (error) {
      ctx.services.logger.warn({ err: errorSummary(error), update_id: ctx.update.update_id }, "saved language unavailable");
    }
  }
  await next();
};
