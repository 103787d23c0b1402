import { describe, expect, it } from "vitest";
import { webCryptoPbkdf2 } from "../../src/platform/node/pbkdf2";
import { noblePbkdf2 } from "../../src/platform/workers/pbkdf2";
import { hashPassword, PASSWORD_ITERATIONS, verifyPassword } from "../../src/services/password";

describe("password hashing", () => {
  it("stores PBKDF2-SHA256 at OWASP's 600,000 iterations with a random salt", async () => {
    const a = await hashPassword(webCryptoPbkdf2, "Officer#2567");
    const b = await hashPassword(webCryptoPbkdf2, "Officer#2567");
    expect(PASSWORD_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(a).toMatch(/^pbkdf2_sha256\$600000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword(webCryptoPbkdf2, "ถูกต้อง-Pass1");
    expect(await verifyPassword(webCryptoPbkdf2, "ถูกต้อง-Pass1", stored)).toBe(true);
    expect(await verifyPassword(webCryptoPbkdf2, "ถูกต้อง-pass1", stored)).toBe(false);
  });

  it("refuses malformed or tampered hashes instead of throwing", async () => {
    expect(await verifyPassword(webCryptoPbkdf2, "x", "plain")).toBe(false);
    expect(await verifyPassword(webCryptoPbkdf2, "x", "pbkdf2_sha256$999999999$AAAA$AAAA")).toBe(false);
    expect(await verifyPassword(webCryptoPbkdf2, "x", "md5$1$AAAA$AAAA")).toBe(false);
  });

  it("derives the same bits on both hosts' implementations, so hashes move between them", async () => {
    const salt = new Uint8Array(16).fill(7);
    const node = await webCryptoPbkdf2.sha256("รหัสผ่าน", salt, 1000, 32);
    const workers = await noblePbkdf2.sha256("รหัสผ่าน", salt, 1000, 32);
    expect(Buffer.from(workers).toString("hex")).toBe(Buffer.from(node).toString("hex"));
  });
});
