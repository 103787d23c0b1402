import { describe, expect, it } from "vitest";
import { PASSWORD_MISMATCH_MESSAGE } from "./account-forms";
import { validateForm } from "./forms";
import {
  changePasswordForm,
  emailChangeExpiresAt,
  forgotPasswordForm,
  looksLikeLinkToken,
  profileForm,
  resetLinkExpiresAt,
  resetPasswordForm,
  SAME_AS_CURRENT_MESSAGE,
  sameEmail,
} from "./profile-forms";

const errorsOf = (schema: Parameters<typeof validateForm>[0], input: Record<string, unknown>) => {
  const r = validateForm(schema, input);
  return r.ok ? {} : r.errors;
};

describe("profileForm", () => {
  it("trims the name, normalises a Thai phone and lets the phone be left blank", () => {
    expect(validateForm(profileForm, { displayName: "  สมชาย ใจดี ", phone: "081-234-5678", email: " a@dept.go.th " })).toEqual({
      ok: true,
      data: { displayName: "สมชาย ใจดี", phone: "0812345678", email: "a@dept.go.th", currentPassword: "" },
    });
    expect(validateForm(profileForm, { displayName: "ก", phone: "  ", email: "a@dept.go.th" })).toMatchObject({ ok: true, data: { phone: null } });
    expect(validateForm(profileForm, { displayName: "ก", email: "a@dept.go.th" })).toMatchObject({ ok: true, data: { phone: null } });
    expect(validateForm(profileForm, { displayName: "ก", phone: "02-123-4567 ต่อ 12", email: "a@dept.go.th" })).toMatchObject({
      ok: true,
      data: { phone: "021234567ต่อ12" },
    });
  });

  it("asks for the name and the e-mail, and refuses a phone that is not Thai", () => {
    expect(errorsOf(profileForm, {})).toEqual({ displayName: "กรุณากรอกชื่อ – นามสกุล", email: "กรุณากรอกอีเมล" });
    expect(errorsOf(profileForm, { displayName: "ก", phone: "12345", email: "a@b.co" })).toEqual({
      phone: "เบอร์โทรศัพท์ไม่ถูกต้อง (เช่น 081-234-5678 หรือ 02-123-4567)",
    });
    expect(errorsOf(profileForm, { displayName: "ก".repeat(101), email: "nope" })).toEqual({
      displayName: "ชื่อ – นามสกุลยาวเกินไป (ไม่เกิน 100 ตัวอักษร)",
      email: "รูปแบบอีเมลไม่ถูกต้อง (เช่น name@agency.go.th)",
    });
  });
});

describe("changePasswordForm", () => {
  const valid = { currentPassword: "Old#2567pw", password: "New#2568pw", confirmPassword: "New#2568pw" };

  it("accepts the current password and a new one under the rules, typed twice", () => {
    expect(validateForm(changePasswordForm, valid)).toEqual({ ok: true, data: valid });
  });

  it("asks for every field", () => {
    expect(errorsOf(changePasswordForm, {})).toEqual({
      currentPassword: "กรุณากรอกรหัสผ่านปัจจุบัน",
      password: "กรุณากรอกรหัสผ่านใหม่",
      confirmPassword: "กรุณายืนยันรหัสผ่าน",
    });
  });

  it("uses the first sign-in's password rules and puts a mismatch on the confirmation", () => {
    expect(errorsOf(changePasswordForm, { ...valid, password: "new#2568pw", confirmPassword: "other" })).toEqual({
      password: "รหัสผ่านต้องมีตัวอักษรพิมพ์ใหญ่ (A-Z)",
      confirmPassword: PASSWORD_MISMATCH_MESSAGE,
    });
  });

  it("refuses a new password that is the current one", () => {
    expect(errorsOf(changePasswordForm, { ...valid, password: valid.currentPassword, confirmPassword: valid.currentPassword })).toEqual({
      password: SAME_AS_CURRENT_MESSAGE,
    });
  });
});

describe("resetPasswordForm and forgotPasswordForm", () => {
  it("wants a new password typed twice", () => {
    expect(validateForm(resetPasswordForm, { password: "New#2568pw", confirmPassword: "New#2568pw" }).ok).toBe(true);
    expect(errorsOf(resetPasswordForm, { password: "New#2568pw", confirmPassword: "New#2568px" })).toEqual({ confirmPassword: PASSWORD_MISMATCH_MESSAGE });
  });

  it("wants one e-mail address", () => {
    expect(validateForm(forgotPasswordForm, { email: " a@dept.go.th " })).toEqual({ ok: true, data: { email: "a@dept.go.th" } });
    expect(errorsOf(forgotPasswordForm, {})).toEqual({ email: "กรุณากรอกอีเมล" });
  });
});

describe("link lifetimes and shapes", () => {
  const at = new Date("2026-11-23T03:00:00Z");

  it("gives a reset link 30 minutes and an e-mail confirmation 24 hours", () => {
    expect(resetLinkExpiresAt(at).toISOString()).toBe("2026-11-23T03:30:00.000Z");
    expect(emailChangeExpiresAt(at).toISOString()).toBe("2026-11-24T03:00:00.000Z");
  });

  it("compares addresses without case or surrounding spaces", () => {
    expect(sameEmail("A@Dept.go.th", " a@dept.GO.TH ")).toBe(true);
    expect(sameEmail("a@dept.go.th", "b@dept.go.th")).toBe(false);
    expect(sameEmail(null, "")).toBe(true);
  });

  it("recognises only the 43-character base64url tokens the app mails", () => {
    expect(looksLikeLinkToken("A".repeat(43))).toBe(true);
    expect(looksLikeLinkToken("A".repeat(42))).toBe(false);
    expect(looksLikeLinkToken(`${"A".repeat(42)}=`)).toBe(false);
  });
});
