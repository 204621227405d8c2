// First-run setup: while no active admin exists, the server prints a one-time link at start, and
// whoever holds it chooses the first admin's email and password in the browser. The running server
// creates the account itself, so nobody needs a second process on the embedded database.
// Only a hash of the link's token is stored; it expires, works once, and stops working the moment
// any admin exists (made through the link, the console or the command).
import type { Db } from "../../db/client.js";
import { normaliseEmail, type StaffAccountRecord } from "./accounts.js";

export const SETUP_LINK_TTL_MS = 24 * 60 * 60 * 1000;
/** Serialises completions (two tabs, two links from two restarts): exactly one first admin. */
const SETUP_LOCK_KEY = 7_204_113;

const hex = (bytes: ArrayBuffer | Uint8Array) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
const sha256 = async (text: string) => hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
/** 32 random bytes, URL-safe: 256 bits, not guessable. */
const newToken = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const tokenShape = /^[A-Za-z0-9_-]{43}$/;

export type SetupCompletion = { ok: true; account: StaffAccountRecord } | { ok: false; reason: "invalid" | "admin_exists" | "email_taken" };

export function createSetupLinks(db: Db, now: () => Date = () => new Date()) {
  const adminExists = async (client: Pick<Db, "staffAccount"> = db) =>
    (await client.staffAccount.count({ where: { role: "ADMIN", active: true } })) > 0;
  /** The token's row if it can still be used now. */
  const usable = async (client: Pick<Db, "setupToken">, token: string) => {
    if (!tokenShape.test(token)) return undefined;
    const row = await client.setupToken.findUnique({ where: { tokenHash: await sha256(token) } });
    return row && !row.usedAt && row.expiresAt > now() ? row : undefined;
  };

  return {
    adminExists: () => adminExists(),

    /**
     * A fresh link's token, or undefined when an admin exists. Links printed at an earlier start
     * stop working: only the newest printed one is valid.
     */
    async issue(ttlMs = SETUP_LINK_TTL_MS): Promise<string | undefined> {
      if (await adminExists()) return undefined;
      const token = newToken();
      await db.$transaction([
        db.setupToken.deleteMany({}),
        db.setupToken.create({ data: { tokenHash: await sha256(token), expiresAt: new Date(now().getTime() + ttlMs) } }),
      ]);
      return token;
    },

    /** Whether the link can be used now (to show the form or say it has run out). */
    async check(token: string): Promise<"ok" | "invalid" | "admin_exists"> {
      if (!(await usable(db, token))) return "invalid";
      return (await adminExists()) ? "admin_exists" : "ok";
    },

    /**
     * Creates the first admin with a password hashed by the caller (hashing is slow: not inside
     * the transaction). The token is spent in the same transaction, with every other one.
     */
    async complete(token: string, input: { email: string; passwordHash: string }): Promise<SetupCompletion> {
      return db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK_KEY})`;
        if (!(await usable(tx, token))) return { ok: false, reason: "invalid" } as const;
        if (await adminExists(tx)) return { ok: false, reason: "admin_exists" } as const;
        const email = normaliseEmail(input.email);
        // Nothing is spent: the person may choose another email with the same link.
        if (await tx.staffAccount.findUnique({ where: { email } })) return { ok: false, reason: "email_taken" } as const;
        const account = await tx.staffAccount.create({ data: { email, passwordHash: input.passwordHash, role: "ADMIN", regions: [] } });
        await tx.setupToken.updateMany({ where: { usedAt: null }, data: { usedAt: now() } });
        return { ok: true, account } as const;
      });
    },
  };
}

export type SetupLinks = ReturnType<typeof createSetupLinks>;
