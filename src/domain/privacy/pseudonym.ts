// People are known only by pseudonyms: HMAC-SHA256 of their Telegram id under a key derived from
// APP_SECRET. The same child always gets the same pseudonym; without the secret, it cannot be
// turned back into the id (Telegram ids are small enough to brute-force a plain hash).
import { webCrypto, type CryptoProvider } from "./crypto-provider.js";

export { deriveKey } from "./crypto-provider.js";

export interface Pseudonymizer {
  /** A stable, non-reversible key for a Telegram user. */
  forUser(telegramUserId: number): Promise<string>;
}

function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function createPseudonymizer(appSecret: string, provider: CryptoProvider = webCrypto): Pseudonymizer {
  const key = provider.hmacKey(appSecret, "pseudonym:telegram-user:v1");
  return {
    async forUser(telegramUserId) {
      return toBase64Url(await key.sign(String(telegramUserId))).slice(0, 32);
    },
  };
}
