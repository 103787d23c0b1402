/**
 * @module
 * The admin's audit search as a file: CSV (UTF-8 with a BOM, so Excel reads the
 * Thai) or an Excel workbook (exceljs, like the officers' export). When the
 * filters match more than the bound, the file's first row (and the sheet's
 * title) say so: a cut is never silent.
 */
import ExcelJS from "exceljs";
import { ROLE_LABEL } from "../domain/roles";
import { auditActionLabel, auditSubjectLabel } from "../messages/audit-actions";
import { auditDataLine } from "../messages/audit-data";
import { formatThaiDateTime } from "../messages/dates";
import type { TrailEvent } from "./audit-trail";

export interface AuditExport {
  events: TrailEvent[];
  total: number;
  truncated: boolean;
}

const HEADER = ["เวลา", "เวลา (ISO)", "ผู้กระทำ", "บทบาท", "รหัสผู้กระทำ", "การกระทำ", "รหัสการกระทำ", "ประเภทข้อมูล", "รหัสข้อมูล", "รายละเอียด", "IP"];

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

export function truncationNote(x: AuditExport): string {
  return `ตัดเหลือ ${x.events.length} รายการล่าสุด จากที่ตรงเงื่อนไขทั้งหมด ${x.total} รายการ`;
}

// A leading = + - @ would make a spreadsheet evaluate the cell as a formula.
const defuse = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const cell = (v: string) => {
  const safe = defuse(v);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function auditCsv(x: AuditExport): string {
  const lines: string[] = [];
  if (x.truncated) lines.push(cell(truncationNote(x)));
  lines.push(HEADER.map(cell).join(","));
  for (const e of x.events) lines.push(row(e).map(cell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function auditWorkbook(x: AuditExport): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "tidtam";
  // Sheet names are at most 31 characters, without * ? : \ / [ ].
  const ws = wb.addWorksheet(x.truncated ? `ตัด ${x.events.length} จาก ${x.total}`.slice(0, 31) : "บันทึกการใช้งาน");
  if (x.truncated) {
    ws.addRow([truncationNote(x)]).font = { bold: true };
  }
  const header = ws.addRow(HEADER);
  header.font = { bold: true };
  for (const e of x.events) ws.addRow(row(e).map(defuse));
  [22, 24, 24, 20, 24, 30, 26, 14, 26, 60, 16].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
