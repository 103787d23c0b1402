/**
 * @module
 * CSV the way our files are opened: UTF-8 with a byte-order mark (Excel reads the
 * Thai only with it), CRLF line ends, and cells a spreadsheet will not run as formulas.
 */
import type { XlsxCell, XlsxRow } from "./xlsx/write";

export const CSV_BOM = "\uFEFF";

// A leading = + - @ would make a spreadsheet evaluate the cell as a formula.
export const defuse = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** One CSV field: formula-safe, quoted when it holds a quote, comma or line break. */
export const cell = (v: string) => {
  const safe = defuse(v);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const text = (v: XlsxCell) => (v === null || v === undefined ? "" : String(v));

/** A row of cells as one CSV line, its CRLF included. */
export const csvLine = (row: XlsxRow) => `${row.cells.map((v) => cell(text(v))).join(",")}\r\n`;

/** A whole small file: the byte-order mark, then each row a line. */
export const csvText = (rows: Iterable<XlsxRow>) => CSV_BOM + [...rows].map(csvLine).join("");

/** A header and pages of rows as a stream of UTF-8 bytes, each page encoded when the reader asks for it. */
export function csvStream(header: XlsxRow, pages: AsyncIterator<XlsxRow[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        return controller.enqueue(encoder.encode(CSV_BOM + csvLine(header)));
      }
      const next = await pages.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map(csvLine).join("")));
    },
    async cancel() {
      await pages.return?.(undefined);
    },
  });
}
