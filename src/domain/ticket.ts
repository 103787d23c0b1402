/**
 * @module
 * Ticket numbers: `<Buddhist year>-<5-digit university code>-<4-digit running
 * number per university and year>`, e.g. `2567-00100-0003`.
 */

/** The Buddhist-era year of `date` in Bangkok (Gregorian + 543). */
export function buddhistYear(date: Date): number {
  const year = Number(
    new Intl.DateTimeFormat("en-US", { year: "numeric", timeZone: "Asia/Bangkok" }).format(date),
  );
  return year + 543;
}

export function formatTicketNo(beYear: number, universityCode: string, seq: number): string {
  if (!/^\d{5}$/.test(universityCode)) throw new Error(`university code must be 5 digits: ${universityCode}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > 9999) throw new Error(`running number out of range: ${seq}`);
  return `${beYear}-${universityCode}-${String(seq).padStart(4, "0")}`;
}

export function isTicketNo(value: string): boolean {
  return /^\d{4}-\d{5}-\d{4}$/.test(value);
}
