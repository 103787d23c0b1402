/**
 * @module
 * Dates as the forms and messages need them: the Bangkok calendar, the Thai
 * fiscal year, and Buddhist-era display. Pure; no time zone of the host matters.
 */
// ---------------------------------------------------------------------------
// Dates: Bangkok calendar, Thai fiscal year, Buddhist-era display

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000; // Thailand has no daylight saving.

/** The Bangkok calendar date of `instant` as `YYYY-MM-DD`. */
export function bangkokIsoDate(instant: Date): string {
  return new Date(instant.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The last day (`YYYY-MM-DD`, Gregorian) of the government fiscal year containing
 * `today` in Bangkok. The year runs 1 October – 30 September, so from October on
 * it ends next September: 2026-02-06 → "2026-09-30", 2026-10-01 → "2027-09-30".
 */
export function fiscalYearEnd(today: Date): string {
  const [year, month] = bangkokIsoDate(today).split("-").map(Number) as [number, number];
  return `${month >= 10 ? year + 1 : year}-09-30`;
}

/** True for a real calendar date written `YYYY-MM-DD` (what `<input type="date">` posts). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [, y, mo, d] = m.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const THAI_MONTHS_SHORT = [
  "ม.ค.",
  "ก.พ.",
  "มี.ค.",
  "เม.ย.",
  "พ.ค.",
  "มิ.ย.",
  "ก.ค.",
  "ส.ค.",
  "ก.ย.",
  "ต.ค.",
  "พ.ย.",
  "ธ.ค.",
];

/**
 * `2026-09-30` → `30 ก.ย. 2569`. Done by table rather than Intl so a message built
 * here reads the same on every runtime, whatever its ICU data.
 */
export function thaiShortDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return `${d} ${THAI_MONTHS_SHORT[m - 1]} ${y + 543}`;
}
