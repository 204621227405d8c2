// Staff accounts and console sessions: sign-in throttled per email and per client address
// (growing delays, no hard lock), a second factor for every role (TOTP, with single-use
// recovery codes), codes never accepted twice, a new session token after each step, idle and
// absolute timeouts, password changes, admin resets, and disabling that ends every session.
import { Secret, TOTP } from "otpauth";
import type { Db } from "../../db/client.js";
import type { Sealer } from "../privacy/encryption.js";
import {
  DUMMY_HASH,
  hashPassword,
  passwordProblem,
  temporaryPassword,
  typicalPasswordCheckMs,
  verifyPassword,
  type PasswordProblem,
} from "./passwords.js";
import { createThrottle, throttlePolicies } from "./throttle.js";

export type Role = "OPERATOR" | "SUPERVISOR" | "ADMIN";
export type StaffAccountRecord = NonNullable<Awaited<ReturnType<Db["staffAccount"]["findUnique"]>>>;

export const sessionPolicy = {
  idleMs: 30 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
};

export const TOTP_PERIOD_S = 30;
export const RECOVERY_CODE_COUNT = 10;

const hex = (bytes: ArrayBuffer | Uint8Array) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
const randomToken = () => hex(crypto.getRandomValues(new Uint8Array(32)));
const sha256 = async (text: string) => hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Crockford's base32 (no i, l, o, u): 10 characters are 50 random bits. */
const RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const newRecoveryCode = () => {
  const chars = Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) => RECOVERY_ALPHABET[b & 31]!).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
};
const normaliseRecovery = (code: string) => code.toLowerCase().replace(/[\s-]/g, "");
const recoveryHash = (accountId: string, code: string) => sha256(`recovery:${accountId}:${normaliseRecovery(code)}`);

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
const emailKey = async (email: string) => `email:${await sha256(normaliseEmail(email))}`;
const addressKey = (address: string | undefined) => (address && address !== "unknown" ? `addr:${address}` : undefined);
const totpKey = (accountId: string) => `totp:${accountId}`;

/**
 * "throttled", "invalid" and "disabled" are for the audit log only: the person signing in sees
 * one answer for all three, after about the same time.
 */
export type SignInResult =
  { ok: true; token: string; account: StaffAccountRecord } | { ok: false; reason: "invalid" | "throttled" | "disabled" };

export type SecondFactorResult =
  { ok: true; token: string; via: "totp" | "recovery" } | { ok: false; reason: "wrong" | "throttled" | "ended" };

export type PasswordChangeResult =
  { ok: true; token: string } | { ok: false; reason: "wrong_current" | "throttled" | "same" | PasswordProblem };

