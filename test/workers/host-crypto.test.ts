/**
 * Inside workerd, with the Worker's own entry loaded: the HostCrypto is @noble, and it
 * reads what node:crypto wrote on the Node host (test/support/crypto-vectors.ts).
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
  it("is the pure-JS one the Worker installs", () => {
    expect(hostCrypto().name).toBe("noble");
  });

  it("decrypts a Node-made pid_enc and matches Node's HMAC and SHA-256", async () => {
    const keys = await pidKeys(dataKey);
    expect(await decryptPid(keys, NODE_MADE.pidEnc)).toBe(NODE_MADE.pid);
    expect(await pidLookupHash(keys, NODE_MADE.pid)).toBe(NODE_MADE.pidLookup);
    expect(await hmacSha256(NODE_MADE.hmac.key, NODE_MADE.hmac.value)).toBe(NODE_MADE.hmac.base64url);
    expect(await sha256Hex(NODE_MADE.sha256.value)).toBe(NODE_MADE.sha256.hex);
  });
});
