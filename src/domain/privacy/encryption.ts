// Encryption at rest: AES-256-GCM with a key derived from APP_SECRET (HKDF, purpose-bound).
// Sealed values are text ("v1.<iv>.<ciphertext>") so they fit ordinary columns.
import { deriveKey } from "./pseudonym.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface Sealer {
  seal(plaintext: string, context?: string): Promise<string>;
  open(sealed: string, context?: string): Promise<string>;
}

const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export function createSealer(appSecret: string): Sealer {
  const key = deriveKey(appSecret, "data-at-rest:aes-gcm:v1", "encrypt");
  return {
    async seal(plaintext, context = "") {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      // The context (e.g. "session") is authenticated, so a value cannot be moved to another use.
      const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(context) }, await key, encoder.encode(plaintext));
      return `v1.${b64(iv)}.${b64(new Uint8Array(data))}`;
    },
    async open(sealed, context = "") {
      const [version, iv, data] = sealed.split(".");
      if (version !== "v1" || !iv || !data) throw new Error("Not a sealed value");
      const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: unb64(iv), additionalData: encoder.encode(context) }, await key, unb64(data));
      return decoder.decode(plain);
    },
  };
}
