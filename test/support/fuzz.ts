/**
 * Hostile input for the fuzz suites: the values, a seeded PRNG so every failure
 * reproduces, and what any answer to hostile input must look like (no 500, a Thai
 * message on a 4xx, nothing the visitor typed echoed as markup).
 */
import { crc32, deflateSync } from "node:zlib";
import ExcelJS from "exceljs";

/** Deterministic, so a failure reproduces (mulberry32). */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** FUZZ_SEED=… replays another run; the default keeps CI deterministic. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_671);

/** A seed per label (FNV-1a), so adding a route does not change the cases of the others. */
export function seedOf(label: string, base = FUZZ_SEED): number {
  let h = 0x811c9dc5 ^ base;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

export const HOSTILE: readonly string[] = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  "%00\u0000null",
  "\u202Eevil\u202C",
  "ที่่่่่่่่่่่่่่่่่่่",
  "𝕋𝕙𝕒𝕚 🎉 ZWJ‍👨‍👩‍👧",
  "x".repeat(5000),
  "ก".repeat(300),
  "../../etc/passwd",
  "${7*7}{{7*7}}",
  " \t\n ",
  "1e308",
  "-1",
  "[object Object]",
];

/** More of the same, for the all-forms suite: breakouts, redirects, header splitting, odd numbers and dates. */
export const HOSTILE_MORE: readonly string[] = [
  "</textarea><svg/onload=alert(1)>",
  "<a href=javascript:alert(1)>x</a>",
  "javascript:alert(1)",
  "//evil.example/",
  "/\\evil.example",
  "/ok\r\nSet-Cookie: pwned=1",
  "https://service.go.th.evil.example/cb",
  '{"$gt":""}',
  "__proto__",
  "0",
  "2026-02-30",
  "９９๙๙",
  "\uFEFF\u200B",
  "ก".repeat(20_001),
  "a\r\nb\nc\rd",
];

export const ALL_HOSTILE: readonly string[] = [...HOSTILE, ...HOSTILE_MORE];

/** Values whose appearance, unescaped, in a page would be markup the visitor injected. */
export const HOSTILE_MARKUP: readonly string[] = ALL_HOSTILE.filter((v) => /[<>"]/.test(v));

/** Field names that are not the form's: prototype keys, markup, a nested-looking key. */
export const HOSTILE_NAMES: readonly string[] = ["__proto__", "constructor", "hasOwnProperty", "toString", "<script>alert(1)</script>", "a.b.__proto__.c"];

/** Random hostile values for some of `names` (the form fuzz of test/node/fuzz.test.ts). */
export function hostileFields(names: string[], rnd: () => number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) if (rnd() < 0.7) out[n] = pick(rnd, HOSTILE);
  return out;
}

export const THAI = /[\u0E00-\u0E7F]/;

/** zod's own (English) messages: a user must never see one. */
const ENGLISH_VALIDATION = /Invalid input|expected \w+, received|Too (big|small)|Unrecognized key|Invalid (option|string|email|enum)|Required\b/;

/** The text hono/jsx writes for `s` in content and attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function textOf(html: string): string {
  return html
    .replace(/<span class="visually-hidden">ข้อผิดพลาด: <\/span>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The error messages a page shows: error-summary items, messages beside fields, an error page's text. */
export function errorMessages(html: string): string[] {
  const out: string[] = [];
  for (const summary of html.matchAll(/<div class="error-summary"[\s\S]*?<\/ul>/g)) {
    for (const li of summary[0].matchAll(/<li>([\s\S]*?)<\/li>/g)) out.push(textOf(li[1]!));
  }
  for (const p of html.matchAll(/<p class="field-error"[^>]*>([\s\S]*?)<\/p>/g)) out.push(textOf(p[1]!));
  const page = /<section class="narrow" id="error">\s*<h1>([\s\S]*?)<\/h1>\s*<p>([\s\S]*?)<\/p>/.exec(html);
  if (page) out.push(`${textOf(page[1]!)}: ${textOf(page[2]!)}`);
  return out.filter(Boolean);
}

/** What is wrong with an HTML answer to hostile input, whatever its status. */
export function markupProblems(html: string): string[] {
  const problems: string[] = [];
  for (const v of HOSTILE_MARKUP) if (html.includes(v)) problems.push(`echoes ${JSON.stringify(v.slice(0, 40))} unescaped`);
  // The layout loads its scripts from our own paths; any other <script is injected.
  for (const m of html.matchAll(/<script\b[^>]*>/gi)) {
    if (!/^<script src="\/[^/\\]/.test(m[0])) problems.push(`has a script tag that is not ours: ${m[0].slice(0, 60)}`);
  }
  for (const tag of html.matchAll(/<[a-z][^>]*>/gi)) {
    // Attribute values are quoted with " and cannot contain a raw one, so what is left is names.
    if (/\son[a-z]+\s*=/i.test(tag[0].replace(/"[^"]*"/g, '""'))) problems.push(`has an inline event handler: ${tag[0].slice(0, 80)}`);
  }
  if (/SQLITE_|LibsqlError|at async |\bTypeError\b|ZodError/.test(html)) problems.push("leaks an internal error");
  return problems;
}

/** What is wrong with a 4xx answer: it must say, in Thai, what went wrong. */
export function refusalProblems(status: number, html: string, isHtml: boolean): string[] {
  if (!isHtml) return [`${status} is not an HTML page`];
  const messages = errorMessages(html);
  if (messages.length === 0) return [`${status} shows no error message`];
  return messages
    .filter((m) => !THAI.test(m) || ENGLISH_VALIDATION.test(m))
    .map((m) => `${status} shows a message that is not Thai: ${JSON.stringify(m.slice(0, 120))}`);
}

// ---------------------------------------------------------------------------
// Files: real ones (so a valid upload gets through) and liars.

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  const typed = new Uint8Array([...type].map((ch) => ch.charCodeAt(0)));
  out.set(typed, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A real, decodable PNG of `width`×`height` transparent pixels. */
export function png(width: number, height: number): Uint8Array<ArrayBuffer> {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = new Uint8Array((width * 4 + 1) * height);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(raw)),
    pngChunk("IEND", new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const PDF_BYTES = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/** A Minimum Testcase workbook whose cells are hostile too (the officer sees a summary of it). */
export async function xlsx(): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  // Sheet names may not hold / or : so the markup there is a fragment.
  const sheet = wb.addWorksheet('<b>ผล<b> & "x"');
  sheet.addRow(["กรณีทดสอบ", "ผลการทดสอบ"]);
  sheet.addRow(['"><img src=x onerror=alert(1)>', "ผ่าน"]);
  sheet.addRow(["=HYPERLINK(\"https://evil.example\")", "ไม่ผ่าน"]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** An empty zip: what a renamed archive (or a zip bomb, to a sniffer) looks like. */
export const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
/** A PNG signature and then garbage: the header lies. */
export const LYING_PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 32 }, (_, i) => i + 1)]);
export const HTML_BYTES = new TextEncoder().encode("<!doctype html><script>alert(1)</script>");

/** File names a browser will happily send. */
export const HOSTILE_FILE_NAMES: readonly string[] = [
  '"><img src=x onerror=alert(1)>.pdf',
  "<script>alert(1)</script>.png",
  "../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "\u202Egpj.exe",
  "a\u0000b\r\nc.pdf",
  `${"ก".repeat(300)}.pdf`,
  " ",
  "%2e%2e%2fx.pdf",
];
