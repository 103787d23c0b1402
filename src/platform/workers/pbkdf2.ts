import { pbkdf2Async } from "@noble/hashes/pbkdf2.js";
import { sha256 } from "@noble/hashes/sha2.js";
import type { Pbkdf2 } from "../ports";

/**
 * workerd refuses WebCrypto PBKDF2 above 100,000 iterations (cloudflare/workerd#1346),
 * below OWASP's 600,000 for SHA-256, so Workers derives in audited pure JS. The
 * output is the same PBKDF2, so hashes move freely between the two hosts.
 */
export const noblePbkdf2: Pbkdf2 = {
  sha256(password, salt, iterations, bytes) {
    return pbkdf2Async(sha256, password, salt, { c: iterations, dkLen: bytes, asyncTick: 50 });
  },
};
