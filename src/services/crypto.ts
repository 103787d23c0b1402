/**
 * @module
 * Randomness, hashing and constant-time comparison. Randomness is WebCrypto, which
 * both hosts provide as `globalThis.crypto`. Hashes of short strings (a session
 * token on every request, the CSRF token) are computed in place by the host's
 * synchronous HostCrypto (node:crypto on both hosts; see
 * src/platform/host-crypto.ts): Node runs `crypto.subtle` on its thread pool, and
 * for a 30-byte input the trip there and back cost more than the hash (`npm run bench`).
 */
import { hostCrypto } from "../platform/host-crypto";

const encoder = new TextEncoder();

/** `bytes` random bytes as base64url (16 bytes = 128 bits). */
export function randomToken(bytes = 20): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A random record id: 128 bits, so ids cannot be guessed or enumerated. */
export function newId(): string {
  return randomToken(16);
}

export async function sha256Hex(value: string): Promise<string> {
  return toHex(hostCrypto().sha256(value));
}

export async function hmacSha256(key: string, value: string): Promise<string> {
  return toBase64Url(hostCrypto().hmacSha256(key, value));
}

/** Compares without an early exit, so timing does not reveal how much matched. */
export function timingSafeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const x = typeof a === "string" ? encoder.encode(a) : a;
  const y = typeof b === "string" ? encoder.encode(b) : b;
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(value: string): Uint8Array {
  const s = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
