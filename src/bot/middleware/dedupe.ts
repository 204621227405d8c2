// Telegram redelivers an update when it did not get a timely 200; each update_id is handled once.
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import { errorSummary } from "../../logger.js";

const KEEP_MS = 3 * 24 * 60 * 60 * 1000; // Telegram keeps undelivered updates for 24 hours.

export const dedupeUpdates: MiddlewareFn<BotContext> = async (ctx, next) => {
  const { db, logger } = ctx.services;
  const updateId = BigInt(ctx.update.update_id);
  try {
    const inserted = await db.$executeRaw`INSERT INTO "ProcessedUpdate" ("updateId") VALUES (${updateId}) ON CONFLICT DO NOTHING`;
    if (inserted === 0) {
      logger.info({ update_id: ctx.update.update_id }, "duplicate update skipped");
      return;
    }
    if (ctx.update.update_id % 500 === 0) {
      await db.processedUpdate.deleteMany({ where: { processedAt: { lt: new Date(Date.now() - KEEP_MS) } } });
    }
  } catch (error) {
    // Better to risk handling a redelivery twice than to leave a child without an answer.
    logger.warn({ err: errorSummary(error), update_id: ctx.update.update_id }, "update dedupe unavailable");
    return next();
  }
  try {
    await next();
  } catch (error) {
    // Not handled: forget the id so that Telegram's redelivery is handled, not skipped.
    await db.processedUpdate.delete({ where: { updateId } }).catch(() => undefined);
    throw error;
  }
};
