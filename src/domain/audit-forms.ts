/**
 * @module
 * The admin's audit search: a GET form whose every field is optional. Dates are
 * Bangkok calendar days (`<input type="date">`), turned into instants here.
 */
import * as z from "zod/mini";
import { isIsoDate } from "./dates";
import { EXPORT_FORMATS } from "./exports";

export const AUDIT_SUBJECT_TYPES = ["request", "eservice", "agency", "user", "university", "settings", "mail"] as const;

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The instant a Bangkok calendar day (`YYYY-MM-DD`) begins. */
export function bangkokDayStart(isoDate: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - BANGKOK_OFFSET_MS);
}

/** Blank is absent. */
const blankAsAbsent = (schema: z.ZodMiniOptional<z.ZodMiniString<string>>) => z.pipe(schema, z.transform((v) => v || undefined));

const optional = (max: number, message: string) => blankAsAbsent(z.optional(z.string().check(z.trim(), z.maxLength(max, message))));

const day = (message: string) =>
  blankAsAbsent(z.optional(z.string().check(z.trim()))).check(z.refine((v) => v === undefined || isIsoDate(v), message));

/** `actions` are the known actions the select offers (messages/audit-actions.ts). */
export function auditFilterForm(actions: readonly string[]) {
  return z
    .object({
      actor: optional(200, "ชื่อผู้ใช้ยาวเกินไป (ไม่เกิน 200 ตัวอักษร)"),
      subjectType: blankAsAbsent(z.optional(z.string())).check(
        z.refine((v) => v === undefined || (AUDIT_SUBJECT_TYPES as readonly string[]).includes(v), "กรุณาเลือกประเภทข้อมูลจากรายการ"),
      ),
      subjectId: optional(200, "รหัสข้อมูลยาวเกินไป (ไม่เกิน 200 ตัวอักษร)"),
      action: blankAsAbsent(z.optional(z.string())).check(
        z.refine((v) => v === undefined || actions.includes(v), "กรุณาเลือกการกระทำจากรายการ"),
      ),
      from: day("กรุณากรอกวันที่เริ่มต้นให้ถูกต้อง"),
      to: day("กรุณากรอกวันที่สิ้นสุดให้ถูกต้อง"),
    })
    .check(z.refine((f) => !f.from || !f.to || f.from <= f.to, { message: "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น", path: ["to"] }));
}
export type AuditFilters = z.output<ReturnType<typeof auditFilterForm>>;

export const AUDIT_FILTER_LABELS: Record<keyof AuditFilters, string> = {
  actor: "ผู้กระทำ (ชื่อผู้ใช้หรือรหัสบัญชี)",
  subjectType: "ประเภทข้อมูล",
  subjectId: "รหัสข้อมูล",
  action: "การกระทำ",
  from: "ตั้งแต่วันที่",
  to: "ถึงวันที่",
};

/** The export form's button: a file format we write, or a Thai error (only a tampered form gets it). */
export const exportFormatForm = z.object({
  format: z.enum(EXPORT_FORMATS, { message: "กรุณาเลือกรูปแบบไฟล์: CSV หรือ Excel (.xlsx)" }),
});

/** `?page=`: a positive integer, anything else is the first page. */
export function pageParam(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
}
