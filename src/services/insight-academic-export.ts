/**
 * @module
 * The officer overview's tables as files: one CSV (UTF-8 with a BOM, formula-safe,
 * the audit export's cell rules) or one worksheet, each table under its title with
 * a blank line between. Whole days and counts only; the waiting-longest list keeps
 * ticket numbers but no names, so a file passed around carries no applicant.
 */
import { POSITIONS, STATUSES } from "../domain/academic";
import { AGE_BUCKETS } from "../domain/insight";
import { formatThaiDate, formatThaiDateTime } from "../messages/dates";
import { csvText, defuse } from "./csv";
import type { AcademicOverview, InsightFilters } from "./insight-academic";
import { xlsxStream, type XlsxCell, type XlsxRow } from "./xlsx/write";

export interface ExportTable {
  title: string;
  header: string[];
  rows: XlsxCell[][];
}

/** The overview as titled tables, in the page's order. */
export function overviewTables(o: AcademicOverview, f: InsightFilters & { universityName?: string }): ExportTable[] {
  const scope = [
    `ข้อมูล ณ ${formatThaiDateTime(o.now)}`,
    `มหาวิทยาลัย: ${f.universityName ?? "ทั้งหมด"}`,
    `ตำแหน่ง: ${f.position ? POSITIONS[f.position].th : "ทั้งหมด"}`,
  ];
  return [
    { title: "ภาพรวมคำขอตำแหน่งทางวิชาการ", header: [], rows: scope.map((s) => [s]) },
    {
      title: "งานค้างตามสถานะ แยกตามอายุนับจากวันยื่น",
      header: ["สถานะ", ...AGE_BUCKETS.map((b) => b.th), "รวม"],
      rows: o.backlog.map((r) => [STATUSES[r.status].th, ...AGE_BUCKETS.map((b) => r.buckets[b.key]), r.total]),
    },
    {
      title: "คำขอเข้าและที่เสร็จสิ้นรายสัปดาห์",
      header: ["สัปดาห์เริ่มวันที่", "ยื่นเข้า", "เสร็จสิ้น"],
      rows: o.weeks.map((w) => [formatThaiDate(w.weekStart), w.submitted, w.finished]),
    },
    {
      title: `วันในแต่ละสถานะ (คำขอที่เสร็จสิ้นใน 12 เดือนล่าสุด; คำนวณเมื่อ ${formatThaiDateTime(o.times.computedAt)})`,
      header: ["สถานะ", "มัธยฐาน (วัน)", "80% ไม่เกิน (วัน)", "จำนวนคำขอ"],
      rows: o.times.rows.map((r) => [STATUSES[r.status].th, r.summary?.medianDays ?? "ข้อมูลยังไม่พอ", r.summary?.p80Days ?? "ข้อมูลยังไม่พอ", r.count]),
    },
    {
      title: "คำขอที่รอนานที่สุดในแต่ละสถานะ",
      header: ["สถานะ", "Ticket No.", "มหาวิทยาลัย", "อยู่ในสถานะตั้งแต่", "วันในสถานะ"],
      rows: o.waiting.flatMap((g) => g.requests.map((r) => [STATUSES[g.status].th, r.ticketNo ?? "", r.universityName, formatThaiDate(r.statusSince), r.days])),
    },
  ];
}

/** The tables one under another, each under its bold title and header, a blank row between. */
function tableRows(tables: ExportTable[]): XlsxRow[] {
  const rows: XlsxRow[] = [];
  for (const t of tables) {
    if (rows.length) rows.push({ cells: [] });
    rows.push({ cells: [t.title], bold: true });
    if (t.header.length) rows.push({ cells: t.header, bold: true });
    for (const row of t.rows) rows.push({ cells: row });
  }
  return rows;
}

export function overviewCsv(tables: ExportTable[]): string {
  return csvText(tableRows(tables));
}

export function overviewWorkbook(tables: ExportTable[]): ReadableStream<Uint8Array> {
  const rows = tableRows(tables).map((r) => ({ ...r, cells: r.cells.map((v) => (typeof v === "string" ? defuse(v) : v)) }));
  async function* pages() {
    yield rows;
  }
  return xlsxStream({ sheetName: "ภาพรวม", widths: [34, 16, 22, 18, 16, 12] }, pages());
}
