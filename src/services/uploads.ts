/**
 * @module
 * Receiving an uploaded file: the body was already size-limited while streaming
 * (bodyLimit on the route), the type is sniffed from the bytes (never trusted from
 * the name or the browser), and the file is stored under a random key.
 */
import { MESSAGES } from "../messages/th";
import type { FileStore } from "../platform/ports";
import { randomToken } from "./crypto";
import { sniffType } from "./sniff";

export interface UploadRule {
  maxBytes: number;
  /** MIME types accepted, as sniffed from the content. */
  types: readonly string[];
  /** Thai description for messages, e.g. "PDF". */
  label: string;
}

export type UploadResult =
  | { ok: true; key: string; fileName: string; size: number; contentType: string; bytes: Uint8Array }
  | { ok: false; message: string };
export type StoredUpload = Extract<UploadResult, { ok: true }>;

/** Strips path parts and control characters from the name the browser sent; display only. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return cleaned || "ไฟล์";
}

export async function storeUpload(files: FileStore, file: unknown, rule: UploadRule): Promise<UploadResult> {
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: MESSAGES.fileMissing(rule.label) };
  if (file.size > rule.maxBytes) return { ok: false, message: MESSAGES.fileTooLarge(rule.maxBytes) };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const sniffed = sniffType(bytes);
  if (!sniffed || !rule.types.includes(sniffed)) {
    return { ok: false, message: MESSAGES.fileWrongType(rule.label) };
  }
  const key = randomToken(24);
  await files.put(key, bytes, { contentType: sniffed });
  return { ok: true, key, fileName: cleanFileName(file.name), size: bytes.length, contentType: sniffed, bytes };
}

export const PDF_20MB: UploadRule = { maxBytes: 20 * 1024 * 1024, types: ["application/pdf"], label: "PDF" };
export const PDF_10MB: UploadRule = { maxBytes: 10 * 1024 * 1024, types: ["application/pdf"], label: "PDF" };
/** The e-service icon (step 1, again at step 5) and the step-5 screenshots. */
export const IMAGE_5MB: UploadRule = { maxBytes: 5 * 1024 * 1024, types: ["image/png", "image/jpeg"], label: "JPG หรือ PNG" };
/** The Minimum Testcase workbook of steps 3 and 6. */
export const XLSX_10MB: UploadRule = {
  maxBytes: 10 * 1024 * 1024,
  types: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  label: "Excel (.xlsx)",
};
