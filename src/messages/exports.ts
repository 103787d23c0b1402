import type { ExportFormat, ExportKind } from "../domain/exports";

/** What each kind of background export is called on its page, and where it was asked for. */
export const EXPORT_KIND_WORDS: Record<ExportKind, { what: string; list: string }> = {
  requests: { what: "คำขอ", list: "หน้ารายการคำขอ" },
  audit: { what: "บันทึกการใช้งาน", list: "หน้าบันทึกการใช้งาน" },
};

export const EXPORT_FORMAT_WORDS: Record<ExportFormat, string> = { xlsx: "Excel (.xlsx)", csv: "CSV (.csv)" };

/** "ส่งออกคำขอเป็นไฟล์ Excel (.xlsx)": the job page's title and heading. */
export const exportJobTitle = (kind: ExportKind, format: ExportFormat) => `ส่งออก${EXPORT_KIND_WORDS[kind].what}เป็นไฟล์ ${EXPORT_FORMAT_WORDS[format]}`;
