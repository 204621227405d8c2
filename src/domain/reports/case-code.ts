// The case code is the child's key to a report from any account: a password, so it is random
// (10 characters from 31 unambiguous ones: ~49.5 bits), shown once, and stored only as an HMAC.
import { webCrypto, type CryptoProvider } from "../privacy/crypto-provider.js";

// No 0/O, 1/I/L: easy to read back from a note or a screenshot.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const LENGTH = 10;
const CODE_HINT_LENGTH = 2;

export interface CaseCodes {
  /** A new code, formatted for people: "K7QMX-2PA9R". */
  generate(): string;
  /** The code of a draft: the same draft always gets the same code (so a second Send shows it again). */
  forDraft(draftKey: string): Promise<string>;
  /** The stored form of a code, whatever spacing or case the child typed. */
  hash(code: string): Promise<string>;
  /** The first characters, which staff and the child may both see. */
  hint(code: string): string;
}

/** Uppercase, without spaces or dashes; undefined when it cannot be a code. */
export function normalizeCode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s\-_.]/g, "");
  if (compact.length !== LENGTH) return undefined;
  return [...compact].every((c) => ALPHABET.includes(c)) ? compact : undefined;
}

/** True for text written the way the bot shows codes ("K7QMX-2PA9R"), not any 10-letter word. */
export function looksLikeCode(input: string): boolean {
  return /^\s*[a-z0-9]{5}[-\s][a-z0-9]{5}\s*$/i.test(input) && normalizeCode(input) !== undefined;
}

/** A code written inside a sentence ("мой код H2GQG-NJ7Z4"), as the bot shows codes; or undefined. */
export function codeInText(input: string): string | undefined {
  for (const m of input.matchAll(/(?<![a-z0-9])([a-z0-9]{5}[-\s][a-z0-9]{5})(?![a-z0-9])/gi)) {
    if (normalizeCode(m[1]!) !== undefined) return m[1];
  }
  return undefined;
}

export function createCaseCodes(appSecret: string, provider: CryptoProvider = webCrypto): CaseCodes {
  const key = provider.hmacKey(appSecret, "case-code:v1");
  const draftCodeKey = provider.hmacKey(appSecret, "case-code-draft:v1");
  const format = (chars: string[]) => `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
  return {
    async forDraft(draftKey) {
      // Unpredictable without APP_SECRET, like a random code; rejection sampling as below.
      const chars: string[] = [];
      for (let round = 0; chars.length < LENGTH; round++) {
        const mac = await draftCodeKey.sign(`${round}:${draftKey}`);
        for (const byte of mac) if (byte < 248 && chars.length < LENGTH) chars.push(ALPHABET[byte % ALPHABET.length]!);
      }
      return format(chars);
    },
    generate() {
      // Rejection sampling keeps every character equally likely.
      const chars: string[] = [];
      while (chars.length < LENGTH) {
        for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
          if (byte < 248 && chars.length < LENGTH) chars.push(ALPHABET[byte % ALPHABET.length]!);
        }
      }
      return format(chars);
    },
    async hash(code) {
      const normalized = normalizeCode(code) ?? code;
      const mac = await key.sign(normalized);
      return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
    },
    hint: (code) => (normalizeCode(code) ?? code).slice(0, CODE_HINT_LENGTH),
  };
}
