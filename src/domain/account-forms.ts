/**
 * @module
 * Agency accounts: the forced first sign-in, where a user swaps the temporary
 * credentials they were e-mailed for their own (seed section 1: "ระบบจะบังคับให้
 * ตั้งชื่อผู้ใช้งานและรหัสผ่านใหม่"), and the officers' forms for creating agencies
 * and their users.
 */
import * as z from "zod/mini";
import { preprocess } from "./forms";
import { email } from "./contact";

/** How long the e-mailed temporary password works before an officer must issue another. */
export const TEMP_PASSWORD_DAYS = 7;

/** When a temporary password issued at `issuedAt` stops working. */
export function tempPasswordExpiresAt(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + TEMP_PASSWORD_DAYS * 24 * 60 * 60 * 1000);
}

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 50;
export const PASSWORD_MIN = 8;
/** The sign-in form refuses longer passwords, so setting one would lock the user out. */
export const PASSWORD_MAX = 200;

export type PasswordRule = "length" | "upper" | "lower" | "digit";

/** The conditions the seed lists under "เงื่อนไขรหัสผ่าน", in its order and words. */
const PASSWORD_RULES: readonly { rule: PasswordRule; th: string; test: (pw: string) => boolean; message: string }[] = [
  {
    rule: "length",
    th: `อย่างน้อย ${PASSWORD_MIN} ตัวอักษร`,
    test: (pw) => pw.length >= PASSWORD_MIN,
    message: `รหัสผ่านต้องมีอย่างน้อย ${PASSWORD_MIN} ตัวอักษร`,
  },
  {
    rule: "upper",
    th: "มีตัวอักษรพิมพ์ใหญ่ (A-Z)",
    test: (pw) => /[A-Z]/.test(pw),
    message: "รหัสผ่านต้องมีตัวอักษรพิมพ์ใหญ่ (A-Z)",
  },
  {
    rule: "lower",
    th: "มีตัวอักษรพิมพ์เล็ก (a-z)",
    test: (pw) => /[a-z]/.test(pw),
    message: "รหัสผ่านต้องมีตัวอักษรพิมพ์เล็ก (a-z)",
  },
  {
    rule: "digit",
    th: "มีตัวเลข (0-9)",
    test: (pw) => /[0-9]/.test(pw),
    message: "รหัสผ่านต้องมีตัวเลข (0-9)",
  },
];

/** The live checklist under the password field: each condition and whether `pw` meets it. */
export function passwordChecklist(pw: string): { rule: PasswordRule; th: string; ok: boolean }[] {
  return PASSWORD_RULES.map(({ rule, th, test }) => ({ rule, th, ok: test(pw) }));
}

export const USERNAME_CHARSET_MESSAGE = "ใช้ได้เฉพาะ a-z, A-Z, 0-9, _ และ . เท่านั้น";
export const PASSWORD_MISMATCH_MESSAGE = "รหัสผ่านทั้งสองช่องไม่ตรงกัน";

// Each field reports one problem at a time, in the order the user should fix
// them. Done inside one refinement rather than with zod's `abort: true`, which
// would also skip the password-match check below.
export const usernameField = z.string({ error: "กรุณากรอกชื่อผู้ใช้งาน" }).check(z.trim(), z.superRefine((s, ctx) => {
  const message =
    s === ""
      ? "กรุณากรอกชื่อผู้ใช้งาน"
      : !/^[A-Za-z0-9_.]+$/.test(s)
        ? USERNAME_CHARSET_MESSAGE
        : s.length < USERNAME_MIN || s.length > USERNAME_MAX
          ? `ชื่อผู้ใช้งานต้องมี ${USERNAME_MIN}–${USERNAME_MAX} ตัวอักษร`
          : null;
  if (message) ctx.addIssue({ code: "custom", message });
}));

// Passwords are never trimmed: a space is a character the user chose.
/** A new password under the checklist's rules (every form that sets one uses this). */
export const newPasswordField = z.string({ error: "กรุณากรอกรหัสผ่านใหม่" }).check(z.superRefine((pw, ctx) => {
  if (pw === "") {
    ctx.addIssue({ code: "custom", message: "กรุณากรอกรหัสผ่านใหม่" });
  } else if (pw.length > PASSWORD_MAX) {
    ctx.addIssue({ code: "custom", message: `รหัสผ่านยาวเกินไป (ไม่เกิน ${PASSWORD_MAX} ตัวอักษร)` });
  } else {
    // One issue per unmet rule, in checklist order; the form shows the first.
    for (const r of PASSWORD_RULES) if (!r.test(pw)) ctx.addIssue({ code: "custom", message: r.message });
  }
}));

