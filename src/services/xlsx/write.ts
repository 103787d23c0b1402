/**
 * @module
 * A one-sheet Excel workbook (SpreadsheetML) written as a stream: the rows come
 * in pages from an async source and leave as deflated zip chunks, so a file of
 * any length is never held in memory whole and the host serves other requests
 * between pages. Strings are inline (no shared-string table to build first),
 * the header row is bold, columns have widths; the XML is the few parts Excel,
 * LibreOffice and Google Sheets need, zipped by ./zip.
 *
 * @example
 * const body = xlsxStream({ sheetName: "คำขอ", widths: [18, 30] }, pagesOfRows());
 * return new Response(body, { headers: { "Content-Type": XLSX_TYPE } });
 */
import { zipStream } from "./zip";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export type XlsxCell = string | number | null | undefined;
export interface XlsxRow {
  cells: XlsxCell[];
  bold?: boolean;
}
export interface SheetSpec {
  /** At most 31 characters, without * ? : \ / [ ] (Excel refuses the file otherwise). */
  sheetName: string;
  widths: number[];
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

// Characters XML 1.0 forbids (controls other than tab, LF, CR; lone surrogates; U+FFFE/F).
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Anything escapeXml would change (a surrogate may be a valid pair: the slow path decides).
const NEEDS_ESCAPE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF&<>"]/;

export function escapeXml(s: string): string {
  // Most cells need nothing: one scan instead of two replaces (an export runs this for every cell).
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(INVALID_XML, "").replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

/** "A", "B", … "Z", "AA" for 0, 1, … 25, 26. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const COLUMN_NAMES = Array.from({ length: 64 }, (_, i) => columnName(i));

/** Whitespace as /\s/ sees it, by code (xml:space="preserve" keeps a cell's edges). */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || (code > 0xff && /\s/.test(String.fromCharCode(code)));
}

function cellXml(value: XlsxCell, ref: string, style: string): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "number") return Number.isFinite(value) ? `<c r="${ref}"${style}><v>${value}</v></c>` : "";
  const space = isSpace(value.charCodeAt(0)) || isSpace(value.charCodeAt(value.length - 1)) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${escapeXml(value)}</t></is></c>`;
}

export function rowXml(row: XlsxRow, r: number): string {
  const style = row.bold ? ' s="1"' : "";
  let xml = `<row r="${r}">`;
  const cells = row.cells;
  for (let i = 0; i < cells.length; i++) xml += cellXml(cells[i], `${COLUMN_NAMES[i] ?? columnName(i)}${r}`, style);
  return `${xml}</row>`;
}

export function staticParts(spec: SheetSpec): Record<string, string> {
  return {
    "[Content_Types].xml": `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    "_rels/.rels": `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${escapeXml(spec.sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    "xl/styles.xml": `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
  };
}

export function sheetHead(spec: SheetSpec): string {
  const cols = spec.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  return `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${cols ? `<cols>${cols}</cols>` : ""}<sheetData>`;
}

export const SHEET_TAIL = "</sheetData></worksheet>";

async function* bytesOf(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

async function* sheetXml(spec: SheetSpec, pages: AsyncIterable<XlsxRow[]>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode(sheetHead(spec));
  let rowNo = 0;
  for await (const page of pages) {
    if (page.length) yield encoder.encode(page.map((row) => rowXml(row, ++rowNo)).join(""));
  }
  yield encoder.encode(SHEET_TAIL);
}

/**
 * The workbook as a byte stream. Pages are read as the compressor takes them,
 * so a slow client slows the query too instead of piling the file up in memory.
 */
export function xlsxStream(spec: SheetSpec, pages: AsyncIterable<XlsxRow[]>): ReadableStream<Uint8Array> {
  const parts = Object.entries(staticParts(spec)).map(([name, xml]) => ({ name, data: bytesOf(xml) }));
  const zip = zipStream([...parts, { name: "xl/worksheets/sheet1.xml", data: sheetXml(spec, pages) }]);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await zip.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await zip.return(undefined);
    },
  });
}

/** Collects a stream into one array: for tests and small files. */
export async function streamBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    parts.push(next.value);
    length += next.value.length;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** Yields to the event loop, so a long export lets other requests in between its pages. */
export const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
