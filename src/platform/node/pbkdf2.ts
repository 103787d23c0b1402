import type { Pbkdf2 } from "../ports";

/** Node's WebCrypto PBKDF2 runs natively off the main thread, at any iteration count. */
export const webCryptoPbkdf2: Pbkdf2 = {
  async sha256(password, salt, iterations, bytes) {
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, [
      "deriveBits",
    ]);
    const bits = await crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
      key,
      bytes * 8,
    );
    return new Uint8Array(bits);
  },
};
