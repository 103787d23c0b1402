/**
 * @module
 * National IDs at rest (PDPA): encrypted with AES-256-GCM and looked up by an
 * HMAC, both keyed from DATA_ENCRYPTION_KEY through HKDF so one secret serves
 * two independent keys.
 */
import { hostCrypto } from "../platform/host-crypto";
import { fromBase64Url, toBase64Url } from "./crypto";

const decoder = new TextDecoder();

/**
 * Raw keys, used in place by the host's synchronous HostCrypto: every tracking page
 * decrypts a national ID, and Node runs `crypto.subtle` on its thread pool, where the
 * wait behind 200 connections made the slowest tracking pages take seconds (see `npm run bench`). The derivation is the
 * same HKDF-SHA-256 as WebCrypto's deriveKey, so stored values are unchanged.
 */
export interface PidKeys {
  encrypt: Uint8Array;
  lookup: Uint8Array;
}

const cache = new Map<string, PidKeys>();

/** Derived once per key per process/isolate; deriving is pure, so caching it is safe. */
export async function pidKeys(dataKeyBase64: string): Promise<PidKeys> {
  let keys = cache.get(dataKeyBase64);
  if (!keys) {
    const master = fromBase64Url(dataKeyBase64.replace(/=+$/, ""));
    const derive = (info: string) => hostCrypto().hkdfSha256(master, new Uint8Array(32), info, 32);
    keys = { encrypt: derive("tidtam pid encryption v1"), lookup: derive("tidtam pid lookup v1") };
    cache.set(dataKeyBase64, keys);
  }
  return keys;
}

/** `v1.<iv>.<ciphertext>` in base64url (AES-256-GCM, tag appended); a fresh 96-bit IV each time. */
export async function encryptPid(keys: PidKeys, pid: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = hostCrypto().aesGcmEncrypt(keys.encrypt, iv, pid);
  return `v1.${toBase64Url(iv)}.${toBase64Url(ct)}`;
}

export async function decryptPid(keys: PidKeys, stored: string): Promise<string> {
  const [version, iv, ct] = stored.split(".");
  if (version !== "v1" || !iv || !ct) throw new Error("unknown pid ciphertext format");
  return decoder.decode(hostCrypto().aesGcmDecrypt(keys.encrypt, fromBase64Url(iv), fromBase64Url(ct)));
}

/** Deterministic, so equal IDs match in SQL; keyed, so the column alone reveals nothing. */
export async function pidLookupHash(keys: PidKeys, pid: string): Promise<string> {
  return toBase64Url(hostCrypto().hmacSha256(keys.lookup, `pid:${pid}`));
}
