import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmacSha256, sha256Hex } from "../../src/services/crypto";

describe("hashes of short strings", () => {
  it("match the standard SHA-256 and HMAC-SHA-256 (FIPS 180 and RFC 4231 vectors, and node:crypto on Thai text)", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const rfc4231 = Buffer.from("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "hex").toString("base64url");
    expect(await hmacSha256("Jefe", "what do ya want for nothing?")).toBe(rfc4231);
    for (const value of ["", "csrf:AbC_-123", "คำขอของฉัน 🎓", "x".repeat(1000)]) {
      expect(await sha256Hex(value)).toBe(createHash("sha256").update(value).digest("hex"));
      expect(await hmacSha256("secret ลับ", value)).toBe(createHmac("sha256", "secret ลับ").update(value).digest("base64url"));
    }
  });
});
