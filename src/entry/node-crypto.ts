// node:crypto behind the privacy layer's interface (src/domain/privacy/crypto-provider.ts): the
// same HKDF-derived keys and the same bytes as Web Crypto, computed synchronously in OpenSSL
// instead of a thread-pool job and a promise per HMAC or seal. Only the Node entry uses it; the
// Worker keeps Web Crypto.
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync } from "node:crypto";
import { HKDF_SALT, type CryptoProvider } from "../domain/privacy/crypto-provider.js";

const TAG_BYTES = 16;
// A KeyObject made once: given raw bytes, node:crypto would build one on every HMAC and cipher
// (measured: about 2.5% of an update's CPU in the full bot).
const derive = (appSecret: string, purpose: string) => createSecretKey(Buffer.from(hkdfSync("sha256", appSecret, HKDF_SALT, purpose, 32)));

export const nodeCrypto: CryptoProvider = {
  hmacKey(appSecret, purpose) {
    const key = derive(appSecret, purpose);
    return { sign: async (data) => createHmac("sha256", key).update(data).digest() };
  },
  aesGcmKey(appSecret, purpose) {
    const key = derive(appSecret, purpose);
    return {
      async encrypt(iv, plaintext, additionalData) {
        const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
        cipher.setAAD(additionalData);
        return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      },
      async decrypt(iv, sealed, additionalData) {
        if (sealed.length < TAG_BYTES) throw new Error("Sealed value too short");
        const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(additionalData);
        decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
        return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
      },
    };
  },
};
