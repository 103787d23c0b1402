/**
 * @module
 * What an uploaded file really is, from its bytes: only the types uploads accept
 * (PDF, PNG, JPEG, Excel .xlsx) are recognised, anything else is null. A workbook
 * is a zip whose content types declare an ordinary (macro-free) spreadsheet.
 */
import { strFromU8, unzipSync } from "fflate";

const XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function isXlsx(bytes: Uint8Array): boolean {
  try {
    let workbook = false;
    const parts = unzipSync(bytes, {
      filter: (f) => {
        if (f.name === "xl/workbook.xml") workbook = true;
        // Only the small manifest is inflated; a bomb in it is refused unread.
        return f.name === "[Content_Types].xml" && f.originalSize < 1024 * 1024;
      },
    });
    const types = parts["[Content_Types].xml"];
    return workbook && !!types && strFromU8(types).includes(XLSX_MAIN);
  } catch {
    return false;
  }
}

export function sniffType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && isXlsx(bytes)) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  return null;
}
