import { describe, expect, it } from "vitest";
import { formatThaiId, isValidThaiId, maskThaiId } from "./thai-id";

/** Builds a valid ID from 12 digits by computing the check digit independently. */
function withCheckDigit(twelve: string): string {
  const sum = [...twelve].reduce((acc, d, i) => acc + Number(d) * (13 - i), 0);
  return twelve + String((11 - (sum % 11)) % 10);
}

describe("isValidThaiId", () => {
  it("accepts a 13-digit number whose last digit is the check digit", () => {
    // 1·13 + 1·12 + 0·11 + 1·10 + 7·9 + 0·8 + 0·7 + 2·6 + 3·5 + 0·4 + 3·3 + 6·2 = 146; (11 - 146 mod 11) mod 10 = 8
    expect(isValidThaiId("1101700230368")).toBe(true);
    expect(isValidThaiId("1101700230366")).toBe(false);
    expect(isValidThaiId(withCheckDigit("310060012345"))).toBe(true);
  });

  it("ignores the spaces and dashes people type between groups", () => {
    const id = withCheckDigit("123456789012");
    const grouped = `${id[0]}-${id.slice(1, 5)}-${id.slice(5, 10)} ${id.slice(10, 12)} ${id[12]}`;
    expect(isValidThaiId(grouped)).toBe(true);
  });

  it("rejects a number whose check digit is wrong", () => {
    const id = withCheckDigit("123456789012");
    const wrong = id.slice(0, 12) + String((Number(id[12]) + 1) % 10);
    expect(isValidThaiId(wrong)).toBe(false);
  });

  it("rejects too short, too long, and non-digit input", () => {
    expect(isValidThaiId("")).toBe(false);
    expect(isValidThaiId("123456789012")).toBe(false);
    expect(isValidThaiId(withCheckDigit("123456789012") + "0")).toBe(false);
    expect(isValidThaiId("12345678901ab")).toBe(false);
    expect(isValidThaiId("１２３４５６７８９０１２３")).toBe(false);
  });

  it("agrees with the check digit on every last digit of a fixed prefix", () => {
    const valid = withCheckDigit("350990012345");
    for (let d = 0; d <= 9; d++) {
      const candidate = valid.slice(0, 12) + d;
      expect(isValidThaiId(candidate)).toBe(candidate === valid);
    }
  });
});

describe("maskThaiId and formatThaiId", () => {
  it("shows the card grouping with the middle group hidden", () => {
    expect(maskThaiId("1101700230366")).toBe("1-1017-xxxxx-36-6");
    expect(formatThaiId("1101700230366")).toBe("1-1017-00230-36-6");
  });
});
