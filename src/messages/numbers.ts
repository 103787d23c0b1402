/**
 * @module
 * Counts as Thai readers expect them (`13,952`), with one formatter built once:
 * `toLocaleString` would build a new one for every number on a page.
 */
const countFormat = new Intl.NumberFormat("th-TH", { maximumFractionDigits: 0 });

/** `13,952` */
export function formatCount(n: number): string {
  return countFormat.format(n);
}
