// Telegram redelivers an update until it gets a 200. An update counts as handled only when its
// handler finished: it is claimed first (so a redelivery while it runs waits), marked done at
// the end, and released when it fails, so the redelivery is handled, not skipped. A claim left
// by a process that died is taken over after `holdMs`. An update that fails again and again is
// given up after MAX_ATTEMPTS, so one poisonous update cannot make Telegram retry it for a day.
// Old rows are pruned with the rest (src/domain/maintenance/prune.ts). Here: group chats (staff);
// a person's private chat is claimed the same way by the chat gate (chat-gate.ts), in one
// statement with the chat's lease.
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import { errorSummary } from "../../logger.js";
import { withTimeout } from "../../domain/timeouts.js";

export const MAX_ATTEMPTS = 5;
/** The claim must not hold up help when the database hangs. */
export const CLAIM_TIMEOUT_MS = 3_000;

/** Thrown when another process is handling this update right now: Telegram should ask again later. */
export class UpdateInProgress extends Error {
  override name = "UpdateInProgress";
}

/** `holdMs`: longer than an update may take (the webhook answers within 55 s). */
export const dedupeUpdates =
  (holdMs: number): MiddlewareFn<BotContext> =>
  async (ctx, next) => {
    // A person's private chat: claimed by the chat gate, in the same statement as its lease.
    if (ctx.pseudonym && ctx.chat?.type === "private") return next();
    const { db, logger } = ctx.services;
    const updateId = BigInt(ctx.update.update_id);
    const staleBefore = new Date(Date.now() - holdMs);
    let attempts: number | undefined;
    try {
      const claimed = await withTimeout(
        db.$queryRaw<{ attempts: number }[]>`
        INSERT INTO "ProcessedUpdate" ("updateId", "done", "attempts", "processedAt") VALUES (${updateId}, false, 1, now())
        ON CONFLICT ("updateId") DO UPDATE SET "attempts" = "ProcessedUpdate"."attempts" + 1, "processedAt" = now()
        WHERE "ProcessedUpdate"."done" = false AND "ProcessedUpdate"."processedAt" < ${staleBefore}
        RETURNING "attempts"`,
        CLAIM_TIMEOUT_MS,
        "update claim",
      );
      attempts = claimed[0]?.attempts;
      if (attempts === undefined) {
        const row = await db.processedUpdate.findUnique({ where: { updateId }, select: { done: true } });
        if (row?.done !== false) {
          logger.info({ update_id: ctx.update.update_id }, "duplicate update skipped");
          return;
        }
        throw new UpdateInProgress(`update ${ctx.update.update_id} is being handled elsewhere`);
      }
      if (attempts > MAX_ATTEMPTS) {
        logger.error({ update_id: ctx.update.update_id, attempts }, "update failed too many times: given up");
        await db.processedUpdate.update({ where: { updateId }, data: { done: true } });
        return;
      }
    } catch (error) {
      if (error instanceof UpdateInProgress) throw error;
      // The database is away: help still answers; anything that needs it fails and is redelivered.
      logger.warn({ err: errorSummary(error), update_id: ctx.update.update_id }, "update dedupe unavailable");
      return next();
    }
    try {
      await next();
    } catch (error) {
      // Not handled: release it at once, so that Telegram's redelivery is handled, not skipped.
      await db.processedUpdate.update({ where: { updateId }, data: { processedAt: new Date(0) } }).catch(() => undefined);
      throw error;
    }
    await db.processedUpdate.update({ where: { updateId }, data: { done: true } }).catch((error: unknown) => {
      // The effects are committed; at worst a redelivery is handled again (effects are idempotent).
      logger.warn({ err: errorSummary(error), update_id: ctx.update.update_id }, "could not mark an update done");
    });
  };
