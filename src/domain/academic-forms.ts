/**
 * @module
 * The university's request form. The same schema validates a draft save (only
 * the national ID and name needed to find it again) and a submission (everything).
 */
import * as z from "zod/mini";
import { DOCUMENT_STATUS_KEYS, POSITION_KEYS, STATUS_KEYS, type DocumentStatus } from "./academic";
import { email, thaiId, thaiPhone } from "./contact";
import { NUL_MESSAGE, nulPaths, thaiFallbackError } from "./forms";

const text = (label: string, max = 200) =>
  z.string().check(z.trim(), z.minLength(1, `กรุณากรอก${label}`), z.maxLength(max, `${label}ยาวเกินไป (ไม่เกิน ${max} ตัวอักษร)`));
/** Blank is null. */
const optionalText = (label: string, max = 200) =>
  z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(max, `${label}ยาวเกินไป (ไม่เกิน ${max} ตัวอักษร)`))),
    z.transform((v) => v || null),
  );

export const requestForm = z.object({
  applicantPid: thaiId,
  applicantTitle: text("คำนำหน้าชื่อ", 50),
  applicantFirstName: text("ชื่อ", 100),
  applicantLastName: text("นามสกุล", 100),
  applicantEmail: z.pipe(
    z.pipe(
      z.optional(z.string().check(z.trim())),
      z.transform((v) => v || null),
    ),
    z.union([z.null(), email]),
  ),
  position: z.enum(POSITION_KEYS as [string, ...string[]], { message: "กรุณาเลือกตำแหน่งที่ขอ" }),
  fieldTh: text("สาขาวิชา (ภาษาไทย)"),
  fieldEn: text("สาขาวิชา (ภาษาอังกฤษ)"),
  letterNo: optionalText("เลขที่หนังสือ", 50),
  coordinatorName: text("ชื่อผู้ประสานงาน", 100),
  coordinatorPhone: thaiPhone,
  coordinatorEmail: email,
});
export type RequestForm = z.output<typeof requestForm>;

export const REQUEST_FORM_LABELS: Record<keyof z.input<typeof requestForm>, string> = {
  applicantPid: "เลขประจำตัวประชาชนของเจ้าของผลงาน",
  applicantTitle: "คำนำหน้าชื่อ",
  applicantFirstName: "ชื่อ",
  applicantLastName: "นามสกุล",
  applicantEmail: "อีเมลของเจ้าของผลงาน (ถ้ามี)",
  position: "ตำแหน่งที่ขอ",
  fieldTh: "สาขาวิชา (ภาษาไทย)",
  fieldEn: "สาขาวิชา (ภาษาอังกฤษ)",
  letterNo: "เลขที่หนังสือ",
  coordinatorName: "ชื่อผู้ประสานงาน",
  coordinatorPhone: "เบอร์โทรศัพท์ผู้ประสานงาน",
  coordinatorEmail: "อีเมลผู้ประสานงาน",
};

/** An officer's status action: which one, and what it needs. */
export const officerActionForm = z.object({
  action: z.string().check(z.minLength(1, "กรุณาเลือกการดำเนินการ")),
  receiptNo: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.maxLength(50, "หมายเลขรับเอกสารยาวเกินไป"),
        z.regex(/^\d*$/, "หมายเลขรับเอกสารต้องเป็นตัวเลขเท่านั้น เช่น 1548"),
      ),
  ),
  note: z.optional(z.string().check(z.trim(), z.maxLength(1000, "หมายเหตุยาวเกินไป (ไม่เกิน 1000 ตัวอักษร)"))),
});

/** An officer's mark on one document: its status and an optional note. */
export const documentStatusForm = z.object({
  status: z.enum(DOCUMENT_STATUS_KEYS as [DocumentStatus, ...DocumentStatus[]], { message: "กรุณาเลือกสถานะเอกสาร" }),
  note: z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(500, "หมายเหตุยาวเกินไป (ไม่เกิน 500 ตัวอักษร)"))),
    z.transform((v) => v || null),
  ),
});
export type DocumentStatusForm = z.output<typeof documentStatusForm>;

export type DraftFields = { [K in keyof RequestForm]?: RequestForm[K] | null };
type ShapeKey = keyof typeof requestForm.shape;

/** Shown at the top of the form when "บันทึก" is pressed on a form with nothing filled in. */
export const EMPTY_DRAFT_MESSAGE = "กรุณากรอกข้อมูลอย่างน้อยหนึ่งช่องก่อนบันทึกร่างคำขอ";

/** A draft with no answer at all: it would only show up as an empty "สาขา ()" row in the list. */
export function isEmptyDraft(draft: DraftFields): boolean {
  return Object.values(draft).every((v) => v === null || v === undefined);
}

/**
 * A draft keeps whatever is filled in: empty fields are allowed (but not all of
 * them), and anything typed must already be valid, so the check-your-answers page
 * never shows garbage.
 */
export function validateDraft(
  input: Record<string, unknown>,
): { ok: true; data: DraftFields } | { ok: false; errors: Record<string, string> } {
  const { data, errors } = parseDraftFields(input);
  if (Object.keys(errors).length) return { ok: false, errors };
  if (isEmptyDraft(data)) return { ok: false, errors: { _form: EMPTY_DRAFT_MESSAGE } };
  return { ok: true, data };
}

/** Each field on its own: blank is null, valid is its value, anything else an error (and absent from `data`). */
function parseDraftFields(input: Record<string, unknown>): { data: DraftFields; errors: Record<string, string> } {
  const data: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const key of Object.keys(requestForm.shape) as ShapeKey[]) {
    const raw = input[key];
    if (raw === undefined || (typeof raw === "string" && raw.trim() === "")) {
      data[key] = null;
      continue;
    }
    const parsed = requestForm.shape[key].safeParse(raw, { error: thaiFallbackError });
    if (parsed.success && nulPaths(parsed.data).length) errors[key] = NUL_MESSAGE;
    else if (parsed.success) data[key] = parsed.data;
    else errors[key] = parsed.error.issues[0]?.message ?? "ข้อมูลไม่ถูกต้อง";
  }
  return { data: data as DraftFields, errors };
}

/**
 * What an autosave of the request form stores while the university types: every
 * field that is valid so far (blank ones as empty), and the names of those that are
 * not valid yet (a national ID half typed, an e-mail without its domain). Those are
 * left out of `data` (undefined), so the stored value stays until they are valid:
 * an autosave never stores garbage and never wipes what was saved before.
 */
export function draftForAutosave(input: Record<string, unknown>): { data: DraftFields; invalid: ShapeKey[] } {
  const { data, errors } = parseDraftFields(input);
  return { data, invalid: Object.keys(errors) as ShapeKey[] };
}

/** The list filters from the query string; anything unknown is dropped, never an error. */
export const requestFilterQuery = z.object({
  q: z.catch(z.optional(z.string().check(z.trim(), z.maxLength(100))), undefined),
  status: z.catch(z.optional(z.enum(STATUS_KEYS as [string, ...string[]])), undefined),
  university: z.catch(z.optional(z.string().check(z.maxLength(64))), undefined),
  position: z.catch(z.optional(z.enum(POSITION_KEYS as [string, ...string[]])), undefined),
  age: z.catch(z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(3650))), undefined),
  page: z.catch(z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100_000))), undefined),
});
