/**
 * National IDs at rest: the in-place AES-GCM and HMAC must read and write exactly what
 * WebCrypto did (HKDF-SHA-256 keys, `v1.<iv>.<ct+tag>`), so rows stored before keep working.
 */
import { describe, expect, it } from "vitest";
import { fromBase64Url, toBase64Url } from "../../src/services/crypto";
import { decryptPid, encryptPid, pidKeys, pidLookupHash } from "../../src/services/pid-crypto";
import { TEST_DATA_KEY } from "./helpers";

const encoder = new TextEncoder();
const PID = "1101700230368";

/** The WebCrypto derivation the stored data was written with. */
async function webCryptoKeys(dataKeyBase64: string) {
  const raw = fromBase64Url(dataKeyBase64.replace(/=+$/, ""));
  const master = await crypto.subtle.importKey("raw", raw as BufferSource, "HKDF", false, ["deriveKey"]);
  const hkdf = (info: string) => ({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: encoder.encode(info) });
  const encrypt = await crypto.subtle.deriveKey(hkdf("tidtam pid encryption v1"), master, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  const lookup = await crypto.subtle.deriveKey(hkdf("tidtam pid lookup v1"), master, { name: "HMAC", hash: "SHA-256", length: 256 }, false, ["sign"]);
  return { encrypt, lookup };
}

describe("national IDs at rest", () => {
  it("decrypt what WebCrypto encrypted, and WebCrypto decrypts what they encrypt", async () => {
    const web = await webCryptoKeys(TEST_DATA_KEY);
    const keys = await pidKeys(TEST_DATA_KEY);

    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ct = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, web.encrypt, encoder.encode(PID)));
    expect(await decryptPid(keys, `v1.${toBase64Url(iv)}.${toBase64Url(ct)}`)).toBe(PID);

    const stored = await encryptPid(keys, PID);
    const [, iv2, ct2] = stored.split(".");
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64Url(iv2!) as BufferSource }, web.encrypt, fromBase64Url(ct2!) as BufferSource);
    expect(new TextDecoder().decode(plain)).toBe(PID);
  });

  it("look up by the same HMAC as before, and never by the plain ID", async () => {
    const web = await webCryptoKeys(TEST_DATA_KEY);
    const expected = toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", web.lookup, encoder.encode(`pid:${PID}`))));
    const hash = await pidLookupHash(await pidKeys(TEST_DATA_KEY), PID);
    expect(hash).toBe(expected);
    expect(hash).not.toContain(PID);
  });

  it("use a fresh IV each time and refuse a tampered ciphertext", async () => {
    const keys = await pidKeys(TEST_DATA_KEY);
    const a = await encryptPid(keys, PID);
    const b = await encryptPid(keys, PID);
    expect(a).not.toBe(b);
    const [v, iv, ct] = a.split(".");
    const bytes = fromBase64Url(ct!);
    bytes[0] = bytes[0]! ^ 1;
    await expect(decryptPid(keys, `${v}.${iv}.${toBase64Url(bytes)}`)).rejects.toThrow();
    await expect(decryptPid(keys, "v2.x.y")).rejects.toThrow("unknown pid ciphertext format");
  });
});
