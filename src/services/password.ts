/**
 * @module
 * Password hashing: argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane), stored
 * as a PHC string `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` that names its
 * parameters, so they can rise later and old hashes still verify. Hashes from
 * before argon2id (`pbkdf2_sha256$<iterations>$<salt>$<hash>`) still verify, and
 * sign-in replaces them (`checkPassword` hands back the new hash). The derivation
 * itself comes from the host (see `PasswordKdf`).
 */
import type { Argon2Cost, PasswordKdf } from "../platform/ports";
import { fromBase64Url, timingSafeEqual } from "./crypto";

export const ARGON2_COST: Argon2Cost = { memoryKiB: 19_456, passes: 2, parallelism: 1 };
const ARGON2_VERSION = 19;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

/**
 * What a stored hash may ask for: a tampered row must not make a sign-in allocate
 * gigabytes or spin for seconds. Generous enough for parameters to rise later.
 */
const ARGON2_LIMITS = { memoryKiB: 65_536, passes: 10, parallelism: 4 };
const MAX_PBKDF2_ITERATIONS = 5_000_000;
const BYTES_LIMITS = { min: 8, max: 64 };

/** `cost` other than today's is for tests that need many cheap failed checks (a sign-in rehashes it). */
export async function hashPassword(kdf: PasswordKdf, password: string, cost: Argon2Cost = ARGON2_COST): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await kdf.argon2id(password, salt, cost, HASH_BYTES);
  return formatArgon2id(cost, salt, hash);
}

export type PasswordCheck = { ok: false } | { ok: true; rehash: string | null };

/**
 * Checks `password` against `stored`; when right and `stored` is not argon2id at
 * today's cost, also returns a fresh hash to store in its place.
 */
export async function checkPassword(kdf: PasswordKdf, password: string, stored: string): Promise<PasswordCheck> {
  if (!(await verifyPassword(kdf, password, stored))) return { ok: false };
  return { ok: true, rehash: isCurrent(stored) ? null : await hashPassword(kdf, password) };
}

export async function verifyPassword(kdf: PasswordKdf, password: string, stored: string): Promise<boolean> {
  // The WebAssembly argon2id throws on an empty password and, by a quirk of its bounds
  // check, on one byte below 8; the password rules never let an account have either.
  if (password === "" || (password.length === 1 && password.charCodeAt(0) < 8)) return false;
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const actual =
    parsed.scheme === "argon2id"
      ? await kdf.argon2id(password, parsed.salt, parsed.cost, parsed.hash.length)
      : await kdf.pbkdf2Sha256(password, parsed.salt, parsed.iterations, parsed.hash.length);
  return timingSafeEqual(actual, parsed.hash);
}

/** Whether `stored` is argon2id at exactly today's cost (otherwise a sign-in rehashes it). */
export function isCurrent(stored: string): boolean {
  const parsed = parseStored(stored);
  return (
    parsed?.scheme === "argon2id" &&
    parsed.cost.memoryKiB === ARGON2_COST.memoryKiB &&
    parsed.cost.passes === ARGON2_COST.passes &&
    parsed.cost.parallelism === ARGON2_COST.parallelism
  );
}

type Parsed =
  | { scheme: "argon2id"; cost: Argon2Cost; salt: Uint8Array; hash: Uint8Array }
  | { scheme: "pbkdf2_sha256"; iterations: number; salt: Uint8Array; hash: Uint8Array };

function parseStored(stored: string): Parsed | null {
  return stored.startsWith("$argon2id$") ? parseArgon2id(stored) : parsePbkdf2(stored);
}

function parseArgon2id(stored: string): Parsed | null {
  const [, , version, params, salt64, hash64, ...rest] = stored.split("$");
  if (version !== `v=${ARGON2_VERSION}` || !params || !salt64 || !hash64 || rest.length) return null;
  const m = /^m=(\d{1,9}),t=(\d{1,9}),p=(\d{1,9})$/.exec(params);
  if (!m) return null;
  const cost = { memoryKiB: Number(m[1]), passes: Number(m[2]), parallelism: Number(m[3]) };
  if (cost.parallelism < 1 || cost.parallelism > ARGON2_LIMITS.parallelism) return null;
  if (cost.passes < 1 || cost.passes > ARGON2_LIMITS.passes) return null;
  // Argon2 needs at least 8 KiB per lane.
  if (cost.memoryKiB < 8 * cost.parallelism || cost.memoryKiB > ARGON2_LIMITS.memoryKiB) return null;
  const salt = decodeBytes(salt64);
  const hash = decodeBytes(hash64);
  return salt && hash ? { scheme: "argon2id", cost, salt, hash } : null;
}

function parsePbkdf2(stored: string): Parsed | null {
  const [scheme, iter, salt64, hash64, ...rest] = stored.split("$");
  const iterations = Number(iter);
  if (scheme !== "pbkdf2_sha256" || !salt64 || !hash64 || rest.length) return null;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) return null;
  const salt = decodeBytes(salt64);
  const hash = decodeBytes(hash64);
  return salt && hash ? { scheme: "pbkdf2_sha256", iterations, salt, hash } : null;
}

function formatArgon2id(cost: Argon2Cost, salt: Uint8Array, hash: Uint8Array): string {
  const params = `m=${cost.memoryKiB},t=${cost.passes},p=${cost.parallelism}`;
  return `$argon2id$v=${ARGON2_VERSION}$${params}$${toPhcBase64(salt)}$${toPhcBase64(hash)}`;
}

/** PHC strings use standard base64 without padding (the PBKDF2 format used base64url). */
function toPhcBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/=+$/, "");
}

/** Either base64 alphabet, no padding; null when malformed or out of bounds. */
function decodeBytes(value: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/_-]+$/.test(value) || value.length % 4 === 1) return null;
  const bytes = fromBase64Url(value.replace(/\+/g, "-").replace(/\//g, "_"));
  return bytes.length >= BYTES_LIMITS.min && bytes.length <= BYTES_LIMITS.max ? bytes : null;
}

/**
 * A hash of no password at today's cost, verified when the username is unknown so
 * a failed sign-in takes the same time whether or not the account exists.
 */
export const DUMMY_HASH = formatArgon2id(ARGON2_COST, new Uint8Array(SALT_BYTES), new Uint8Array(HASH_BYTES));

/**
 * A readable temporary password that already meets the password rules: 12
 * characters without look-alikes (no I, l, O, 0, 1), with upper, lower and digits.
 */
export function temporaryPassword(): string {
  const pick = (set: string, n: number) => Array.from(crypto.getRandomValues(new Uint32Array(n)), (x) => set[x % set.length]).join("");
  return pick("ABCDEFGHJKLMNPQRSTUVWXYZ", 3) + pick("abcdefghijkmnpqrstuvwxyz", 5) + pick("23456789", 4);
}
