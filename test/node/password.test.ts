import { argon2id as nobleArgon2id } from "@noble/hashes/argon2.js";
import { describe, expect, it } from "vitest";
import { nodePasswordKdf } from "../../src/platform/node/password-kdf";
import { noblePbkdf2 } from "../../src/platform/workers/pbkdf2";
import { toBase64Url } from "../../src/services/crypto";
import { ARGON2_COST, checkPassword, DUMMY_HASH, hashPassword, isCurrent, verifyPassword } from "../../src/services/password";
import { ARGON2_VECTOR, WORKERD_MADE_HASH } from "../support/password-vectors";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

async function legacyHash(password: string, iterations = 1000) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await nodePasswordKdf.pbkdf2Sha256(password, salt, iterations, 32);
  return `pbkdf2_sha256$${iterations}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

describe("password hashing", () => {
  it("stores argon2id at or above OWASP's minimum (19 MiB, 2 passes, 1 lane) as a PHC string with a random salt", async () => {
    expect(ARGON2_COST.memoryKiB).toBeGreaterThanOrEqual(19_456);
    expect(ARGON2_COST.passes).toBeGreaterThanOrEqual(2);
    const a = await hashPassword(nodePasswordKdf, "Officer#2567");
    const b = await hashPassword(nodePasswordKdf, "Officer#2567");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(isCurrent(a)).toBe(true);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword(nodePasswordKdf, "ถูกต้อง-Pass1");
    expect(await verifyPassword(nodePasswordKdf, "ถูกต้อง-Pass1", stored)).toBe(true);
    expect(await verifyPassword(nodePasswordKdf, "ถูกต้อง-pass1", stored)).toBe(false);
    for (const odd of ["", "\u0001", "\u0000"]) expect(await verifyPassword(nodePasswordKdf, odd, stored)).toBe(false);
  });

  it("still verifies a PBKDF2 hash from before argon2id, and hands back an argon2id one to store instead", async () => {
    const old = await legacyHash("Legacy#2567");
    expect(isCurrent(old)).toBe(false);
    expect(await checkPassword(nodePasswordKdf, "Legacy#2567x", old)).toEqual({ ok: false });
    const right = await checkPassword(nodePasswordKdf, "Legacy#2567", old);
    expect(right.ok && right.rehash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    if (!right.ok || !right.rehash) throw new Error("expected a rehash");
    expect(await verifyPassword(nodePasswordKdf, "Legacy#2567", right.rehash)).toBe(true);
    expect(await checkPassword(nodePasswordKdf, "Legacy#2567", right.rehash)).toEqual({ ok: true, rehash: null });
  });

  it("verifies argon2id at other costs from the string, and rehashes them to today's", async () => {
    const salt = new Uint8Array(16).fill(3);
    const tag = await nodePasswordKdf.argon2id("Cheap#2567", salt, { memoryKiB: 1024, passes: 1, parallelism: 2 }, 32);
    const stored = `$argon2id$v=19$m=1024,t=1,p=2$${Buffer.from(salt).toString("base64").replace(/=+$/, "")}$${Buffer.from(tag).toString("base64").replace(/=+$/, "")}`;
    const check = await checkPassword(nodePasswordKdf, "Cheap#2567", stored);
    expect(check.ok && isCurrent(check.rehash ?? "")).toBe(true);
  });

  it("refuses malformed or tampered hashes before doing any work, instead of throwing", async () => {
    const good = await hashPassword(nodePasswordKdf, "Officer#2567");
    const [, , , , salt, hash] = good.split("$");
    const tampered = [
      "plain",
      "md5$1$AAAA$AAAA",
      "pbkdf2_sha256$999999999$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
      `$argon2id$v=19$m=4194304,t=2,p=1$${salt}$${hash}`, // 4 GiB
      `$argon2id$v=19$m=19456,t=1000,p=1$${salt}$${hash}`,
      `$argon2id$v=19$m=19456,t=2,p=64$${salt}$${hash}`,
      `$argon2id$v=19$m=4,t=2,p=1$${salt}$${hash}`,
      `$argon2id$v=16$m=19456,t=2,p=1$${salt}$${hash}`,
      `$argon2i$v=19$m=19456,t=2,p=1$${salt}$${hash}`,
      `$argon2id$v=19$m=19456,t=2,p=1$${salt}`,
      `$argon2id$v=19$m=19456,t=2,p=1$${salt}$${hash}$extra`,
      `$argon2id$v=19$m=19456,t=2,p=1$AAAA$${hash}`, // 3-byte salt
      `$argon2id$v=19$m=19456,t=2,p=1$${salt}$not*base64`,
    ];
    for (const stored of tampered) expect(await verifyPassword(nodePasswordKdf, "Officer#2567", stored), stored).toBe(false);
    expect(await verifyPassword(nodePasswordKdf, "Officer#2567", good)).toBe(true);
  });

  it("hashes concurrent sign-ins in turn on one thread, each with its own result", async () => {
    const passwords = Array.from({ length: 6 }, (_, i) => `Concurrent#${i}`);
    const hashes = await Promise.all(passwords.map((p) => hashPassword(nodePasswordKdf, p)));
    const checks = await Promise.all(hashes.map((h, i) => verifyPassword(nodePasswordKdf, passwords[i]!, h)));
    expect(checks).toEqual(passwords.map(() => true));
    expect(await verifyPassword(nodePasswordKdf, passwords[0]!, hashes[1]!)).toBe(false);
  });

  it("checks an unknown username against a dummy argon2id hash at today's cost", async () => {
    expect(isCurrent(DUMMY_HASH)).toBe(true);
    expect(await verifyPassword(nodePasswordKdf, "anything", DUMMY_HASH)).toBe(false);
  });
});

describe("one derivation on both hosts", () => {
  it("matches an independent argon2id (noble's pure JS) bit for bit", async () => {
    const salt = new Uint8Array(16).fill(9);
    const cost = { memoryKiB: 256, passes: 2, parallelism: 2 };
    const wasm = await nodePasswordKdf.argon2id("รหัสผ่าน", salt, cost, 32);
    const noble = nobleArgon2id(new TextEncoder().encode("รหัสผ่าน"), salt, { m: 256, t: 2, p: 2, dkLen: 32 });
    expect(hex(wasm)).toBe(hex(noble));
  });

  it("derives the vector test/workers/password.test.ts checks in workerd", async () => {
    const tag = await nodePasswordKdf.argon2id(ARGON2_VECTOR.password, ARGON2_VECTOR.salt, ARGON2_COST, 32);
    expect(hex(tag)).toBe(ARGON2_VECTOR.hex);
  });

  it("verifies a hash made in workerd", async () => {
    expect(await verifyPassword(nodePasswordKdf, WORKERD_MADE_HASH.password, WORKERD_MADE_HASH.hash)).toBe(true);
  });

  it("derives the same PBKDF2 bits as the Workers host's pure JS", async () => {
    const salt = new Uint8Array(16).fill(7);
    const node = await nodePasswordKdf.pbkdf2Sha256("รหัสผ่าน", salt, 1000, 32);
    const workers = await noblePbkdf2("รหัสผ่าน", salt, 1000, 32);
    expect(hex(workers)).toBe(hex(node));
  });
});
