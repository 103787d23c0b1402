/**
 * @module
 * The admin's audit search as a file, whole: CSV (UTF-8 with a BOM, so Excel
 * reads the Thai) or an Excel workbook. A search under the export threshold
 * streams every matching event in keyset pages, breathing between pages so the
 * host keeps serving others; a longer one is written by a background job
 * (services/export-jobs.ts) from the same rows.
 */
import type { DbOrTx } from "../db/client";
import type { AuditFilters } from "../domain/audit-forms";
import type { ExportFormat } from "../domain/exports";
import { ROLE_LABEL } from "../domain/roles";
import { auditActionLabel, auditSubjectLabel } from "../messages/audit-actions";
import { auditDataLine } from "../messages/audit-data";
import { formatThaiDateTime } from "../messages/dates";
import { auditExportPages, type TrailEvent } from "./audit-trail";
import { csvStream, defuse } from "./csv";
import { breathe, xlsxStream, type SheetSpec, type XlsxRow } from "./xlsx/write";

export const AUDIT_EXPORT_PAGE_ROWS = 500;

const HEADER = ["เวลา", "เวลา (ISO)", "ผู้กระทำ", "บทบาท", "รหัสผู้กระทำ", "การกระทำ", "รหัสการกระทำ", "ประเภทข้อมูล", "รหัสข้อมูล", "รายละเอียด", "IP"];

export const AUDIT_SHEET: SheetSpec = { sheetName: "บันทึกการใช้งาน", widths: [22, 24, 24, 20, 24, 30, 26, 14, 26, 60, 16] };
export const AUDIT_HEADER: XlsxRow = { cells: HEADER, bold: true };

/** One event as a row of the file, every cell formula-safe. */
export function auditCells(e: TrailEvent): XlsxRow {
  const cells = [
    formatThaiDateTime(e.at),
    e.at.toISOString(),
    e.actor?.displayName ?? (e.actorId ? "บัญชีที่ถูกลบ" : "ระบบ"),
    e.actor ? (ROLE_LABEL[e.actor.role] ?? e.actor.role) : "",
    e.actorId ?? "",
    auditActionLabel(e.action),
    e.action,
    auditSubjectLabel(e.subjectType),
    e.subjectId,
    auditDataLine(e.action, e.data),
    e.ip ?? "",
  ];
  return { cells: cells.map(defuse) };
}

async function* rows(db: DbOrTx, f: Partial<AuditFilters>, first: TrailEvent[] | undefined): AsyncGenerator<XlsxRow[]> {
  for await (const page of auditExportPages(db, f, AUDIT_EXPORT_PAGE_ROWS, { first })) {
    yield page.map(auditCells);
    await breathe();
  }
}

async function* withHeader(pages: AsyncIterable<XlsxRow[]>): AsyncGenerator<XlsxRow[]> {
  yield [AUDIT_HEADER];
  yield* pages;
}

/**
 * The search's file as a stream of bytes. `first` is its first keyset page when
 * already read (with the count that chose streaming: auditExportHead).
 */
export function auditFile(db: DbOrTx, f: Partial<AuditFilters>, format: ExportFormat, first?: TrailEvent[]): ReadableStream<Uint8Array> {
  const pages = rows(db, f, first);
  return format === "csv" ? csvStream(AUDIT_HEADER, pages) : xlsxStream(AUDIT_SHEET, withHeader(pages));
}
