import { describe, expect, it } from "vitest";
import { email, thaiId, thaiMobile, thaiPhone } from "../../src/domain/contact";

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe("thaiPhone", () => {
  it("accepts mobiles and landlines typed with dashes, spaces or +66, and stores bare digits", () => {
    expect(thaiPhone.parse("087-135-7910")).toBe("0871357910");
    expect(thaiPhone.parse("02 610 5321")).toBe("026105321");
    expect(thaiPhone.parse("+66 87 135 7910")).toBe("0871357910");
    expect(thaiPhone.parse("0 2333 3700 ต่อ 7001")).toBe("023333700ต่อ7001");
  });

  it("rejects wrong lengths and letters with a Thai message", () => {
    expect(firstMessage(thaiPhone.safeParse("12345"))).toBe("เบอร์โทรศัพท์ไม่ถูกต้อง (เช่น 081-234-5678 หรือ 02-123-4567)");
    expect(firstMessage(thaiPhone.safeParse("08713579101"))).toMatch(/^เบอร์โทรศัพท์ไม่ถูกต้อง/);
    expect(firstMessage(thaiPhone.safeParse("   "))).toBe("กรุณากรอกเบอร์โทรศัพท์");
  });

  it("takes only 06, 08 and 09 numbers as mobiles", () => {
    expect(thaiMobile.parse("091-234-5678")).toBe("0912345678");
    expect(firstMessage(thaiMobile.safeParse("02-123-4567"))).toBe("เบอร์โทรศัพท์มือถือไม่ถูกต้อง (เช่น 081-234-5678)");
  });
});

describe("email", () => {
  it("accepts an ordinary address and trims it", () => {
    expect(email.parse("  jennie_@gek.com ")).toBe("jennie_@gek.com");
    expect(email.parse("namthip.p@dga.or.th")).toBe("namthip.p@dga.or.th");
  });

  it("rejects a malformed address with a Thai message", () => {
    expect(firstMessage(email.safeParse("not-an-email"))).toBe("รูปแบบอีเมลไม่ถูกต้อง (เช่น name@agency.go.th)");
    expect(firstMessage(email.safeParse(""))).toBe("กรุณากรอกอีเมล");
  });
});

describe("thaiId", () => {
  it("returns 13 bare digits for a valid grouped ID and a Thai message otherwise", () => {
    expect(thaiId.parse("1-1017-00230-36-8")).toBe("1101700230368");
    expect(firstMessage(thaiId.safeParse("1-1017-00230-36-6"))).toMatch(/^เลขประจำตัวประชาชนไม่ถูกต้อง/);
  });
});
