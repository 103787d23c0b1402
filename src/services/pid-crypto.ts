/**
 * @module
 * National IDs at rest (PDPA): encrypted with AES-256-GCM and looked up by an
 * HMAC, both keyed from DATA_ENCRYPTION_KEY through HKDF so one secret serves
 * two independent keys.
 */
import { fromBase64Url, toBase64Url } from "./crypto";

const encoder = new TextEncoder();

export interface PidKeys {
  encrypt: CryptoKey;
  lookup: CryptoKey;
}

const cache = new Map<string, Promise<PidKeys>>();

/** Derived once per key per process/isolate; deriving is pure, so caching it is safe. */
export function pidKeys(dataKeyBase64: string): Promise<PidKeys> {
  let keys = cache.get(dataKeyBase64);
  if (!keys) {
    keys = derive(dataKeyBase64);
    cache.set(dataKeyBase64, keys);
  }
  return keys;
}

async function derive(dataKeyBase64: string): Promise<PidKeys> {
  const raw = fromBase64Url(dataKeyBase64.replace(/=+$/, ""));
  const master = await crypto.subtle.importKey("raw", raw as BufferSource, "HKDF", false, ["deriveKey"]);
  const hkdf = (info: string) => ({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: encoder.encode(info) });
  const encrypt = await crypto.subtle.deriveKey(hkdf("tidtam pid encryption v1"), master, { name: "AES-GCM", length: 256 }, false, [
    "encrypt",
    "decrypt",
  ]);
  const lookup = await crypto.subtle.deriveKey(hkdf("tidtam pid lookup v1"), master, { name: "HMAC", hash: "SHA-256", length: 256 }, false, [
    "sign",
  ]);
  return { encrypt, lookup };
}

/** `v1.<iv>.<ciphertext>` in base64url; a fresh 96-bit IV each time. */
export async function encryptPid(keys: PidKeys, pid: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, keys.encrypt, encoder.encode(pid));
  return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ct))}`;
}

export async function decryptPid(keys: PidKeys, stored: string): Promise<string> {
  const [version, iv, ct] = stored.split(".");
  if (version !== "v1" || !iv || !ct) throw new Error("unknown pid ciphertext format");
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64Url(iv) as BufferSource },
    keys.encrypt,
    fromBase64Url(ct) as BufferSource,
  );
  return new TextDecoder().decode(plain);
}

/** Deterministic, so equal IDs match in SQL; keyed, so the column alone reveals nothing. */
export async function pidLookupHash(keys: PidKeys, pid: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", keys.lookup, encoder.encode(`pid:${pid}`))));
}
