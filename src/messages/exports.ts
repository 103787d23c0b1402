/** What each kind of background export is called on its page, and where it was asked for. */
export const EXPORT_KIND_WORDS = {
  requests: { what: "คำขอ", list: "หน้ารายการคำขอ" },
  audit: { what: "บันทึกการใช้งาน", list: "หน้าบันทึกการใช้งาน" },
} as const;

export const EXPORT_FORMAT_WORDS = { xlsx: "Excel (.xlsx)", csv: "CSV (.csv)" } as const;

export type ExportKind = keyof typeof EXPORT_KIND_WORDS;
export type ExportFileFormat = keyof typeof EXPORT_FORMAT_WORDS;

/** "ส่งออกคำขอเป็นไฟล์ Excel (.xlsx)": the job page's title and heading. */
export const exportJobTitle = (kind: ExportKind, format: ExportFileFormat) => `ส่งออก${EXPORT_KIND_WORDS[kind].what}เป็นไฟล์ ${EXPORT_FORMAT_WORDS[format]}`;
