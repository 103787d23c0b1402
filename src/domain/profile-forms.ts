/**
 * @module
 * A staff member's own account after the first sign-in: the profile (name,
 * phone, e-mail), changing the password, and the way back from a forgotten one.
 * The password rules are the first sign-in's (account-forms.ts).
 */
import * as z from "zod/mini";
import { preprocess } from "./forms";
import { confirmPasswordField, confirmWhenBothTyped, newPasswordField, PASSWORD_MAX, passwordsMatch } from "./account-forms";
import { email, thaiPhone } from "./contact";

/** A password-reset link works this long after it was asked for. */
export const RESET_LINK_MINUTES = 30;
/** A link confirming a new e-mail address works this long. */
export const EMAIL_CHANGE_HOURS = 24;

export function resetLinkExpiresAt(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + RESET_LINK_MINUTES * 60_000);
}

export function emailChangeExpiresAt(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + EMAIL_CHANGE_HOURS * 3600_000);
}

/** Addresses are compared without regard to case: nobody has two mailboxes differing only in capitals. */
export function sameEmail(a: string | null | undefined, b: string | null | undefined): boolean {
  return (a ?? "").trim().toLowerCase() === (b ?? "").trim().toLowerCase();
}

const absentAsEmpty = (v: unknown) => v ?? "";

/**
 * "บัญชีของฉัน": the phone may be left blank; the e-mail may not (reset links go there).
 * The current password is always on the form (no script decides when to show it) and
 * is checked by the use case only when the e-mail changes, so here it is any text.
 */
export const profileForm = z.object({
  displayName: z
    .string({ error: "กรุณากรอกชื่อ – นามสกุล" })
    .check(z.trim(), z.minLength(1, "กรุณากรอกชื่อ – นามสกุล"), z.maxLength(100, "ชื่อ – นามสกุลยาวเกินไป (ไม่เกิน 100 ตัวอักษร)")),
  phone: preprocess(
    absentAsEmpty,
    z.union([z.pipe(z.string().check(z.trim(), z.length(0)), z.transform(() => null)), thaiPhone], {
      error: "เบอร์โทรศัพท์ไม่ถูกต้อง (เช่น 081-234-5678 หรือ 02-123-4567)",
    }),
  ),
  email: preprocess(absentAsEmpty, email),
  currentPassword: preprocess(absentAsEmpty, z.string({ error: "รหัสผ่านปัจจุบันไม่ถูกต้อง" })),
});
export type ProfileForm = z.output<typeof profileForm>;

export const PROFILE_LABELS: Record<keyof ProfileForm, string> = {
  displayName: "ชื่อ – นามสกุล",
  phone: "เบอร์โทรศัพท์",
  email: "อีเมล",
  currentPassword: "รหัสผ่านปัจจุบัน (กรอกเฉพาะเมื่อเปลี่ยนอีเมล)",
};

export const SAME_AS_CURRENT_MESSAGE = "รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านปัจจุบัน";

/** Changing one's own password: the current one proves it is the owner at the keyboard. */
export const changePasswordForm = z
  .object({
    currentPassword: z
      .string({ error: "กรุณากรอกรหัสผ่านปัจจุบัน" })
      .check(z.minLength(1, "กรุณากรอกรหัสผ่านปัจจุบัน"), z.maxLength(PASSWORD_MAX, "รหัสผ่านปัจจุบันไม่ถูกต้อง")),
    password: newPasswordField,
    confirmPassword: confirmPasswordField,
  })
  .check(
    z.superRefine(passwordsMatch, confirmWhenBothTyped),
    z.superRefine(
      (v: { password: string; currentPassword: string }, ctx) => {
        if (v.password === v.currentPassword) ctx.addIssue({ code: "custom", path: ["password"], message: SAME_AS_CURRENT_MESSAGE });
      },
      {
        when: (p) => {
          const v = p.value as { password?: unknown; currentPassword?: unknown } | null;
          return typeof v?.password === "string" && v.password !== "" && v.password === v.currentPassword;
        },
      },
    ),
  );
export type ChangePasswordForm = z.output<typeof changePasswordForm>;

export const CHANGE_PASSWORD_LABELS: Record<keyof ChangePasswordForm, string> = {
  currentPassword: "รหัสผ่านปัจจุบัน",
  password: "รหัสผ่านใหม่",
  confirmPassword: "ยืนยันรหัสผ่านใหม่",
};

/** "ลืมรหัสผ่าน?": the address the reset link should go to. */
export const forgotPasswordForm = z.object({ email: preprocess(absentAsEmpty, email) });
export type ForgotPasswordForm = z.output<typeof forgotPasswordForm>;

export const FORGOT_PASSWORD_LABELS: Record<keyof ForgotPasswordForm, string> = { email: "อีเมล" };

/** The form behind a reset link: a new password, typed twice. */
export const resetPasswordForm = z
  .object({ password: newPasswordField, confirmPassword: confirmPasswordField })
  .check(z.superRefine(passwordsMatch, confirmWhenBothTyped));
export type ResetPasswordForm = z.output<typeof resetPasswordForm>;

export const RESET_PASSWORD_LABELS: Record<keyof ResetPasswordForm, string> = {
  password: "รหัสผ่านใหม่",
  confirmPassword: "ยืนยันรหัสผ่านใหม่",
};

/** The shape of a token this app puts in a link (base64url of 32 random bytes); anything else is not looked up. */
export function looksLikeLinkToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
