/**
 * @module
 * Hashing and AES-GCM in pure JS (@noble): the Workers host's, and the default on any
 * host until its entry installs its own (src/platform/host-crypto.ts). workerd's
 * `crypto.subtle` is asynchronous only, and these run synchronously on hot paths.
 */
import { gcm } from "@noble/ciphers/aes.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import type { CryptoInput, HostCrypto } from "../ports";

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
