/**
 * @module
 * Reading a Minimum Testcase workbook for the officer: when a sheet has a result
 * column, count the rows that passed and failed. The workbook is read, never trusted:
 * any failure just means "no summary".
 */
import ExcelJS from "exceljs";

const RESULT_HEADER = /^(ผล|ผลการทดสอบ|ผลลัพธ์|result|status|pass\/fail|actual result)/i;
const PASS = /^(ผ่าน|pass|passed|ok|success|✓|y|yes)$/i;
const FAIL = /^(ไม่ผ่าน|fail|failed|ng|error|✗|x|n|no)$/i;

export interface TestSummary {
  passed: number;
  failed: number;
  total: number;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  if (typeof value === "object" && "result" in value) return String(value.result ?? "");
  return String(value);
}

export async function summarizeTestWorkbook(bytes: Uint8Array): Promise<TestSummary | null> {
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    for (const sheet of wb.worksheets) {
      // The header row is one of the first ten; the result column is the one whose header says so.
      for (let r = 1; r <= Math.min(10, sheet.rowCount); r++) {
        const row = sheet.getRow(r);
        let col = 0;
        row.eachCell((cell, c) => {
          if (!col && RESULT_HEADER.test(cellText(cell.value).trim())) col = c;
        });
        if (!col) continue;
        const summary: TestSummary = { passed: 0, failed: 0, total: 0 };
        for (let i = r + 1; i <= sheet.rowCount; i++) {
          const text = cellText(sheet.getRow(i).getCell(col).value).trim();
          if (!text) continue;
          summary.total++;
          if (PASS.test(text)) summary.passed++;
          else if (FAIL.test(text)) summary.failed++;
        }
        return summary;
      }
    }
    return null;
  } catch {
    return null;
  }
}
