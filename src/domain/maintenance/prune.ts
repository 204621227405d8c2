// Pruning: rows that are only needed for a while are deleted once that while is over, so the
// database does not keep what it no longer needs (an unfinished report in a session is the
// child's own words). Runs with retention (every 6 hours on the Node server, `npm run retention`).
import type { Db } from "../../db/client.js";
import type { Outbox } from "../outbox/outbox.js";
import { createChatGate } from "../gate/chat-gate.js";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** How long each kind is kept. */
export const keep = {
  /** A report draft expires after 7 days (flows/report.json); a day more, and the session goes. */
  sessionMs: 8 * DAY,
  /** Case-code attempts are counted over the last hour. */
  codeAttemptMs: 24 * HOUR,
  /** A console session past its expiry cannot be used; kept a day for the record. */
  consoleSessionAfterExpiryMs: DAY,
  /** Telegram keeps an undelivered update for 24 hours: a done update cannot come back after this. */
  processedUpdateMs: 3 * DAY,
  outboxSentDays: 30,
  /** A chat's lease and flood window matter for seconds; an idle chat's row goes after a day. */
  chatGateIdleMs: DAY,
} as const;

export interface PruneCounts {
  sessions: number;
  codeAttempts: number;
  consoleSessions: number;
  processedUpdates: number;
  outbox: number;
  chatGates: number;
}

export async function prune(db: Db, outbox: Pick<Outbox, "prune">, now = new Date()): Promise<PruneCounts> {
  const before = (ms: number) => new Date(now.getTime() - ms);
  const sessions = await db.session.deleteMany({ where: { updatedAt: { lt: before(keep.sessionMs) } } });
  const codeAttempts = await db.codeAttempt.deleteMany({ where: { createdAt: { lt: before(keep.codeAttemptMs) } } });
  const consoleSessions = await db.consoleSession.deleteMany({ where: { expiresAt: { lt: before(keep.consoleSessionAfterExpiryMs) } } });
  // Only handled updates: one still being handled (done = false) is never removed here.
  const processedUpdates = await db.processedUpdate.deleteMany({
    where: { done: true, processedAt: { lt: before(keep.processedUpdateMs) } },
  });
  // The outbox measures age on its own clock (the wall clock in the app): shift the period by
  // how far `now` is from it, so that a `now` given here (a test, a catch-up run) counts the same.
  const outboxSent = await outbox.prune(keep.outboxSentDays - (now.getTime() - Date.now()) / DAY);
  const chatGates = await createChatGate(db).prune(keep.chatGateIdleMs, now);
  return {
    sessions: sessions.count,
    codeAttempts: codeAttempts.count,
    consoleSessions: consoleSessions.count,
    processedUpdates: processedUpdates.count,
    outbox: outboxSent,
    chatGates,
  };
}