/** The new password typed a second time. */
export const confirmPasswordField = z.string({ error: "กรุณายืนยันรหัสผ่าน" }).check(z.minLength(1, "กรุณายืนยันรหัสผ่าน"));

/** Puts a mismatch of `password` and `confirmPassword` on the confirmation field. */
export function passwordsMatch(v: { password: string; confirmPassword: string }, ctx: z.core.$RefinementCtx): void {
  if (v.password !== v.confirmPassword) {
    ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: PASSWORD_MISMATCH_MESSAGE });
  }
}

/**
 * Compare whenever both were typed, even if other fields failed, so the user
 * fixes everything in one round.
 */
export const confirmWhenBothTyped = {
  when: (p: { value: unknown }) => {
    const v = p.value as { password?: unknown; confirmPassword?: unknown } | null;
    const typed = (x: unknown) => typeof x === "string" && x !== "";
    return typed(v?.password) && typed(v?.confirmPassword);
  },
};

/**
 * The first sign-in form: a username of the user's choosing and a password that
 * meets the checklist, typed twice.
 */
export const newCredentialsForm = z
  .object({
    username: usernameField,
    password: newPasswordField,
    confirmPassword: confirmPasswordField,
  })
  .check(z.superRefine(passwordsMatch, confirmWhenBothTyped));
export type NewCredentialsForm = z.output<typeof newCredentialsForm>;

export const NEW_CREDENTIALS_LABELS: Record<keyof NewCredentialsForm, string> = {
  username: "ชื่อผู้ใช้งาน (Username)",
  password: "รหัสผ่านใหม่",
  confirmPassword: "ยืนยันรหัสผ่าน",
};

/** A trimmed text that must be given, with its Thai label in the messages. */
export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `กรุณากรอก${label}` })
    .check(z.trim(), z.minLength(1, `กรุณากรอก${label}`), z.maxLength(max, `${label}ยาวเกินไป (ไม่เกิน ${max} ตัวอักษร)`));

const THAI_SCRIPT = /[\u0E00-\u0E7F]/;

/** An organisation's Thai name: must contain Thai script. */
export const thaiNameField = (label: string) =>
  requiredText(label, 200).check(z.refine((s) => s === "" || THAI_SCRIPT.test(s), `${label} ต้องเป็นภาษาไทย`));

/** An organisation's English name, used on English pages and e-mails, where Thai script would be the wrong name. */
export const englishNameField = (label: string) =>
  requiredText(label, 200).check(z.refine((s) => !THAI_SCRIPT.test(s), `${label} ต้องไม่มีอักษรไทย`));

export const agencyForm = z.object({
  nameTh: thaiNameField("ชื่อหน่วยงาน (ภาษาไทย)"),
  nameEn: englishNameField("ชื่อหน่วยงาน (ภาษาอังกฤษ)"),
  ministry: requiredText("สังกัด/กระทรวง", 200),
});
export type AgencyForm = z.output<typeof agencyForm>;

export const AGENCY_FORM_LABELS: Record<keyof AgencyForm, string> = {
  nameTh: "ชื่อหน่วยงาน (ภาษาไทย)",
  nameEn: "ชื่อหน่วยงาน (ภาษาอังกฤษ)",
  ministry: "สังกัด/กระทรวง",
};

/** An officer adding a user to an agency; the temporary credentials go to `email`. */
export const agencyUserForm = z.object({
  displayName: requiredText("ชื่อ – นามสกุล", 100),
  email: preprocess((v) => v ?? "", email),
});
export type AgencyUserForm = z.output<typeof agencyUserForm>;

export const AGENCY_USER_FORM_LABELS: Record<keyof AgencyUserForm, string> = {
  displayName: "ชื่อ – นามสกุล",
  email: "อีเมล",
};

/**
 * `npm run admin:create`: the deployment's first (or, with `another`, a further)
 * admin. The username is the one they sign in with the first time; they choose
 * their own username and password then.
 */
export const adminCreateArgs = z.object({
  username: usernameField,
  email,
  displayName: z._default(z.string().check(z.trim(), z.minLength(1), z.maxLength(200)), "ผู้ดูแลระบบ"),
  another: z._default(z.boolean(), false),
});
export type AdminCreateArgs = z.output<typeof adminCreateArgs>;
