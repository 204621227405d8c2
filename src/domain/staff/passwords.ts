// Staff passwords: scrypt (memory-hard) from @noble/hashes, which runs the same on Node and
// Workers. Stored as "scrypt$N$r$p$salt$hash" so parameters can be raised later.
import { scryptAsync } from "@noble/hashes/scrypt.js";

const PARAMS = { N: 2 ** 15, r: 8, p: 1, dkLen: 32 };
const encoder = new TextEncoder();
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export const MIN_PASSWORD_LENGTH = 12;
/** Longer passwords are refused before any hashing: a huge one must not cost a huge hash. */
export const MAX_PASSWORD_LENGTH = 256;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await scryptAsync(encoder.encode(password), salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${b64(salt)}$${b64(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const [kind, n, r, p, salt, hash] = stored.split("$");
  if (kind !== "scrypt" || !salt || !hash) return false;
  const expected = unb64(hash);
  const actual = await scryptAsync(encoder.encode(password), unb64(salt), { N: Number(n), r: Number(r), p: Number(p), dkLen: expected.length });
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected[i]! ^ actual[i]!;
  return diff === 0 && actual.length === expected.length;
}

/** A password that is not ridiculous: long enough, not one character repeated. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `at most ${MAX_PASSWORD_LENGTH} characters`;
  if (new Set(password).size < 5) return "too simple";
  return undefined;
}
