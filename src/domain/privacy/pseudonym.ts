// People are known only by pseudonyms: HMAC-SHA256 of their Telegram id under a key derived from
// APP_SECRET. The same child always gets the same pseudonym; without the secret, it cannot be
// turned back into the id (Telegram ids are small enough to brute-force a plain hash).
const encoder = new TextEncoder();

export interface Pseudonymizer {
  /** A stable, non-reversible key for a Telegram user. */
  forUser(telegramUserId: number): Promise<string>;
}

function toBase64Url(bytes: ArrayBuffer): string {
  let s = "";
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Derives a purpose-bound subkey, so one secret can serve pseudonyms and encryption safely. */
export async function deriveKey(appSecret: string, purpose: string, usage: "sign" | "encrypt"): Promise<CryptoKey> {
  const root = await crypto.subtle.importKey("raw", encoder.encode(appSecret), "HKDF", false, ["deriveKey"]);
  const params = { name: "HKDF", hash: "SHA-256", salt: encoder.encode("bala-help-bot"), info: encoder.encode(purpose) };
  return usage === "sign"
    ? crypto.subtle.deriveKey(params, root, { name: "HMAC", hash: "SHA-256", length: 256 }, false, ["sign"])
    : crypto.subtle.deriveKey(params, root, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

export function createPseudonymizer(appSecret: string): Pseudonymizer {
  const key = deriveKey(appSecret, "pseudonym:telegram-user:v1", "sign");
  return {
    async forUser(telegramUserId) {
      const mac = await crypto.subtle.sign("HMAC", await key, encoder.encode(String(telegramUserId)));
      return toBase64Url(mac).slice(0, 32);
    },
  };
}
