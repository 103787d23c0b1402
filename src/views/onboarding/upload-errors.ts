import type { FieldErrors } from "../../domain/forms";

/**
 * The file fields' errors and their inputs' ids. Upload forms sit far down a long
 * page, so their errors are always listed at its top (linked to the field while
 * the form is there), never in a section's own summary.
 */
const UPLOAD_FIELDS: Record<string, { target: string; label: string }> = {
  iconError: { target: "f-icon", label: "ไอคอน" },
  uploadError: { target: "f-testfile", label: "ไฟล์ผลการทดสอบ" },
  icon: { target: "f-icon5", label: "ไอคอน" },
  screenshots: { target: "f-shot", label: "ภาพหน้าจอ" },
};
export const UPLOAD_TARGETS = Object.fromEntries(Object.entries(UPLOAD_FIELDS).map(([k, v]) => [k, v.target]));
export const UPLOAD_LABELS = Object.fromEntries(Object.entries(UPLOAD_FIELDS).map(([k, v]) => [k, v.label]));

/** `errors` without the file fields' (which the page's top summary lists). */
export function withoutUploadErrors(errors: FieldErrors | undefined): FieldErrors {
  return Object.fromEntries(Object.entries(errors ?? {}).filter(([k]) => !Object.hasOwn(UPLOAD_FIELDS, k)));
}
