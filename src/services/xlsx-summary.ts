/**
 * @module
 * Reading a Minimum Testcase workbook for the officer: when a sheet has a result
 * column, count the rows that passed and failed. The workbook is read, never trusted:
 * any failure just means "no summary".
 */
import { readWorkbook } from "./xlsx/read";

const RESULT_HEADER = /^(ผล|ผลการทดสอบ|ผลลัพธ์|result|status|pass\/fail|actual result)/i;
const PASS = /^(ผ่าน|pass|passed|ok|success|✓|y|yes)$/i;
const FAIL = /^(ไม่ผ่าน|fail|failed|ng|error|✗|x|n|no)$/i;

export interface TestSummary {
  passed: number;
  failed: number;
  total: number;
}

export async function summarizeTestWorkbook(bytes: Uint8Array): Promise<TestSummary | null> {
  try {
    for (const sheet of readWorkbook(bytes)) {
      // The header row is one of the first ten; the result column is the one whose header says so.
      for (const header of sheet.rows) {
        if (header.r > 10) break;
        const col = header.cells.findIndex((text) => RESULT_HEADER.test(text.trim()));
        if (col < 0) continue;
        const summary: TestSummary = { passed: 0, failed: 0, total: 0 };
        for (const row of sheet.rows) {
          if (row.r <= header.r) continue;
          const text = (row.cells[col] ?? "").trim();
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
