/**
 * @module
 * Thai phone numbers as people read them, one way everywhere: mobile
 * `081-234-5678`, Bangkok `02-123-4567`, other landlines `053-123-456`, with an
 * extension kept as `ต่อ 7001`; and the numbers inside free text (the contact page).
 */

const MOBILE = /^0[689]\d{8}$/;
const BANGKOK = /^02\d{7}$/;
const LANDLINE = /^0[3-7]\d{7}$/;

/** The number's digits in groups, or null when it is not a Thai number we know. */
function grouped(digits: string): string | null {
  if (MOBILE.test(digits)) return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  if (BANGKOK.test(digits)) return `${digits.slice(0, 2)}-${digits.slice(2, 5)}-${digits.slice(5)}`;
  if (LANDLINE.test(digits)) return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  return null;
}

/** Splits `0812345678 ต่อ 12` / `+66 2 123 4567 ext. 9` into the number's digits and its extension. */
function parts(raw: string): { digits: string; ext: string | null } {
  const m = /^(.*?)(?:\s*(?:ต่อ|ext\.?|x|#)\s*(\d{1,6}))?\s*$/i.exec(raw.trim())!;
  const digits = m[1]!.replace(/^\s*\+66/, "0").replace(/\D/g, "");
  return { digits, ext: m[2] ?? null };
}

/**
 * A stored phone number as Thai readers expect it; anything unrecognised
 * (a 4-digit hotline, a foreign number) is shown as it was typed.
 * @example formatThaiPhone("022180125") // "02-218-0125"
 * @example formatThaiPhone("0871357910ต่อ12") // "087-135-7910 ต่อ 12"
 */
export function formatThaiPhone(raw: string): string {
  const { digits, ext } = parts(raw);
  const shown = grouped(digits);
  if (!shown) return raw.trim();
  return ext ? `${shown} ต่อ ${ext}` : shown;
}

/** The `tel:` link for a stored number: its digits only (an extension is dialled by hand). */
export function telHref(raw: string): string {
  const { digits } = parts(raw);
  return `tel:${digits || raw.replace(/\D/g, "")}`;
}

/** One piece of free text: words as they are, or one phone number to link. */
export type TextPiece = { text: string } | { phone: string; href: string };

// A number written with optional spaces or dashes between its groups, then maybe a range end (`-9`, `–12`).
const NUMBER_IN_TEXT = /0[ -]?[689](?:[ -]?\d){8}(?!\d)|0[ -]?2(?:[ -]?\d){7}(?!\d)|0[ -]?[3-7](?:[ -]?\d){7}(?!\d)/g;
const RANGE_END = /^\s?[-–]\s?(\d{1,2})(?!\d)/;
/** A range of more numbers than this is left as text after its first number. */
const MAX_RANGE = 10;

/**
 * Free text with every phone number found, each number of a range
 * (`02-123-4567-9` is 4567, 4568 and 4569) its own piece, shown formatted.
 * @example phonePieces("โทร 02-123-4567-8") // [{text:"โทร "}, {phone:"02-123-4567",…}, {text:", "}, {phone:"02-123-4568",…}]
 */
export function phonePieces(line: string): TextPiece[] {
  const out: TextPiece[] = [];
  let at = 0;
  for (const m of line.matchAll(NUMBER_IN_TEXT)) {
    const start = m.index!;
    if (start < at) continue;
    // Part of a longer run of digits (an ID, a reference): not a phone number.
    if (start > 0 && /\d/.test(line[start - 1]!)) continue;
    if (start > at) out.push({ text: line.slice(at, start) });
    const digits = m[0].replace(/\D/g, "");
    let end = start + m[0].length;
    const numbers = [digits];
    const range = RANGE_END.exec(line.slice(end));
    if (range) {
      const k = range[1]!.length;
      const first = Number(digits.slice(-k));
      const last = Number(range[1]);
      if (last > first && last - first < MAX_RANGE) {
        for (let n = first + 1; n <= last; n++) numbers.push(digits.slice(0, -k) + String(n).padStart(k, "0"));
        end += range[0].length;
      }
    }
    numbers.forEach((d, i) => {
      if (i > 0) out.push({ text: ", " });
      out.push({ phone: formatThaiPhone(d), href: `tel:${d}` });
    });
    at = end;
  }
  if (at < line.length) out.push({ text: line.slice(at) });
  return out;
}
