/**
 * Inside workerd, with the Worker's own entry loaded: the HostCrypto is workerd's
 * node:crypto (BoringSSL), and it reads and writes what Node's (OpenSSL) did
 * (test/support/crypto-vectors.ts).
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import "../../src/worker";
import type { Env } from "../../src/worker";
import { hostCrypto } from "../../src/platform/host-crypto";
import { hmacSha256, sha256Hex } from "../../src/services/crypto";
import { decryptPid, pidKeys, pidLookupHash } from "../../src/services/pid-crypto";
import { NODE_MADE } from "../support/crypto-vectors";

const dataKey = (env as unknown as Env).DATA_ENCRYPTION_KEY;

describe("HostCrypto in workerd", () => {
  it("is node:crypto, synchronous in workerd with nodejs_compat", () => {
    expect(hostCrypto().name).toBe("node:crypto");
  });

  it("seals and opens AES-256-GCM and derives HKDF byte for byte as Node does", () => {
    const c = hostCrypto();
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const iv = Uint8Array.from({ length: 12 }, (_, i) => 100 + i);
    const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    const fromHex = (h: string) => Uint8Array.from(h.match(/../g)!, (x) => parseInt(x, 16));
    expect(hex(c.aesGcmEncrypt(key, iv, NODE_MADE.gcm.text))).toBe(NODE_MADE.gcm.textSealed);
    expect(hex(c.aesGcmEncrypt(key, iv, Uint8Array.from(NODE_MADE.gcm.bytes)))).toBe(NODE_MADE.gcm.bytesSealed);
    expect([...c.aesGcmDecrypt(key, iv, fromHex(NODE_MADE.gcm.bytesSealed))]).toEqual(NODE_MADE.gcm.bytes);
    const tampered = fromHex(NODE_MADE.gcm.textSealed);
    tampered[0]! ^= 1;
    expect(() => c.aesGcmDecrypt(key, iv, tampered)).toThrow();
    expect(hex(c.hkdfSha256(key, iv, NODE_MADE.hkdf.info, 42))).toBe(NODE_MADE.hkdf.hex);
  });

  it("decrypts a Node-made pid_enc and matches Node's HMAC and SHA-256", async () => {
    const keys = await pidKeys(dataKey);
    expect(await decryptPid(keys, NODE_MADE.pidEnc)).toBe(NODE_MADE.pid);
    expect(await pidLookupHash(keys, NODE_MADE.pid)).toBe(NODE_MADE.pidLookup);
    expect(await hmacSha256(NODE_MADE.hmac.key, NODE_MADE.hmac.value)).toBe(NODE_MADE.hmac.base64url);
    expect(await sha256Hex(NODE_MADE.sha256.value)).toBe(NODE_MADE.sha256.hex);
  });
});
