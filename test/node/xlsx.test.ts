/**
 * The workbook writer and reader without exceljs: a file written here opens in
 * exceljs (an independent reader) with its Thai text, widths and bold header; the
 * reader reads a real workbook written by exceljs (shared strings, rich text,
 * formulas, several sheets); uploads are recognised from their bytes.
 */
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { sniffType } from "../../src/services/sniff";
import { summarizeTestWorkbook } from "../../src/services/xlsx-summary";
import { readWorkbook } from "../../src/services/xlsx/read";
import { resumeWorkbook, startWorkbook, type WorkbookState } from "../../src/services/xlsx/chunked";
import { columnName, streamBytes, xlsxStream, type XlsxRow } from "../../src/services/xlsx/write";
import { EMPTY_ZIP, HTML_BYTES, PDF_BYTES, png } from "../support/fuzz";

const FIXTURE = new Uint8Array(readFileSync(new URL("../fixtures/minimum-testcase-exceljs.xlsx", import.meta.url)));
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function* pages(...list: XlsxRow[][]) {
  yield* list;
}

describe("the writer", () => {
  it("names columns like a spreadsheet", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });

  it("writes a workbook exceljs opens: Thai text, numbers, a bold header, widths, markup kept as text", async () => {
    const hostile = '<b>&"x"</b> \u0001 ';
    const bytes = await streamBytes(
      xlsxStream({ sheetName: "คำขอ & <ทดสอบ>", widths: [18, 30, 8] }, pages([{ cells: ["ชื่อ-สกุล", "สาขา", "คิวที่"], bold: true }], [{ cells: ["นางสาวสมศรี ใจดี", hostile, 12] }], [], [{ cells: ["", null, 3.5] }])),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe("คำขอ & <ทดสอบ>");
    expect(sheet.actualRowCount).toBe(3);
    expect(sheet.getRow(1).getCell(1).value).toBe("ชื่อ-สกุล");
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(sheet.getRow(2).getCell(2).value).toBe('<b>&"x"</b>  ');
    expect(sheet.getRow(2).getCell(3).value).toBe(12);
    expect(sheet.getRow(3).getCell(3).value).toBe(3.5);
    expect(sheet.getColumn(2).width).toBe(30);
    expect(readWorkbook(bytes)[0]!.rows.map((r) => r.cells)).toEqual([
      ["ชื่อ-สกุล", "สาขา", "คิวที่"],
      ["นางสาวสมศรี ใจดี", '<b>&"x"</b>  ', "12"],
      ["", "", "3.5"],
    ]);
    expect(sniffType(bytes)).toBe(XLSX);
  });
});

describe("the chunked writer (background exports)", () => {
  it("writes one valid workbook from pieces made apart, only their JSON state passed between them", async () => {
    const now = new Date("2026-12-02T04:00:00Z");
    const first = startWorkbook({ sheetName: "คำขอ", widths: [20, 10] }, now);
    first.sheet.append([{ cells: ["เลขที่", "จำนวน"], bold: true }]);
    const parts = [first.bytes, first.sheet.end()];
    let state: WorkbookState = JSON.parse(JSON.stringify(first.state));
    // Pieces of many sizes, so the flush meets every bit position of the last byte.
    for (let piece = 0; piece < 12; piece++) {
      const sheet = resumeWorkbook(state);
      for (let page = 0; page < 3; page++) sheet.append(Array.from({ length: 1 + piece * 5 + page }, (_, i) => ({ cells: [`แถว ${piece}-${page}-${i}`, i * piece] })));
      parts.push(piece === 11 ? sheet.finish() : sheet.end());
      state = JSON.parse(JSON.stringify(state));
    }
    const bytes = new Uint8Array(Buffer.concat(parts));
    const [sheet] = readWorkbook(bytes);
    const expected = 1 + Array.from({ length: 12 }, (_, p) => 3 * (1 + p * 5) + 3).reduce((a, b) => a + b, 0);
    expect(sheet!.rows).toHaveLength(expected);
    expect(sheet!.rows.at(-1)!.cells[0]).toBe(`แถว 11-2-${1 + 11 * 5 + 2 - 1}`);
    // zlib (strict about stored-block lengths) inflates the sheet's one stream across all pieces.
    const sheetStart = state.sheet.offset + 30 + "xl/worksheets/sheet1.xml".length;
    const inflated = inflateRawSync(bytes.subarray(sheetStart, sheetStart + state.sheet.compressed));
    expect(inflated.length).toBe(state.sheet.size);
    expect(inflated.toString("utf8").endsWith("</sheetData></worksheet>")).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(expected);
    expect(workbook.worksheets[0]!.getCell("A1").font?.bold).toBe(true);
  });
});

describe("the reader", () => {
  it("reads every sheet of a real exceljs workbook in tab order: shared strings, rich text, cached formula results", () => {
    const [cover, tests] = readWorkbook(FIXTURE);
    expect(cover!.name).toBe("ปก");
    expect(cover!.rows[0]!.cells).toEqual(["AF6-1 Minimum Testcase", "ระบบทดสอบ & <ตัวอย่าง>"]);
    expect(tests!.name).toBe("Minimum Testcase");
    const byRow = new Map(tests!.rows.map((r) => [r.r, r.cells]));
    expect(byRow.get(3)).toEqual(["ลำดับ", "กรณีทดสอบ", "ผลการทดสอบ", "หมายเหตุ"]);
    expect(byRow.get(5)!.slice(1, 3)).toEqual(["ยื่นคำขอ ตัวหนา", "ไม่ผ่าน"]);
    expect(byRow.get(6)!.slice(2)).toEqual(["Pass", "42.5"]);
    expect(byRow.get(10)).toEqual(["", "", "FAIL", "", "", "pass"]);
  });

  it("summarises the result column of the real workbook as the officer sees it", async () => {
    expect(await summarizeTestWorkbook(FIXTURE)).toEqual({ passed: 2, failed: 2, total: 5 });
  });

  it("gives no summary for what is not a workbook", async () => {
    for (const bytes of [EMPTY_ZIP, HTML_BYTES, PDF_BYTES, new Uint8Array(0)]) expect(await summarizeTestWorkbook(bytes)).toBeNull();
  });
});

describe("sniffing uploads from their bytes", () => {
  it("knows the accepted kinds and nothing else", () => {
    expect(sniffType(PDF_BYTES)).toBe("application/pdf");
    expect(sniffType(png(2, 2))).toBe("image/png");
    expect(sniffType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("image/jpeg");
    expect(sniffType(FIXTURE)).toBe(XLSX);
    for (const bytes of [EMPTY_ZIP, HTML_BYTES, new Uint8Array([0x4d, 0x5a, 0x90, 0]), new Uint8Array(0)]) expect(sniffType(bytes)).toBeNull();
  });
});
