/**
 * @module
 * Thai national identification number (เลขประจำตัวประชาชน): 13 digits, the last a
 * mod-11 check digit over the first twelve.
 */

/** Strips the spaces and dashes people type between digit groups. */
export function normalizeThaiId(input: string): string {
  return input.replace(/[\s-]/g, "");
}

/**
 * True when `input` is 13 digits (spaces and dashes ignored) whose 13th digit is
 * the national check digit: (11 - Σ dᵢ·(14-i) mod 11) mod 10 for i = 1..12.
 *
 * @example isValidThaiId("1-1017-00230-36-8") // true: checks 1101700230368
 */
export function isValidThaiId(input: string): boolean {
  const digits = normalizeThaiId(input);
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(digits[12]);
}

/** `1-1017-xxxxx-36-8`: the grouping printed on the card, middle group hidden (PDPA). */
export function maskThaiId(input: string): string {
  const d = normalizeThaiId(input);
  if (d.length !== 13) return "x-xxxx-xxxxx-xx-x";
  return `${d[0]}-${d.slice(1, 5)}-xxxxx-${d.slice(10, 12)}-${d[12]}`;
}

/** `1-1017-00230-36-8`: the grouping printed on the card. */
export function formatThaiId(input: string): string {
  const d = normalizeThaiId(input);
  if (d.length !== 13) return input;
  return `${d[0]}-${d.slice(1, 5)}-${d.slice(5, 10)}-${d.slice(10, 12)}-${d[12]}`;
}
