import { describe, expect, it } from "vitest";
import { askFor, asArray, graphemeLength } from "./form-fields";

describe("graphemeLength", () => {
  it("counts a Thai consonant with its vowel and tone marks as one character", () => {
    // Each expectation checked against Intl.Segmenter("th") by hand first.
    expect(graphemeLength("ที่")).toBe(1);
    expect("ที่".length).toBe(3);
    expect(graphemeLength("น้ำ")).toBe(1); // SARA AM is a spacing mark: it joins the cluster
    expect(graphemeLength("สวัสดี")).toBe(4); // ส วั ส ดี
    expect(graphemeLength("ผู้ใช้")).toBe(3); // ผู้ ใ ช้
    expect(graphemeLength("e-Service ทางรัฐ")).toBe(10 + 5); // ท า ง รั ฐ
    expect(graphemeLength("")).toBe(0);
  });
});

describe("asArray", () => {
  it("turns what an HTML checkbox group posts into a list", () => {
    expect(asArray(undefined)).toEqual([]);
    expect(asArray(null)).toEqual([]);
    expect(asArray("pid")).toEqual(["pid"]);
    expect(asArray(["pid", "email"])).toEqual(["pid", "email"]);
  });
});

describe("askFor", () => {
  it("puts a space before an English label but not before a Thai one", () => {
    expect(askFor("Domain")).toBe("กรุณากรอก Domain");
    expect(askFor("ชื่อบริการ")).toBe("กรุณากรอกชื่อบริการ");
  });
});
