/**
 * node:crypto (both hosts' HostCrypto) against an independent pure-JS implementation
 * (@noble, the Workers host's until it had node:crypto): same hashes, same HKDF keys,
 * and each opens what the other sealed. Both run here on random inputs.
 */
import { afterEach, describe, expect, it } from "vitest";
import { hostCrypto, useHostCrypto } from "../../src/platform/host-crypto";
import { nodeCrypto } from "../../src/platform/node";
import type { HostCrypto } from "../../src/platform/ports";
import { hmacSha256, sha256Hex } from "../../src/services/crypto";
import { decryptPid, encryptPid, pidKeys, pidLookupHash } from "../../src/services/pid-crypto";
import { NODE_MADE } from "../support/crypto-vectors";
import { nobleCrypto } from "../support/noble-crypto";
import { TEST_DATA_KEY } from "./helpers";

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const int = (max: number) => Math.floor(Math.random() * max);
const same = (a: Uint8Array, b: Uint8Array) => expect(Buffer.from(a).toString("hex")).toBe(Buffer.from(b).toString("hex"));
const PAIRS: [string, HostCrypto, HostCrypto][] = [
  ["node → noble", nodeCrypto, nobleCrypto],
  ["noble → node", nobleCrypto, nodeCrypto],
];

/** Random text: ASCII, Thai, emoji, and a lone surrogate (both encode it as U+FFFD). */
function randomText(): string {
  const pieces = ["a", "Z", "9", "-", "_", " ", "ก", "ข", "ำ", "๙", "🎓", "é", "\ud800", "\u0000"];
  return Array.from({ length: int(60) }, () => pieces[int(pieces.length)]).join("");
}

const installed = hostCrypto();
afterEach(() => void useHostCrypto(installed));

describe("HostCrypto: node:crypto and @noble agree", () => {
  it("on SHA-256, HMAC-SHA-256 and HKDF over random strings and bytes", () => {
    for (let i = 0; i < 100; i++) {
      const data = i % 2 ? randomText() : random(int(300));
      const key = i % 3 ? randomText() : random(int(100));
      same(nodeCrypto.sha256(data), nobleCrypto.sha256(data));
      same(nodeCrypto.hmacSha256(key, data), nobleCrypto.hmacSha256(key, data));
      const secret = random(1 + int(64));
      const salt = random(int(48));
      const bytes = 1 + int(64);
      const info = randomText();
      same(nodeCrypto.hkdfSha256(secret, salt, info, bytes), nobleCrypto.hkdfSha256(secret, salt, info, bytes));
    }
  });

  it.each(PAIRS)("on AES-256-GCM: %s opens what the other sealed, byte for byte the same", (_, sealer, opener) => {
    for (let i = 0; i < 50; i++) {
      const key = random(32);
      const iv = random(12);
      const plain = i % 2 ? randomText() : random(int(200));
      const sealed = sealer.aesGcmEncrypt(key, iv, plain);
      same(sealed, opener.aesGcmEncrypt(key, iv, plain));
      const expected = typeof plain === "string" ? new TextEncoder().encode(plain) : plain;
      same(opener.aesGcmDecrypt(key, iv, sealed), expected);
      const tampered = Uint8Array.from(sealed);
      tampered[int(tampered.length)]! ^= 1 << int(8);
      expect(() => opener.aesGcmDecrypt(key, iv, tampered)).toThrow();
      expect(() => opener.aesGcmDecrypt(key, iv, sealed.subarray(0, int(16)))).toThrow();
    }
  });

  it.each(PAIRS)("on pid_enc and pid_hash: %s", async (_, writer, reader) => {
    const keys = await pidKeys(TEST_DATA_KEY);
    for (let i = 0; i < 50; i++) {
      const pid = String(1e12 + int(9e12));
      useHostCrypto(writer);
      const stored = await encryptPid(keys, pid);
      const lookup = await pidLookupHash(keys, pid);
      useHostCrypto(reader);
      expect(await decryptPid(keys, stored)).toBe(pid);
      expect(await pidLookupHash(keys, pid)).toBe(lookup);
    }
  });

  it.each([nodeCrypto, nobleCrypto])("reads the Node-made fixtures the workers test checks ($name)", async (impl) => {
    useHostCrypto(impl);
    const keys = await pidKeys(TEST_DATA_KEY);
    expect(await decryptPid(keys, NODE_MADE.pidEnc)).toBe(NODE_MADE.pid);
    expect(await pidLookupHash(keys, NODE_MADE.pid)).toBe(NODE_MADE.pidLookup);
    expect(await hmacSha256(NODE_MADE.hmac.key, NODE_MADE.hmac.value)).toBe(NODE_MADE.hmac.base64url);
    expect(await sha256Hex(NODE_MADE.sha256.value)).toBe(NODE_MADE.sha256.hex);
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const iv = Uint8Array.from({ length: 12 }, (_, i) => 100 + i);
    const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
    expect(hex(impl.aesGcmEncrypt(key, iv, NODE_MADE.gcm.text))).toBe(NODE_MADE.gcm.textSealed);
    expect(hex(impl.aesGcmEncrypt(key, iv, Uint8Array.from(NODE_MADE.gcm.bytes)))).toBe(NODE_MADE.gcm.bytesSealed);
    expect(hex(impl.hkdfSha256(key, iv, NODE_MADE.hkdf.info, 42))).toBe(NODE_MADE.hkdf.hex);
  });

  it("is node:crypto once the Node tests' helpers (like startNodeHost) installed it", () => {
    expect(installed.name).toBe("node:crypto");
  });
});
