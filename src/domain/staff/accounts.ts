// Staff accounts and console sessions: sign-in with lockout, optional TOTP (required for
// admins), idle and absolute timeouts, and disabling that ends every session at once.
import { Secret, TOTP } from "otpauth";
import type { Db } from "../../db/client.js";
import type { Sealer } from "../privacy/encryption.js";
import { hashPassword, verifyPassword } from "./passwords.js";

export type Role = "OPERATOR" | "SUPERVISOR" | "ADMIN";
export type StaffAccountRecord = NonNullable<Awaited<ReturnType<Db["staffAccount"]["findUnique"]>>>;

export const sessionPolicy = {
  idleMs: 30 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
  maxFailures: 5,
  lockMs: 15 * 60 * 1000,
};

const hex = (bytes: ArrayBuffer | Uint8Array) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
const randomToken = () => hex(crypto.getRandomValues(new Uint8Array(32)));
const sha256 = async (text: string) => hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));

export type SignInResult =
  | { ok: true; token: string; pendingTotp: boolean; account: StaffAccountRecord }
  | { ok: false; reason: "invalid" | "locked" | "disabled" };

export function createAccounts(db: Db, sealer: Sealer, now: () => Date = () => new Date()) {
  const totpFor = (secret: string, email: string) => new TOTP({ issuer: "Bala Help console", label: email, secret: Secret.fromBase32(secret), digits: 6, period: 30 });

  return {
    async create(input: { email: string; password: string; role: Role; regions?: string[] }): Promise<StaffAccountRecord> {
      return db.staffAccount.create({
        data: { email: input.email.trim().toLowerCase(), passwordHash: await hashPassword(input.password), role: input.role, regions: input.regions ?? [] },
      });
    },

    async signIn(email: string, password: string): Promise<SignInResult> {
      const account = await db.staffAccount.findUnique({ where: { email: email.trim().toLowerCase() } });
      if (!account) {
        // Same work as a real check, so timing does not tell which emails exist.
        await verifyPassword(password, "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        return { ok: false, reason: "invalid" };
      }
      if (account.lockedUntil && account.lockedUntil > now()) return { ok: false, reason: "locked" };
      if (!(await verifyPassword(password, account.passwordHash))) {
        return { ok: false, reason: (await this.recordFailure(account.id)) ? "locked" : "invalid" };
      }
      if (!account.active) return { ok: false, reason: "disabled" };
      await db.staffAccount.update({ where: { id: account.id }, data: { failedLogins: 0, lockedUntil: null } });
      const token = randomToken();
      const pendingTotp = account.totpSealed !== null;
      await db.consoleSession.create({
        data: { tokenHash: await sha256(token), accountId: account.id, csrfToken: randomToken(), pendingTotp, expiresAt: new Date(now().getTime() + sessionPolicy.absoluteMs) },
      });
      return { ok: true, token, pendingTotp, account };
    },

    /**
     * The session behind a cookie, if it is still valid. A person's own actions keep it alive;
     * background polling (`touch: false`) does not, so an unattended screen still times out.
     */
    async session(token: string | undefined, options: { touch?: boolean } = {}) {
      if (!token) return undefined;
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

    /**
     * Counts a failed password or second-factor attempt; true when that locks the account.
     * The increment is atomic, so parallel guesses cannot slip past the limit.
     */
    async recordFailure(accountId: string): Promise<boolean> {
      const { failedLogins } = await db.staffAccount.update({ where: { id: accountId }, data: { failedLogins: { increment: 1 } }, select: { failedLogins: true } });
      if (failedLogins < sessionPolicy.maxFailures) return false;
      await db.staffAccount.update({ where: { id: accountId }, data: { failedLogins: 0, lockedUntil: new Date(now().getTime() + sessionPolicy.lockMs) } });
      // A lock also ends sessions half-way through sign-in (password right, code not yet).
      await db.consoleSession.deleteMany({ where: { accountId } });
      return true;
    },

    async signOut(token: string): Promise<void> {
      await db.consoleSession.deleteMany({ where: { tokenHash: await sha256(token) } });
    },

    async verifyTotp(account: StaffAccountRecord, code: string): Promise<boolean> {
      if (!account.totpSealed) return false;
      const secret = await sealer.open(account.totpSealed, `totp:${account.id}`);
      if (totpFor(secret, account.email).validate({ token: code.replace(/\s/g, ""), window: 1 }) !== null) {
        await db.staffAccount.update({ where: { id: account.id }, data: { failedLogins: 0 } });
        return true;
      }
      // Wrong codes count like wrong passwords: five lock the account and end its sessions.
      await this.recordFailure(account.id);
      return false;
    },

    async completeTotp(sessionId: string): Promise<void> {
      await db.consoleSession.update({ where: { id: sessionId }, data: { pendingTotp: false } });
    },

    /** A new secret to show once (otpauth:// URI for an authenticator app). */
    newTotpSecret(email: string): { secret: string; uri: string } {
      const secret = new Secret({ size: 20 });
      return { secret: secret.base32, uri: totpFor(secret.base32, email).toString() };
    },

    codeFor(secret: string, email: string, timestamp = now().getTime()): string {
      return totpFor(secret, email).generate({ timestamp });
    },

    async enableTotp(account: StaffAccountRecord, secret: string, code: string): Promise<boolean> {
      if (totpFor(secret, account.email).validate({ token: code.replace(/\s/g, ""), window: 1 }) === null) return false;
      await db.staffAccount.update({ where: { id: account.id }, data: { totpSealed: await sealer.seal(secret, `totp:${account.id}`) } });
      return true;
    },

    async setActive(accountId: string, active: boolean): Promise<void> {
      await db.staffAccount.update({ where: { id: accountId }, data: { active } });
      // Disabling a person ends their sessions at once.
      if (!active) await db.consoleSession.deleteMany({ where: { accountId } });
    },

    list: () => db.staffAccount.findMany({ orderBy: { email: "asc" } }),
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
