import { describe, expect, it } from "vitest";
import {
  AGENCY_FORM_LABELS,
  agencyForm,
  agencyUserForm,
  NEW_CREDENTIALS_LABELS,
  newCredentialsForm,
  passwordChecklist,
  TEMP_PASSWORD_DAYS,
  tempPasswordExpiresAt,
} from "./account-forms";
import { validateForm } from "./forms";

function errorsOf(schema: Parameters<typeof validateForm>[0], input: Record<string, unknown>) {
  const r = validateForm(schema, input);
  return r.ok ? {} : r.errors;
}

describe("newCredentialsForm", () => {
  const valid = { username: "somchai.k_01", password: "Sawasdee2569", confirmPassword: "Sawasdee2569" };

  it("accepts a username and a password that meets every condition, typed twice", () => {
    expect(validateForm(newCredentialsForm, { ...valid, username: "  somchai.k_01 " })).toEqual({
      ok: true,
      data: valid,
    });
  });

  it("asks for all three fields when nothing is typed", () => {
    expect(errorsOf(newCredentialsForm, {})).toEqual({
      username: "กรุณากรอกชื่อผู้ใช้งาน",
      password: "กรุณากรอกรหัสผ่านใหม่",
      confirmPassword: "กรุณายืนยันรหัสผ่าน",
    });
  });

  it("allows only a-z, A-Z, 0-9, _ and . in a username", () => {
    for (const bad of ["somchai-k", "som chai", "สมชาย", "user@agency", "ชื่อ.user"]) {
      expect(errorsOf(newCredentialsForm, { ...valid, username: bad }), bad).toEqual({
        username: "ใช้ได้เฉพาะ a-z, A-Z, 0-9, _ และ . เท่านั้น",
      });
    }
    expect(validateForm(newCredentialsForm, { ...valid, username: "A.b_9" }).ok).toBe(true);
  });

  it("wants a username of 3 to 50 characters", () => {
    const message = "ชื่อผู้ใช้งานต้องมี 3–50 ตัวอักษร";
    expect(errorsOf(newCredentialsForm, { ...valid, username: "ab" })).toEqual({ username: message });
    expect(validateForm(newCredentialsForm, { ...valid, username: "abc" }).ok).toBe(true);
    expect(validateForm(newCredentialsForm, { ...valid, username: "a".repeat(50) }).ok).toBe(true);
    expect(errorsOf(newCredentialsForm, { ...valid, username: "a".repeat(51) })).toEqual({ username: message });
  });

  it("reports the first unmet password condition, in the checklist's order", () => {
    const cases: [string, string][] = [
      ["Ab1", "รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร"],
      ["abcdefg1", "รหัสผ่านต้องมีตัวอักษรพิมพ์ใหญ่ (A-Z)"],
      ["ABCDEFG1", "รหัสผ่านต้องมีตัวอักษรพิมพ์เล็ก (a-z)"],
      ["Abcdefgh", "รหัสผ่านต้องมีตัวเลข (0-9)"],
      ["abc", "รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร"],
    ];
    for (const [pw, message] of cases) {
      expect(errorsOf(newCredentialsForm, { ...valid, password: pw, confirmPassword: pw }), pw).toEqual({
        password: message,
      });
    }
  });

  it("gives one issue per unmet condition for anyone who wants them all", () => {
    const r = newCredentialsForm.safeParse({ ...valid, password: "abc", confirmPassword: "abc" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.filter((i) => i.path[0] === "password").map((i) => i.message)).toEqual([
      "รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร",
      "รหัสผ่านต้องมีตัวอักษรพิมพ์ใหญ่ (A-Z)",
      "รหัสผ่านต้องมีตัวเลข (0-9)",
    ]);
  });

  it("counts only ASCII capitals, as the seed's (A-Z) says", () => {
    const pw = "Écolepass1";
    expect(errorsOf(newCredentialsForm, { ...valid, password: pw, confirmPassword: pw })).toEqual({
      password: "รหัสผ่านต้องมีตัวอักษรพิมพ์ใหญ่ (A-Z)",
    });
  });

  it("keeps spaces in a password rather than trimming them", () => {
    const pw = " Sawasdee 2569 ";
    const r = validateForm(newCredentialsForm, { ...valid, password: pw, confirmPassword: pw });
    expect(r.ok && r.data.password).toBe(pw);
    expect(errorsOf(newCredentialsForm, { ...valid, password: pw, confirmPassword: pw.trim() })).toEqual({
      confirmPassword: "รหัสผ่านทั้งสองช่องไม่ตรงกัน",
    });
  });

  it("refuses a password longer than the sign-in form accepts", () => {
    const pw = `Aa1${"x".repeat(198)}`;
    expect(errorsOf(newCredentialsForm, { ...valid, password: pw, confirmPassword: pw })).toEqual({
      password: "รหัสผ่านยาวเกินไป (ไม่เกิน 200 ตัวอักษร)",
    });
  });

  it("puts a mismatch on the confirmation field", () => {
    expect(errorsOf(newCredentialsForm, { ...valid, confirmPassword: "Sawasdee2568" })).toEqual({
      confirmPassword: "รหัสผ่านทั้งสองช่องไม่ตรงกัน",
    });
  });

  it("reports a mismatch alongside a bad username and a weak password", () => {
    expect(
      errorsOf(newCredentialsForm, { username: "ชื่อ", password: "weakpass", confirmPassword: "weakpas" }),
    ).toEqual({
      username: "ใช้ได้เฉพาะ a-z, A-Z, 0-9, _ และ . เท่านั้น",
      password: "รหัสผ่านต้องมีตัวอักษรพิมพ์ใหญ่ (A-Z)",
      confirmPassword: "รหัสผ่านทั้งสองช่องไม่ตรงกัน",
    });
  });

  it("never echoes the passwords back into the re-rendered form", () => {
    const r = validateForm(newCredentialsForm, { ...valid, confirmPassword: "x" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.values).toEqual({ username: valid.username });
  });

  it("has a Thai label for each field", () => {
    expect(Object.keys(NEW_CREDENTIALS_LABELS)).toEqual(["username", "password", "confirmPassword"]);
  });
});

describe("passwordChecklist", () => {
  it("lists the seed's four conditions in its words, none met for an empty password", () => {
    expect(passwordChecklist("")).toEqual([
      { rule: "length", th: "อย่างน้อย 8 ตัวอักษร", ok: false },
      { rule: "upper", th: "มีตัวอักษรพิมพ์ใหญ่ (A-Z)", ok: false },
      { rule: "lower", th: "มีตัวอักษรพิมพ์เล็ก (a-z)", ok: false },
      { rule: "digit", th: "มีตัวเลข (0-9)", ok: false },
    ]);
  });

  it("ticks each condition as it is met", () => {
    const ok = (pw: string) => Object.fromEntries(passwordChecklist(pw).map((c) => [c.rule, c.ok]));
    expect(ok("abc")).toEqual({ length: false, upper: false, lower: true, digit: false });
    expect(ok("ABCDEFGH")).toEqual({ length: true, upper: true, lower: false, digit: false });
    expect(ok("1234567")).toEqual({ length: false, upper: false, lower: false, digit: true });
    expect(ok("Sawasdee2569")).toEqual({ length: true, upper: true, lower: true, digit: true });
  });

  it("agrees with the form: a password passes exactly when every box is ticked", () => {
    for (const pw of ["", "abc", "Abcdefg1", "ABCDEFG1", "abcdefg1", "Abcdefgh", "Sawasdee2569", "Aa1Aa1Aa"]) {
      const allOk = passwordChecklist(pw).every((c) => c.ok);
      const formOk = validateForm(newCredentialsForm, { username: "user", password: pw, confirmPassword: pw }).ok;
      expect(formOk, pw).toBe(allOk);
    }
  });
});

describe("temporary passwords", () => {
  it("last seven days from when they were issued", () => {
    expect(TEMP_PASSWORD_DAYS).toBe(7);
    expect(tempPasswordExpiresAt(new Date("2026-02-06T03:00:00Z")).toISOString()).toBe("2026-02-13T03:00:00.000Z");
  });
});

describe("agencyForm", () => {
  const valid = {
    nameTh: "กรมพัฒนาสังคมและสวัสดิการ",
    nameEn: "Department of Social Development and Welfare",
    ministry: "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
  };

  it("accepts an agency with both names and its ministry, trimmed", () => {
    expect(validateForm(agencyForm, { ...valid, ministry: ` ${valid.ministry} ` })).toEqual({ ok: true, data: valid });
  });

  it("requires all three fields", () => {
    expect(errorsOf(agencyForm, { nameTh: " ", nameEn: "", ministry: undefined })).toEqual({
      nameTh: "กรุณากรอกชื่อหน่วยงาน (ภาษาไทย)",
      nameEn: "กรุณากรอกชื่อหน่วยงาน (ภาษาอังกฤษ)",
      ministry: "กรุณากรอกสังกัด/กระทรวง",
    });
  });

  it("catches the Thai and English names typed into each other's boxes", () => {
    expect(errorsOf(agencyForm, { ...valid, nameTh: valid.nameEn, nameEn: valid.nameTh })).toEqual({
      nameTh: "ชื่อหน่วยงาน (ภาษาไทย) ต้องเป็นภาษาไทย",
      nameEn: "ชื่อหน่วยงาน (ภาษาอังกฤษ) ต้องไม่มีอักษรไทย",
    });
  });

  it("caps each name at 200 characters", () => {
    expect(errorsOf(agencyForm, { ...valid, nameEn: "D".repeat(201) })).toEqual({
      nameEn: "ชื่อหน่วยงาน (ภาษาอังกฤษ)ยาวเกินไป (ไม่เกิน 200 ตัวอักษร)",
    });
  });

  it("has a Thai label for each field", () => {
    expect(Object.keys(AGENCY_FORM_LABELS)).toEqual(Object.keys(valid));
  });
});

describe("agencyUserForm", () => {
  it("accepts a name and an e-mail address", () => {
    expect(validateForm(agencyUserForm, { displayName: " สมชาย ใจดี ", email: "somchai@dsdw.go.th" })).toEqual({
      ok: true,
      data: { displayName: "สมชาย ใจดี", email: "somchai@dsdw.go.th" },
    });
  });

  it("requires both and checks the e-mail's form", () => {
    expect(errorsOf(agencyUserForm, {})).toEqual({
      displayName: "กรุณากรอกชื่อ – นามสกุล",
      email: "กรุณากรอกอีเมล",
    });
    expect(errorsOf(agencyUserForm, { displayName: "สมชาย", email: "somchai" })).toEqual({
      email: "รูปแบบอีเมลไม่ถูกต้อง (เช่น name@agency.go.th)",
    });
  });
});
