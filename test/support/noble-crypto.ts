/**
 * @module
 * Hashing and AES-GCM in pure JS (@noble): the Workers host's HostCrypto until the
 * Worker ran with nodejs_compat and got node:crypto's synchronous calls. Kept as an
 * implementation independent of OpenSSL/BoringSSL that node:crypto's output is checked
 * against (test/node/host-crypto.test.ts) and timed against (`npm run bench:crypto`).
 */
import { gcm } from "@noble/ciphers/aes.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import type { CryptoInput, HostCrypto } from "../../src/platform/ports";

const encoder = new TextEncoder();
const bytes = (input: CryptoInput) => (typeof input === "string" ? encoder.encode(input) : input);

export const nobleCrypto: HostCrypto = {
  name: "noble",
  sha256: (data) => sha256(bytes(data)),
  hmacSha256: (key, data) => hmac(sha256, bytes(key), bytes(data)),
  hkdfSha256: (secret, salt, info, length) => hkdf(sha256, secret, salt, bytes(info), length),
  aesGcmEncrypt: (key, iv, plaintext) => gcm(key, iv).encrypt(bytes(plaintext)),
  aesGcmDecrypt: (key, iv, sealed) => gcm(key, iv).decrypt(sealed),
};
