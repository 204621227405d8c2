// Encryption at rest: AES-256-GCM with a key derived from APP_SECRET (HKDF, purpose-bound).
// Sealed values are text ("v1.<iv>.<ciphertext>") so they fit ordinary columns.
import { webCrypto, type CryptoProvider } from "./crypto-provider.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface Sealer {
  seal(plaintext: string, context?: string): Promise<string>;
  open(sealed: string, context?: string): Promise<string>;
}

// Plain loops: a callback or an iterator per byte costs more than the cipher itself on Node.
const b64 = (bytes: Uint8Array): string => {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
};
const unb64 = (text: string): Uint8Array => {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
};

export function createSealer(appSecret: string, provider: CryptoProvider = webCrypto): Sealer {
  const key = provider.aesGcmKey(appSecret, "data-at-rest:aes-gcm:v1");
  return {
    async seal(plaintext, context = "") {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      // The context (e.g. "session") is authenticated, so a value cannot be moved to another use.
      const data = await key.encrypt(iv, encoder.encode(plaintext), encoder.encode(context));
      return `v1.${b64(iv)}.${b64(data)}`;
    },
    async open(sealed, context = "") {
      const [version, iv, data] = sealed.split(".");
      if (version !== "v1" || !iv || !data) throw new Error("Not a sealed value");
      return decoder.decode(await key.decrypt(unb64(iv), unb64(data), encoder.encode(context)));
    },
  };
}
