// Staff passwords: scrypt (memory-hard) from @noble/hashes, which runs the same on Node and
// Workers. Stored as "scrypt$N$r$p$salt$hash" so parameters can be raised later.
// Each hash costs ~32 MB and close to a second of CPU, so at most HASH_SLOTS run at a time in a
// process; a few more may wait briefly, the rest are told to try again (PasswordBusyError).
// Strength is judged by zxcvbn-ts (dictionaries of common and leaked passwords, keyboard
// patterns, dates, repeats), which is plain JavaScript and runs on Workers too.
import { scryptAsync } from "@noble/hashes/scrypt.js";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

const PARAMS = { N: 2 ** 15, r: 8, p: 1, dkLen: 32 };
const encoder = new TextEncoder();
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export const MIN_PASSWORD_LENGTH = 12;
/** Longer passwords are refused before any hashing: a huge one must not cost a huge hash. */
export const MAX_PASSWORD_LENGTH = 256;
/** zxcvbn score (0-4) a new password needs: 3 = about 10^8 guesses or more. */
export const MIN_PASSWORD_SCORE = 3;

/** Hashes running at once in this process, and how many more may queue, and for how long. */
export const hashLimits = { slots: 2, queue: 32, waitMs: 10_000 };

export class PasswordBusyError extends Error {
  constructor() {
    super("too many password checks at once; try again");
    this.name = "PasswordBusyError";
  }
}

let running = 0;
const waiting: (() => void)[] = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= hashLimits.slots) {
    if (waiting.length >= hashLimits.queue) throw new PasswordBusyError();
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const i = waiting.indexOf(go);
        if (i >= 0) waiting.splice(i, 1);
        reject(new PasswordBusyError());
      }, hashLimits.waitMs);
      waiting.push(go);
    });
  } else {
    running += 1;
  }
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next in line, or give it back.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

/** A running average of how long a real check takes, so a refused attempt can take as long. */
let typicalCheckMs = 500;
export const typicalPasswordCheckMs = () => typicalCheckMs;

export async function hashPassword(password: string): Promise<string> {
  if (password.length > MAX_PASSWORD_LENGTH) throw new Error("password too long");
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await withHashSlot(() => scryptAsync(encoder.encode(password), salt, PARAMS));
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${b64(salt)}$${b64(hash)}`;
}

/** Same cost as a real check, for an unknown email. */
export const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const [kind, n, r, p, salt, hash] = stored.split("$");
  if (kind !== "scrypt" || !salt || !hash) return false;
  // Never let a stored value ask for more than today's cost.
  if (Number(n) > PARAMS.N || Number(r) > PARAMS.r || Number(p) > PARAMS.p) return false;
  const expected = unb64(hash);
  // performance.now, not Date: tests fake Date, and on Workers it moves only between I/O (then 0).
  const started = performance.now();
  const actual = await withHashSlot(() =>
    scryptAsync(encoder.encode(password), unb64(salt), { N: Number(n), r: Number(r), p: Number(p), dkLen: expected.length }),
  );
  const took = performance.now() - started;
  if (took > 0 && took < 60_000) typicalCheckMs = Math.round(typicalCheckMs * 0.8 + took * 0.2);
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected[i]! ^ actual[i]!;
  return diff === 0 && actual.length === expected.length;
}

export type PasswordProblem = "too_short" | "too_long" | "too_weak" | "has_control";

let zxcvbn: ZxcvbnFactory | undefined;
const strength = () =>
  (zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...dictionary },
    graphs: adjacencyGraphs,
    useLevenshteinDistance: true,
    maxLength: MAX_PASSWORD_LENGTH,
  }));

/** Words anyone would try first against this console. */
const SITE_WORDS = [
  "bala",
  "balahelp",
  "help",
  "ombudsman",
  "console",
  "kazakhstan",
  "qazaqstan",
  "astana",
  "almaty",
  "admin",
  "operator",
  "supervisor",
  "bala-help",
];

/**
 * Why a new password is refused, or undefined when it is fine: 12-256 characters, no control
 * characters, and not guessable (zxcvbn score 3 or more, counting the email and site words).
 */
export function passwordProblem(password: string, context: { email?: string | undefined } = {}): PasswordProblem | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return "too_short";
  if (password.length > MAX_PASSWORD_LENGTH) return "too_long";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(password)) return "has_control";
  const email = context.email?.toLowerCase() ?? "";
  const inputs = [...SITE_WORDS, ...(email ? [email, ...email.split(/[@.\-_+]/).filter((w) => w.length >= 3)] : [])];
  if (strength().check(password, inputs).score < MIN_PASSWORD_SCORE) return "too_weak";
  return undefined;
}

/** A random temporary password for an admin's reset: 20 characters, about 100 bits. */
export function temporaryPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]!);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join("")).join("-");
}