export function createAccounts(db: Db, sealer: Sealer, now: () => Date = () => new Date()) {
  const throttle = createThrottle(db, now);
  const totpFor = (secret: string, email: string) =>
    new TOTP({ issuer: "Bala Help console", label: email, secret: Secret.fromBase32(secret), digits: 6, period: TOTP_PERIOD_S });
  /** The time step a code matches (within one step either side), or undefined. */
  const matchingStep = (secret: string, email: string, code: string): number | undefined => {
    const timestamp = now().getTime();
    const delta = totpFor(secret, email).validate({ token: code, timestamp, window: 1 });
    return delta === null ? undefined : Math.floor(timestamp / 1000 / TOTP_PERIOD_S) + delta;
  };
  const newSession = async (accountId: string) => {
    const token = randomToken();
    await db.consoleSession.create({
      data: {
        tokenHash: await sha256(token),
        accountId,
        csrfToken: randomToken(),
        pendingTotp: true,
        expiresAt: new Date(now().getTime() + sessionPolicy.absoluteMs),
      },
    });
    return token;
  };
  /** A new cookie token (and CSRF token) for a session; the old token stops working at once. */
  const renew = async (sessionId: string, data: { pendingTotp?: boolean } = {}) => {
    const token = randomToken();
    await db.consoleSession.update({
      where: { id: sessionId },
      data: { tokenHash: await sha256(token), csrfToken: randomToken(), lastSeenAt: now(), ...data },
    });
    return token;
  };
  const recoveryCodesFor = async (accountId: string) => {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    return { codes, hashes: await Promise.all(codes.map((c) => recoveryHash(accountId, c))) };
  };

  return {
    async create(input: {
      email: string;
      password: string;
      role: Role;
      regions?: string[];
      mustChangePassword?: boolean;
    }): Promise<StaffAccountRecord> {
      return db.staffAccount.create({
        data: {
          email: normaliseEmail(input.email),
          passwordHash: await hashPassword(input.password),
          role: input.role,
          regions: input.regions ?? [],
          mustChangePassword: input.mustChangePassword ?? false,
        },
      });
    },

    /**
     * The password step. The attempt is charged to the client's address and to the email typed
     * before anything is hashed; a throttled attempt is not hashed at all but takes as long as a
     * real check. A success starts a new half-signed-in session (second factor to come) and ends
     * the session the browser came with, if any.
     */
    async signIn(
      email: string,
      password: string,
      options: { address?: string; previousToken?: string | undefined } = {},
    ): Promise<SignInResult> {
      const keys = { email: await emailKey(email), address: addressKey(options.address) };
      const byAddress = keys.address ? await throttle.charge(keys.address, throttlePolicies.address) : { allowed: true };
      const byEmail = byAddress.allowed ? await throttle.charge(keys.email, throttlePolicies.email) : { allowed: false };
      if (!byAddress.allowed || !byEmail.allowed) {
        await sleep(typicalPasswordCheckMs());
        return { ok: false, reason: "throttled" };
      }
      const account = await db.staffAccount.findUnique({ where: { email: normaliseEmail(email) } });
      // Same work as a real check, so timing does not tell which emails exist.
      const right = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
      if (!account || !right) return { ok: false, reason: "invalid" };
      if (!account.active) return { ok: false, reason: "disabled" };
      await throttle.clear(keys.email);
      if (keys.address) await throttle.refund(keys.address);
      if (options.previousToken) await db.consoleSession.deleteMany({ where: { tokenHash: await sha256(options.previousToken) } });
      return { ok: true, token: await newSession(account.id), account };
    },

    /**
     * The session behind a cookie, if it is still valid. A person's own actions keep it alive;
     * background polling (`touch: false`) does not, so an unattended screen still times out.
     */
    async session(token: string | undefined, options: { touch?: boolean } = {}) {
      if (!token || token.length > 128) return undefined;
      const session = await db.consoleSession.findUnique({ where: { tokenHash: await sha256(token) }, include: { account: true } });
      if (!session) return undefined;
      const t = now();
      if (session.expiresAt <= t || t.getTime() - session.lastSeenAt.getTime() > sessionPolicy.idleMs || !session.account.active) {
        await db.consoleSession.delete({ where: { id: session.id } }).catch(() => undefined);
        return undefined;
      }
      if (options.touch !== false) await db.consoleSession.update({ where: { id: session.id }, data: { lastSeenAt: t } });
      return session;
    },

    renew,

    /**
     * A half-signed-in session (second factor to come) for an account whose password was just
     * chosen in this very browser: the first admin at the end of the setup link.
     */
    startSession: (accountId: string) => newSession(accountId),

    async signOut(token: string): Promise<void> {
      await db.consoleSession.deleteMany({ where: { tokenHash: await sha256(token) } });
    },

    /**
     * The second factor: a TOTP code (each time step accepted once per account) or an unused
     * recovery code. Wrong codes are counted on their own (a correct password does not reset
     * them); when they reach the limit, half-signed-in sessions end and the password step of the
     * account waits too. Success completes the session under a new token.
     */
    async secondFactor(account: StaffAccountRecord, sessionId: string, input: string): Promise<SecondFactorResult> {
      if (!account.totpSealed) return { ok: false, reason: "wrong" };
      const key = totpKey(account.id);
      const charge = await throttle.charge(key, throttlePolicies.totp);
      if (!charge.allowed) return { ok: false, reason: "throttled" };
      const code = input.replace(/\s/g, "");
      let via: "totp" | "recovery" | undefined;
      if (/^\d{6}$/.test(code)) {
        const secret = await sealer.open(account.totpSealed, `totp:${account.id}`);
        const step = matchingStep(secret, account.email, code);
        if (step !== undefined) {
          // Atomic: of two requests with the same code, one moves the step and the other finds it moved.
          const { count } = await db.staffAccount.updateMany({
            where: { id: account.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
            data: { totpLastStep: step },
          });
          if (count === 1) via = "totp";
        }
      } else if (/^[0-9a-z]{10}$/.test(normaliseRecovery(code))) {
        const hash = await recoveryHash(account.id, code);
        const used =
          await db.$executeRaw`UPDATE "StaffAccount" SET "recoveryCodes" = array_remove("recoveryCodes", ${hash}) WHERE "id" = ${account.id} AND ${hash} = ANY("recoveryCodes")`;
        if (used === 1) via = "recovery";
      }
      if (via) {
        await throttle.clear(key);
        return { ok: true, token: await renew(sessionId, { pendingTotp: false }), via };
      }
      if (charge.failures < throttlePolicies.totp.free) return { ok: false, reason: "wrong" };
      // Too many wrong codes: back to the password, which now waits as long as the codes do.
      await db.consoleSession.deleteMany({ where: { accountId: account.id, pendingTotp: true } });
      await throttle.hold(
        await emailKey(account.email),
        throttlePolicies.email.free,
        Math.max(await throttle.waitUntil(key), now().getTime() + 60_000),
      );
      return { ok: false, reason: "ended" };
    },

    /** A new secret to show once (otpauth:// URI for an authenticator app). */
    newTotpSecret(email: string): { secret: string; uri: string } {
      const secret = new Secret({ size: 20 });
      return { secret: secret.base32, uri: totpFor(secret.base32, email).toString() };
    },

    codeFor(secret: string, email: string, timestamp = now().getTime()): string {
      // The key is shown in groups of four for typing; spaces are not part of it.
      return totpFor(secret.replace(/\s/g, ""), email).generate({ timestamp });
    },

    /**
     * Turns on TOTP for an account that has none, completes the session under a new token, and
     * returns the recovery codes to show once (only their hashes are kept).
     */
    async enableTotp(
      account: StaffAccountRecord,
      sessionId: string,
      secret: string,
      code: string,
    ): Promise<{ token: string; recoveryCodes: string[] } | undefined> {
      const step = matchingStep(secret, account.email, code.replace(/\s/g, ""));
      if (step === undefined) return undefined;
      const { codes, hashes } = await recoveryCodesFor(account.id);
      const { count } = await db.staffAccount.updateMany({
        where: { id: account.id, totpSealed: null },
        data: { totpSealed: await sealer.seal(secret, `totp:${account.id}`), totpLastStep: step, recoveryCodes: hashes },
      });
      if (count !== 1) return undefined;
      return { token: await renew(sessionId, { pendingTotp: false }), recoveryCodes: codes };
    },

    /** Self-service: the current password (counted like a sign-in) and a new one that passes the policy. */
    async changePassword(account: StaffAccountRecord, sessionId: string, current: string, next: string): Promise<PasswordChangeResult> {
      const key = await emailKey(account.email);
      if (!(await throttle.charge(key, throttlePolicies.email)).allowed) return { ok: false, reason: "throttled" };
      if (!(await verifyPassword(current, account.passwordHash))) return { ok: false, reason: "wrong_current" };
      await throttle.clear(key);
      if (next === current) return { ok: false, reason: "same" };
      const problem = passwordProblem(next, { email: account.email });
      if (problem) return { ok: false, reason: problem };
      await db.staffAccount.update({
        where: { id: account.id },
        data: { passwordHash: await hashPassword(next), mustChangePassword: false },
      });
      // Every other browser signed in as this person is signed out.
      await db.consoleSession.deleteMany({ where: { accountId: account.id, id: { not: sessionId } } });
      return { ok: true, token: await renew(sessionId) };
    },

    /**
     * An admin's reset: a random temporary password (to hand over), a change forced at the next
     * sign-in, every session ended, and optionally the second factor set up again.
     */
    async resetPassword(
      accountId: string,
      options: { resetTotp: boolean },
    ): Promise<{ account: StaffAccountRecord; temporary: string } | undefined> {
      const temporary = temporaryPassword();
      const found = await db.staffAccount.findUnique({ where: { id: accountId } });
      if (!found) return undefined;
      const account = await db.staffAccount.update({
        where: { id: accountId },
        data: {
          passwordHash: await hashPassword(temporary),
          mustChangePassword: true,
          ...(options.resetTotp ? { totpSealed: null, totpLastStep: null, recoveryCodes: [] } : {}),
        },
      });
      await db.consoleSession.deleteMany({ where: { accountId } });
      await throttle.clear(await emailKey(account.email));
      return { account, temporary };
    },

    /**
     * An admin's reset of the second factor only: it is set up again at the next sign-in (with
     * new recovery codes), and every session ends now.
     */
    async resetTotp(accountId: string): Promise<StaffAccountRecord | undefined> {
      const { count } = await db.staffAccount.updateMany({
        where: { id: accountId },
        data: { totpSealed: null, totpLastStep: null, recoveryCodes: [] },
      });
      if (count !== 1) return undefined;
      await db.consoleSession.deleteMany({ where: { accountId } });
      return (await db.staffAccount.findUnique({ where: { id: accountId } })) ?? undefined;
    },

    /** Role and regions; takes effect on the person's next request (the session reads the account). */
    async update(accountId: string, change: { role: Role; regions: string[] }): Promise<StaffAccountRecord> {
      return db.staffAccount.update({
        where: { id: accountId },
        data: { role: change.role, regions: change.role === "OPERATOR" ? change.regions : [] },
      });
    },

    /** Active admins other than this account: an admin cannot be demoted or disabled when none is left. */
    otherActiveAdmins: (accountId: string) => db.staffAccount.count({ where: { role: "ADMIN", active: true, id: { not: accountId } } }),

    find: (accountId: string) => db.staffAccount.findUnique({ where: { id: accountId } }),

    async setActive(accountId: string, active: boolean): Promise<void> {
      await db.staffAccount.update({ where: { id: accountId }, data: { active } });
      // Disabling a person ends their sessions at once.
      if (!active) await db.consoleSession.deleteMany({ where: { accountId } });
    },

    list: () => db.staffAccount.findMany({ orderBy: { email: "asc" } }),

    /** Forgets throttle rows nobody needs any more (run with retention). */
    pruneThrottle: () => throttle.prune(),
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
