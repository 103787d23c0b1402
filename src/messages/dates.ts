/**
 * @module
 * Dates as Thai readers expect them: Buddhist era, Thai month abbreviations,
 * Bangkok time, e.g. `22 ส.ค. 2567 เวลา 7:34`.
 */
const TZ = "Asia/Bangkok";
const dateFormat = new Intl.DateTimeFormat("th-TH-u-ca-buddhist", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: TZ,
});
const timeFormat = new Intl.DateTimeFormat("th-TH", {
  hour: "numeric",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: TZ,
});

/** `22 ส.ค. 2567` */
export function formatThaiDate(date: Date): string {
  return dateFormat.format(date);
}

/** `22 ส.ค. 2567 เวลา 7:34` */
export function formatThaiDateTime(date: Date): string {
  return `${dateFormat.format(date)} เวลา ${timeFormat.format(date)}`;
}

/** ISO 8601 for `<time datetime>`. */
export function isoDateTime(date: Date): string {
  return date.toISOString();
}

const dayMonthFormat = new Intl.DateTimeFormat("th-TH-u-ca-buddhist", { day: "numeric", month: "short", timeZone: TZ });

/** `22 ส.ค.`: a short axis label (the year is in the table beside it). */
export function formatThaiDayMonth(date: Date): string {
  return dayMonthFormat.format(date);
}
