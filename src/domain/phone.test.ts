import { describe, expect, it } from "vitest";
import { formatThaiPhone, phonePieces, telHref } from "./phone";

describe("formatThaiPhone", () => {
  it("writes mobile, Bangkok and other landline numbers one way, however they were typed", () => {
    expect(formatThaiPhone("0871357910")).toBe("087-135-7910");
    expect(formatThaiPhone("087-1357910")).toBe("087-135-7910");
    expect(formatThaiPhone("087 135 7910")).toBe("087-135-7910");
    expect(formatThaiPhone("+66871357910")).toBe("087-135-7910");
    expect(formatThaiPhone("022180125")).toBe("02-218-0125");
    expect(formatThaiPhone("053123456")).toBe("053-123-456");
  });

  it("keeps an extension readable", () => {
    expect(formatThaiPhone("022180125ต่อ7001")).toBe("02-218-0125 ต่อ 7001");
    expect(formatThaiPhone("02-218-0125 ext. 12")).toBe("02-218-0125 ต่อ 12");
  });

  it("leaves what it does not know as typed", () => {
    expect(formatThaiPhone(" 1111 ")).toBe("1111");
    expect(formatThaiPhone("+44 20 7946 0000")).toBe("+44 20 7946 0000");
  });

  it("links with the digits only", () => {
    expect(telHref("087-135-7910")).toBe("tel:0871357910");
    expect(telHref("02-218-0125 ต่อ 7001")).toBe("tel:022180125");
  });
});

describe("phonePieces", () => {
  it("gives every number of a range its own link", () => {
    expect(phonePieces("โทร 02-123-4567-9 (ในเวลาราชการ)")).toEqual([
      { text: "โทร " },
      { phone: "02-123-4567", href: "tel:021234567" },
      { text: ", " },
      { phone: "02-123-4568", href: "tel:021234568" },
      { text: ", " },
      { phone: "02-123-4569", href: "tel:021234569" },
      { text: " (ในเวลาราชการ)" },
    ]);
  });

  it("reads the manual's spaced style, with a range and an extension", () => {
    const pieces = phonePieces("โทร 0 2610 5321 - 23 หรือ 0 2333 3700 ต่อ 7001");
    expect(pieces.filter((p) => "phone" in p)).toEqual([
      { phone: "02-610-5321", href: "tel:026105321" },
      { phone: "02-610-5322", href: "tel:026105322" },
      { phone: "02-610-5323", href: "tel:026105323" },
      { phone: "02-333-3700", href: "tel:023333700" },
    ]);
    expect(pieces.at(-1)).toEqual({ text: " ต่อ 7001" });
  });

  it("finds several numbers in a line and formats each", () => {
    expect(phonePieces("มือถือ 0812345678 หรือ 053-123-456")).toEqual([
      { text: "มือถือ " },
      { phone: "081-234-5678", href: "tel:0812345678" },
      { text: " หรือ " },
      { phone: "053-123-456", href: "tel:053123456" },
    ]);
  });

  it("leaves a line without numbers, and a long digit run, alone", () => {
    expect(phonePieces("อีเมล a@b.go.th")).toEqual([{ text: "อีเมล a@b.go.th" }]);
    expect(phonePieces("เลข 1101700230368")).toEqual([{ text: "เลข 1101700230368" }]);
  });

  it("does not read a date or a backwards range as a range", () => {
    expect(phonePieces("02-123-4567-1")).toEqual([{ phone: "02-123-4567", href: "tel:021234567" }, { text: "-1" }]);
  });
});
