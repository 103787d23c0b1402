/**
 * @module
 * Reading the cell texts of an uploaded Excel workbook (.xlsx): unzip, follow
 * the workbook's sheet list in order, resolve shared strings. Only values are
 * read (no styles, no formulas: a formula cell gives its cached result), which is
 * all a summary needs. Untrusted input: a part that inflates past the bound is
 * refused before it is inflated.
 */
import { strFromU8, unzipSync } from "fflate";

export interface SheetRow {
  /** 1-based, as the sheet numbers it. */
  r: number;
  /** Texts by 0-based column; a missing cell is "". */
  cells: string[];
}
export interface Sheet {
  name: string;
  rows: SheetRow[];
}

/** The most a workbook's parts may inflate to in all (an upload is at most 10 MB zipped). */
const MAX_INFLATED = 200 * 1024 * 1024;

const ENTITY: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
function decode(s: string): string {
  if (!s.includes("&") && !s.includes("_x")) return s;
  return s
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) =>
      e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITY[e] ?? ""),
    )
    .replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// Elements may carry a namespace prefix (<x:row>) when written by some libraries.
const el = (name: string) => `(?:[\\w.-]+:)?${name}`;
// Built once each: a sheet has a cell or two per column of every row, and compiling per cell cost more than reading.
const attrRes = new Map<string, RegExp>();
const attr = (attrs: string, name: string) => {
  let re = attrRes.get(name);
  if (!re) attrRes.set(name, (re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}="([^"]*)"`)));
  return re.exec(attrs)?.[1];
};
const PHONETIC = new RegExp(`<${el("rPh")}\\b[\\s\\S]*?</${el("rPh")}>`, "g");
const TEXT = new RegExp(`<${el("t")}(?:\\s[^>]*)?>([\\s\\S]*?)</${el("t")}>`, "g");

/** The text of rich or plain string content: every <t>, skipping phonetic runs. */
function textOf(xml: string): string {
  const plain = xml.includes("rPh") ? xml.replace(PHONETIC, "") : xml;
  let text = "";
  for (const m of plain.matchAll(TEXT)) text += m[1];
  return decode(text);
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(new RegExp(`<${el("si")}(?:\\s[^>]*)?>([\\s\\S]*?)</${el("si")}>|<${el("si")}\\s*/>`, "g"))].map((m) => textOf(m[1] ?? ""));
}

/** 0-based column of a reference like "AB12". */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

function sheetRows(xml: string, strings: string[]): SheetRow[] {
  const rows: SheetRow[] = [];
  const rowRe = new RegExp(`<${el("row")}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${el("row")}>)`, "g");
  const cellRe = new RegExp(`<${el("c")}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${el("c")}>)`, "g");
  const valueRe = new RegExp(`<${el("v")}(?:\\s[^>]*)?>([\\s\\S]*?)</${el("v")}>`);
  let last = 0;
  for (const row of xml.matchAll(rowRe)) {
    const r = Number(attr(row[1]!, "r")) || last + 1;
    last = r;
    const cells: string[] = [];
    let col = -1;
    for (const cell of (row[2] ?? "").matchAll(cellRe)) {
      const ref = attr(cell[1]!, "r");
      col = ref ? columnIndex(ref) : col + 1;
      const type = attr(cell[1]!, "t");
      const body = cell[2] ?? "";
      const raw = valueRe.exec(body)?.[1];
      let text = "";
      if (type === "inlineStr") text = textOf(body);
      else if (type === "s") text = strings[Number(raw)] ?? "";
      else if (raw !== undefined) text = decode(raw);
      if (col >= 0) {
        while (cells.length < col) cells.push("");
        cells[col] = text;
      }
    }
    rows.push({ r, cells });
  }
  return rows;
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolve(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

/** Every sheet of the workbook in tab order, with its cell texts; throws on a file that is not a workbook. */
export function readWorkbook(bytes: Uint8Array): Sheet[] {
  let inflated = 0;
  const files = unzipSync(bytes, {
    filter: (f) => {
      if (!/^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|worksheets\/[^/]+\.xml)$/.test(f.name)) return false;
      inflated += f.originalSize;
      if (inflated > MAX_INFLATED) throw new Error("workbook too large");
      return true;
    },
  });
  const text = (name: string) => (files[name] ? strFromU8(files[name]!) : undefined);
  const workbook = text("xl/workbook.xml");
  if (!workbook) throw new Error("not a workbook");
  const strings = sharedStrings(text("xl/sharedStrings.xml"));
  const targets = new Map<string, string>();
  for (const m of (text("xl/_rels/workbook.xml.rels") ?? "").matchAll(new RegExp(`<${el("Relationship")}\\b([^>]*)>`, "g"))) {
    const id = attr(m[1]!, "Id");
    const target = attr(m[1]!, "Target");
    if (id && target) targets.set(id, resolve("xl/workbook.xml", target));
  }
  const sheets: Sheet[] = [];
  for (const m of workbook.matchAll(new RegExp(`<${el("sheet")}\\b([^>]*)>`, "g"))) {
    const path = targets.get(attr(m[1]!, "id") ?? "");
    const xml = path ? text(path) : undefined;
    if (xml) sheets.push({ name: decode(attr(m[1]!, "name") ?? ""), rows: sheetRows(xml, strings) });
  }
  return sheets;
}
