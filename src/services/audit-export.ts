/**
 * @module
 * The admin's audit search as a file, whole: CSV (UTF-8 with a BOM, so Excel
 * reads the Thai) or an Excel workbook. Both stream every matching event in
 * keyset pages, breathing between pages so the host keeps serving others.
 */
import type { DbOrTx } from "../db/client";
import type { AuditFilters } from "../domain/audit-forms";
import { ROLE_LABEL } from "../domain/roles";
import { auditActionLabel, auditSubjectLabel } from "../messages/audit-actions";
import { auditDataLine } from "../messages/audit-data";
import { formatThaiDateTime } from "../messages/dates";
import { auditExportPages, type TrailEvent } from "./audit-trail";
import { breathe, xlsxStream, type XlsxRow } from "./xlsx/write";

export const AUDIT_EXPORT_PAGE_ROWS = 500;

const HEADER = ["เวลา", "เวลา (ISO)", "ผู้กระทำ", "บทบาท", "รหัสผู้กระทำ", "การกระทำ", "รหัสการกระทำ", "ประเภทข้อมูล", "รหัสข้อมูล", "รายละเอียด", "IP"];
const WIDTHS = [22, 24, 24, 20, 24, 30, 26, 14, 26, 60, 16];

function row(e: TrailEvent): string[] {
  return [
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
}

// A leading = + - @ would make a spreadsheet evaluate the cell as a formula.
export const defuse = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
export const cell = (v: string) => {
  const safe = defuse(v);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

async function* pages(db: DbOrTx, f: Partial<AuditFilters>): AsyncGenerator<TrailEvent[]> {
  for await (const page of auditExportPages(db, f, AUDIT_EXPORT_PAGE_ROWS)) {
    yield page;
    await breathe();
  }
}

/** The CSV as a stream of UTF-8 bytes. */
export function auditCsv(db: DbOrTx, f: Partial<AuditFilters>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const source = pages(db, f);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${HEADER.map(cell).join(",")}\r\n`));
        return;
      }
      const next = await source.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map((e) => `${row(e).map(cell).join(",")}\r\n`).join("")));
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}

async function* workbookRows(db: DbOrTx, f: Partial<AuditFilters>): AsyncGenerator<XlsxRow[]> {
  yield [{ cells: HEADER, bold: true }];
  for await (const page of pages(db, f)) yield page.map((e) => ({ cells: row(e).map(defuse) }));
}

/** The workbook as a stream of bytes. */
export function auditWorkbook(db: DbOrTx, f: Partial<AuditFilters>): ReadableStream<Uint8Array> {
  return xlsxStream({ sheetName: "บันทึกการใช้งาน", widths: WIDTHS }, workbookRows(db, f));
}
