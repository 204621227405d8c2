// The two primitives the privacy layer is built on, behind one interface: HMAC-SHA256 and
// AES-256-GCM, each with its own key derived from APP_SECRET by HKDF-SHA256 (salt
// "bala-help-bot", info = the purpose). Web Crypto, here, runs everywhere (Workers, Node); the
// Node entry passes node:crypto's (src/entry/node-crypto.ts) instead, which answers at once
// rather than through a thread-pool hop and a promise per call. Both derive the same key bytes
// and write the same bytes (ciphertext then the 16-byte tag), so each reads what the other wrote.

const encoder = new TextEncoder();
export const HKDF_SALT = "bala-help-bot";

export interface MacKey {
  sign(data: string): Promise<Uint8Array>;
}

export interface AeadKey {
  /** Ciphertext followed by the 16-byte authentication tag. */
  encrypt(iv: Uint8Array, plaintext: Uint8Array, additionalData: Uint8Array): Promise<Uint8Array>;
  /** Rejects when the tag does not match (wrong key, wrong context, altered bytes). */
  decrypt(iv: Uint8Array, sealed: Uint8Array, additionalData: Uint8Array): Promise<Uint8Array>;
}

export interface CryptoProvider {
  hmacKey(appSecret: string, purpose: string): MacKey;
  aesGcmKey(appSecret: string, purpose: string): AeadKey;
}

/** Derives a purpose-bound subkey, so one secret can serve pseudonyms and encryption safely. */
export async function deriveKey(appSecret: string, purpose: string, usage: "sign" | "encrypt"): Promise<CryptoKey> {
  const root = await crypto.subtle.importKey("raw", encoder.encode(appSecret), "HKDF", false, ["deriveKey"]);
  const params = { name: "HKDF", hash: "SHA-256", salt: encoder.encode(HKDF_SALT), info: encoder.encode(purpose) };
  return usage === "sign"
    ? crypto.subtle.deriveKey(params, root, { name: "HMAC", hash: "SHA-256", length: 256 }, false, ["sign"])
    : crypto.subtle.deriveKey(params, root, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

// Web Crypto wants an ArrayBuffer-backed view; a Node Buffer may sit in a shared pool.
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> =>
  bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);

export const webCrypto: CryptoProvider = {
  hmacKey(appSecret, purpose) {
    const key = deriveKey(appSecret, purpose, "sign");
    return { sign: async (data) => new Uint8Array(await crypto.subtle.sign("HMAC", await key, encoder.encode(data))) };
  },
  aesGcmKey(appSecret, purpose) {
    const key = deriveKey(appSecret, purpose, "encrypt");
    return {
      encrypt: async (iv, plaintext, additionalData) =>
        new Uint8Array(
          await crypto.subtle.encrypt({ name: "AES-GCM", iv: own(iv), additionalData: own(additionalData) }, await key, own(plaintext)),
        ),
      decrypt: async (iv, sealed, additionalData) =>
        new Uint8Array(
          await crypto.subtle.decrypt({ name: "AES-GCM", iv: own(iv), additionalData: own(additionalData) }, await key, own(sealed)),
        ),
    };
  },
};
