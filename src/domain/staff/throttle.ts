// Sign-in throttling that holds under concurrency. Every attempt is charged BEFORE the slow
// password hash, in one INSERT ... ON CONFLICT DO UPDATE ... WHERE ... RETURNING: the row lock
// makes parallel attempts take turns, and an attempt that finds the key still waiting changes
// nothing and gets no row back. There is no hard lock: after `free` failures each further attempt
// must wait base * 2^(n - free) (5 s, 10 s, 20 s ... capped), and failures are forgotten after a
// quiet day. The base is well above one hash, so the first wait is not used up by the check itself.
// Times are epoch milliseconds from the injected clock, so tests can move time with a fake Date.
import type { Db } from "../../db/client.js";

export interface ThrottlePolicy {
  /** Failures allowed before any delay. */
  free: number;
  /** The first wait, doubled with every further failure. */
  baseMs: number;
  /** Longest wait between two attempts once delayed. */
  capMs: number;
  /** A key with no failure for this long starts again from zero. */
  forgetMs: number;
}

export const throttlePolicies = {
  /** Per email typed (known or not, so both behave the same). */
  email: { free: 5, baseMs: 5_000, capMs: 15 * 60_000, forgetMs: 24 * 3600_000 },
  /** Per client address: an office behind one NAT signs in many people, so more room. */
  address: { free: 30, baseMs: 5_000, capMs: 15 * 60_000, forgetMs: 24 * 3600_000 },
  /** Per account's second factor; a correct password does not reset it. */
  totp: { free: 5, baseMs: 5_000, capMs: 15 * 60_000, forgetMs: 24 * 3600_000 },
} satisfies Record<string, ThrottlePolicy>;

export interface Charge {
  allowed: boolean;
  /** Failures counted so far, this attempt included (0 when refused). */
  failures: number;
}

export function createThrottle(db: Db, now: () => Date = () => new Date()) {
  const delayAfter = (failures: number, p: ThrottlePolicy) =>
    failures >= p.free ? Math.min(p.baseMs * 2 ** Math.min(failures - p.free, 40), p.capMs) : 0;

  return {
    /** Counts one attempt as a failure until proven otherwise; refused while the key must wait. */
    async charge(key: string, p: ThrottlePolicy): Promise<Charge> {
      const t = now().getTime();
      const rows = await db.$queryRaw<{ failures: number }[]>`
        INSERT INTO "SignInThrottle" ("key", "failures", "lastFailureMs", "nextAllowedMs")
        VALUES (${key}, 1, ${t}::bigint, ${t + delayAfter(1, p)}::bigint)
        ON CONFLICT ("key") DO UPDATE SET
          "failures" = CASE WHEN "SignInThrottle"."lastFailureMs" < ${t - p.forgetMs}::bigint THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
          "lastFailureMs" = ${t}::bigint,
          "nextAllowedMs" = ${t}::bigint + CASE
            WHEN "SignInThrottle"."lastFailureMs" < ${t - p.forgetMs}::bigint OR "SignInThrottle"."failures" + 1 < ${p.free}::int THEN 0
            ELSE LEAST(${p.baseMs}::bigint * power(2, LEAST("SignInThrottle"."failures" + 1 - ${p.free}::int, 40)), ${p.capMs}::bigint)::bigint
          END
        WHERE "SignInThrottle"."nextAllowedMs" <= ${t}::bigint
        RETURNING "failures"`;
      const row = rows[0];
      return row ? { allowed: true, failures: Number(row.failures) } : { allowed: false, failures: 0 };
    },

    /** The attempt succeeded: forget the key's failures. */
    async clear(key: string): Promise<void> {
      await db.signInThrottle.deleteMany({ where: { key } });
    },

    /** The attempt succeeded but the key is shared (an address): take back this one charge only. */
    async refund(key: string): Promise<void> {
      await db.$executeRaw`UPDATE "SignInThrottle" SET "failures" = GREATEST("failures" - 1, 0) WHERE "key" = ${key}`;
    },

    /** Makes a key wait at least until `untilMs`, as if it had `failures` failures (never less). */
    async hold(key: string, failures: number, untilMs: number): Promise<void> {
      const t = now().getTime();
      await db.$executeRaw`
        INSERT INTO "SignInThrottle" ("key", "failures", "lastFailureMs", "nextAllowedMs")
        VALUES (${key}, ${failures}::int, ${t}::bigint, ${untilMs}::bigint)
        ON CONFLICT ("key") DO UPDATE SET
          "failures" = GREATEST("SignInThrottle"."failures", ${failures}::int),
          "lastFailureMs" = ${t}::bigint,
          "nextAllowedMs" = GREATEST("SignInThrottle"."nextAllowedMs", ${untilMs}::bigint)`;
    },

    async waitUntil(key: string): Promise<number> {
      const row = await db.signInThrottle.findUnique({ where: { key } });
      return row ? Number(row.nextAllowedMs) : 0;
    },

    /** Drops keys nobody has failed on for longer than any policy remembers. */
    async prune(): Promise<number> {
      const before = now().getTime() - Math.max(...Object.values(throttlePolicies).map((p) => p.forgetMs));
      return (
        await db.signInThrottle.deleteMany({
          where: { lastFailureMs: { lt: BigInt(before) }, nextAllowedMs: { lt: BigInt(now().getTime()) } },
        })
      ).count;
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;
