/**
 * @module
 * Password hashing: PBKDF2-HMAC-SHA256 at OWASP's 600,000 iterations, stored as
 * `pbkdf2_sha256$<iterations>$<salt>$<hash>` so the count can rise later and old
 * hashes still verify. The derivation itself comes from the host (see `Pbkdf2`).
 */
import type { Pbkdf2 } from "../platform/ports";
import { fromBase64Url, timingSafeEqual, toBase64Url } from "./crypto";

export const PASSWORD_ITERATIONS = 600_000;
/** Refuse stored hashes asking for absurd work (a tampered row must not hang a login). */
const MAX_ITERATIONS = 5_000_000;
const HASH_BYTES = 32;

export async function hashPassword(kdf: Pbkdf2, password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await kdf.sha256(password, salt, PASSWORD_ITERATIONS, HASH_BYTES);
  return `pbkdf2_sha256$${PASSWORD_ITERATIONS}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

export async function verifyPassword(kdf: Pbkdf2, password: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored.split("$");
  const iterations = Number(iter);
  if (scheme !== "pbkdf2_sha256" || !salt || !hash) return false;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) return false;
  const expected = fromBase64Url(hash);
  const actual = await kdf.sha256(password, fromBase64Url(salt), iterations, expected.length);
  return timingSafeEqual(actual, expected);
}

/**
 * A hash of a random password, verified when the username is unknown so a
 * failed login takes the same time whether or not the account exists.
 */
export const DUMMY_HASH = `pbkdf2_sha256$${PASSWORD_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;

/**
 * A readable temporary password that already meets the password rules: 12
 * characters without look-alikes (no I, l, O, 0, 1), with upper, lower and digits.
 */
export function temporaryPassword(): string {
  const pick = (set: string, n: number) => Array.from(crypto.getRandomValues(new Uint32Array(n)), (x) => set[x % set.length]).join("");
  return pick("ABCDEFGHJKLMNPQRSTUVWXYZ", 3) + pick("abcdefghijkmnpqrstuvwxyz", 5) + pick("23456789", 4);
}
