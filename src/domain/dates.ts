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

// ---------------------------------------------------------------------------
// Date inputs: day / month / Buddhist-era year, as three fields (GOV.UK date input)

export const THAI_MONTHS_FULL = [
  "มกราคม",
  "กุมภาพันธ์",
  "มีนาคม",
  "เมษายน",
  "พฤษภาคม",
  "มิถุนายน",
  "กรกฎาคม",
  "สิงหาคม",
  "กันยายน",
  "ตุลาคม",
  "พฤศจิกายน",
  "ธันวาคม",
] as const;

/** The Buddhist era runs 543 years ahead of the Gregorian calendar. */
export const BE_OFFSET = 543;

/** Years a person may type: a 4-digit พ.ศ. year near today (2027 typed as ค.ศ. is refused, not read as 1484). */
export const BE_YEAR_RANGE = { min: 2500, max: 2700 } as const;

/** What the three boxes of a date input post, as typed. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DatePartsResult =
  | { ok: true; iso: string }
  | { ok: false; reason: "empty" | "incomplete" | "not_a_number" | "year_range" | "no_such_day" };

/**
 * Day, month (1–12) and พ.ศ. year as typed → the Gregorian `YYYY-MM-DD` the
 * services store, or why not.
 * @example parseDateParts({ day: "30", month: "9", year: "2570" }) // { ok: true, iso: "2027-09-30" }
 * @example parseDateParts({ day: "31", month: "2", year: "2570" }) // { ok: false, reason: "no_such_day" }
 */
export function parseDateParts(parts: DateParts, range: { min: number; max: number } = BE_YEAR_RANGE): DatePartsResult {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { ok: false, reason: "empty" };
  if (!day || !month || !year) return { ok: false, reason: "incomplete" };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{1,4}$/.test(year)) return { ok: false, reason: "not_a_number" };
  const be = Number(year);
  if (year.length !== 4 || be < range.min || be > range.max) return { ok: false, reason: "year_range" };
  const iso = `${be - BE_OFFSET}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  return isIsoDate(iso) ? { ok: true, iso } : { ok: false, reason: "no_such_day" };
}

/**
 * What a date input's answer is stored as: the ISO date when the parts make one,
 * "" when all are empty, and otherwise the parts as typed (`31/2/2570`), so a
 * draft keeps them and the form's own check reports the problem.
 */
export function datePartsAnswer(parts: DateParts): string {
  const r = parseDateParts(parts);
  if (r.ok) return r.iso;
  if (r.reason === "empty") return "";
  const clean = (s: string) => s.trim().replace(/\//g, "").slice(0, 4);
  return `${clean(parts.day)}/${clean(parts.month)}/${clean(parts.year)}`;
}

/** The boxes to show for a stored answer: an ISO date in พ.ศ., or parts kept as typed. */
export function datePartsOf(answer: string | undefined): DateParts {
  const value = answer ?? "";
  if (isIsoDate(value)) {
    const [y, m, d] = value.split("-").map(Number) as [number, number, number];
    return { day: String(d), month: String(m), year: String(y + BE_OFFSET) };
  }
  const typed = /^([^/]*)\/([^/]*)\/([^/]*)$/.exec(value);
  return typed ? { day: typed[1]!, month: typed[2]!, year: typed[3]! } : { day: "", month: "", year: "" };
}

/**
 * A posted form with each named date input's three boxes (`name-day`,
 * `name-month`, `name-year`) folded into `name`. A form posting `name` itself as
 * `YYYY-MM-DD` (a script, an old page) is left as it is.
 */
export function foldDateParts<T extends Record<string, unknown>>(body: T, names: readonly string[]): T {
  const out: Record<string, unknown> = { ...body };
  for (const name of names) {
    const part = (k: string) => (typeof body[`${name}-${k}`] === "string" ? (body[`${name}-${k}`] as string) : undefined);
    const parts = { day: part("day"), month: part("month"), year: part("year") };
    if (parts.day === undefined && parts.month === undefined && parts.year === undefined) continue;
    out[name] = datePartsAnswer({ day: parts.day ?? "", month: parts.month ?? "", year: parts.year ?? "" });
  }
  return out as T;
}

/**
 * The Thai message for a stored date answer that is not a date (null when it is
 * one, or is empty: "required" is the form's own message), naming `label`.
 */
export function dateAnswerProblem(answer: string, label: string): string | null {
  if (answer === "" || isIsoDate(answer)) return null;
  if (!/^[^/]*\/[^/]*\/[^/]*$/.test(answer)) return `${label}ไม่ใช่วันที่ที่ถูกต้อง`;
  const parts = datePartsOf(answer);
  const r = parseDateParts(parts);
  // The boxes never store a real date this way (it becomes ISO), so this was posted by hand.
  if (r.ok) return `${label}ไม่ใช่วันที่ที่ถูกต้อง`;
  switch (r.reason) {
    case "incomplete":
      return `${label}ต้องระบุทั้งวัน เดือน และปี`;
    case "year_range":
      return `ปีของ${label}ต้องเป็นปีพุทธศักราช 4 หลัก เช่น 2570`;
    case "no_such_day":
      return `ไม่มีวันที่ ${parts.day} ${THAI_MONTHS_FULL[Number(parts.month) - 1] ?? `เดือน ${parts.month}`} ${parts.year} ในปฏิทิน กรุณาตรวจสอบ${label}`;
    default:
      return `${label}ไม่ใช่วันที่ที่ถูกต้อง กรุณากรอกวันและปีเป็นตัวเลข`;
  }
}

/** A stored date answer for reading: `30 ก.ย. 2570`, or the parts as typed when they are not a date yet. */
export function thaiDateAnswer(answer: string | undefined): string {
  if (!answer) return "-";
  return isIsoDate(answer) ? thaiShortDate(answer) : answer;
}
