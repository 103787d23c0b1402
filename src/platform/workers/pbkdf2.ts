import { pbkdf2Async } from "@noble/hashes/pbkdf2.js";
import { sha256 } from "@noble/hashes/sha2.js";
import type { PasswordKdf } from "../ports";

/**
 * Only for PBKDF2 hashes stored before argon2id, each verified once and then
 * replaced (2-3 s of CPU at 600,000 iterations, once per account). workerd refuses
 * PBKDF2 above 100,000 iterations (cloudflare/workerd#1346), through WebCrypto and
 * through node:crypto alike (its pbkdf2 runs the same checkPbkdfLimits; the local
 * workerd lets 600,000 through, production does not), so Workers derives in audited
 * pure JS; the output is the same PBKDF2 as Node's.
 */
export const noblePbkdf2: PasswordKdf["pbkdf2Sha256"] = (password, salt, iterations, bytes) =>
  pbkdf2Async(sha256, password, salt, { c: iterations, dkLen: bytes, asyncTick: 50 });
