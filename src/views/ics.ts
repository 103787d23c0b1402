/**
 * @module
 * An iCalendar (RFC 5545) all-day event for a go-live date, so the agency can put
 * its batch Tuesday in any calendar.
 */
const esc = (s: string) => s.replace(/[\\;,]/g, (m) => `\\${m}`).replace(/\n/g, "\\n");
const compact = (iso: string) => iso.replace(/-/g, "");

export function goLiveIcs(input: { uid: string; date: string; summary: string; stamp: Date }): string {
  const next = new Date(`${input.date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const stamp = input.stamp.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//tidtam//go-live//TH",
    "CALSCALE:GREGORIAN",
    "BEGIN:VEVENT",
    `UID:${esc(input.uid)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${compact(input.date)}`,
    `DTEND;VALUE=DATE:${compact(next.toISOString().slice(0, 10))}`,
    `SUMMARY:${esc(input.summary)}`,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}
