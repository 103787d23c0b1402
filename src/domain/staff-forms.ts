/**
 * @module
 * The admins' university forms and the staff-account forms (create, change role).
 */
import * as z from "zod/mini";
import { preprocess } from "./forms";
import { englishNameField, requiredText, thaiNameField } from "./account-forms";
import { email } from "./contact";
import { ASSIGNABLE_ROLES, CREATABLE_ROLES } from "./staff-policy";

const universityNames = {
  nameTh: thaiNameField("ชื่อมหาวิทยาลัย (ภาษาไทย)"),
  nameEn: englishNameField("ชื่อมหาวิทยาลัย (ภาษาอังกฤษ)"),
};

/** A new university; its code is printed in every ticket number, so it is fixed once created. */
export const universityForm = z.object({
  ...universityNames,
  code: z
    .string({ error: "กรุณากรอกรหัสมหาวิทยาลัย" })
    .check(
      z.trim(),
      z.minLength(1, "กรุณากรอกรหัสมหาวิทยาลัย"),
      z.regex(/^\d{5}$/, "รหัสมหาวิทยาลัยต้องเป็นตัวเลข 5 หลัก (เช่น 00100)"),
    ),
});
export type UniversityForm = z.output<typeof universityForm>;

/** Renaming: the names only. */
export const universityRenameForm = z.object(universityNames);
export type UniversityRenameForm = z.output<typeof universityRenameForm>;

export const UNIVERSITY_FORM_LABELS: Record<keyof UniversityForm, string> = {
  nameTh: "ชื่อมหาวิทยาลัย (ภาษาไทย)",
  nameEn: "ชื่อมหาวิทยาลัย (ภาษาอังกฤษ)",
  code: "รหัสมหาวิทยาลัย (5 หลัก)",
};

export const UNIVERSITY_CODE_TAKEN = "รหัสมหาวิทยาลัยนี้ถูกใช้แล้ว";

const universityChoice = preprocess(
  (v) => (typeof v === "string" ? v.trim() : v),
  z.optional(z.string().check(z.maxLength(100, "ข้อมูลไม่ถูกต้อง"))),
);

/** A role with the university it needs (only university staff belong to one). */
function withUniversity<T extends { role: string; universityId?: string | undefined }>(v: T, ctx: z.core.$RefinementCtx) {
  if (v.role === "university" && !v.universityId) ctx.addIssue({ code: "custom", path: ["universityId"], message: "กรุณาเลือกมหาวิทยาลัย" });
}

const roleField = (roles: readonly string[]) =>
  z.string({ error: "กรุณาเลือกบทบาท" }).check(z.refine((r) => roles.includes(r), "กรุณาเลือกบทบาท"));

export const staffCreateForm = z
  .object({
    role: z.pipe(roleField(CREATABLE_ROLES), z.transform((r) => r as (typeof CREATABLE_ROLES)[number])),
    displayName: requiredText("ชื่อ – นามสกุล", 100),
    email: preprocess((v) => v ?? "", email),
    universityId: universityChoice,
  })
  .check(z.superRefine(withUniversity));
export type StaffCreateForm = z.output<typeof staffCreateForm>;

export const STAFF_FORM_LABELS: Record<keyof StaffCreateForm, string> = {
  role: "บทบาท",
  displayName: "ชื่อ – นามสกุล",
  email: "อีเมล",
  universityId: "มหาวิทยาลัย",
};

export const staffRoleForm = z
  .object({
    role: z.pipe(roleField(ASSIGNABLE_ROLES), z.transform((r) => r as (typeof ASSIGNABLE_ROLES)[number])),
    universityId: universityChoice,
  })
  .check(z.superRefine(withUniversity));
export type StaffRoleForm = z.output<typeof staffRoleForm>;

/** The staff list's filter (GET): unknown values are ignored rather than refused. */
export const staffListQuery = z.object({
  role: z.catch(z.optional(z.string()), undefined),
  page: z.catch(z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(10_000))), undefined),
});

export const STAFF_UNIVERSITY_INACTIVE = "มหาวิทยาลัยนี้ถูกปิดการใช้งานแล้ว กรุณาเลือกมหาวิทยาลัยอื่น";
export const STAFF_UNIVERSITY_UNKNOWN = "ไม่พบมหาวิทยาลัยนี้ กรุณาเลือกจากรายการ";
export const STAFF_ROLE_NOT_ALLOWED = "ท่านไม่มีสิทธิ์สร้างบัญชีบทบาทนี้";
