/**
 * @module
 * Step 7, เตรียมการเปิดให้บริการ. Go-live batches: the DGA opens new services every Tuesday,
 * and a confirmation counts for a Tuesday only if it arrives before noon on
 * the Monday of that ISO week (Bangkok time). Later confirmations wait a week.
 *
 * All arithmetic is on whole Bangkok days counted from 1970-01-01, so the
 * result never depends on the server's time zone.
 */
import * as z from "zod/mini";
import { bangkokIsoDate, dateAnswerProblem, isIsoDate } from "../dates";
import { validateForm } from "../forms";
import type { StepEntry } from "./step-entry";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_DAYS = 7;
const BANGKOK_OFFSET_MS = 7 * HOUR_MS; // Thailand has no daylight saving.
const CUTOFF_HOUR = 12;

/** Shown on the go-live page so the agency knows why it got the date it got. */
export const GOLIVE_RULE_TH =
  "เปิดให้บริการทุกวันอังคาร ยืนยันก่อนวันจันทร์ เวลา 12:00 น. จะได้รอบวันอังคารของสัปดาห์นั้น " +
  "หากยืนยันตั้งแต่วันจันทร์ เวลา 12:00 น. เป็นต้นไป จะได้รอบวันอังคารของสัปดาห์ถัดไป";

function assertValidInstant(instant: Date, name: string): number {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new Error(`${name} is not a valid date`);
  return t;
}

/** Days since 1970-01-01 of the Bangkok calendar date at `t`. */
function bangkokDay(t: number): number {
  return Math.floor((t + BANGKOK_OFFSET_MS) / DAY_MS);
}

/** 0 = Monday … 6 = Sunday, ISO order; 1970-01-01 was a Thursday. */
function isoWeekday(day: number): number {
  return (((day + 3) % WEEK_DAYS) + WEEK_DAYS) % WEEK_DAYS;
}

function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isoToDay(isoDate: string): number {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** The Monday (as a Bangkok day number) of the ISO week containing `t`. */
function mondayOf(t: number): number {
  const day = bangkokDay(t);
  return day - isoWeekday(day);
}

function cutoffOfMonday(monday: number): number {
  return monday * DAY_MS + CUTOFF_HOUR * HOUR_MS - BANGKOK_OFFSET_MS;
}

/** Tuesday (as a Bangkok day number) of the batch a confirmation at `t` joins. */
function batchDay(t: number): number {
  const monday = mondayOf(t);
  const tuesday = monday + 1;
  return t < cutoffOfMonday(monday) ? tuesday : tuesday + WEEK_DAYS;
}

/** The Monday 12:00 Bangkok instant of the ISO week (Monday–Sunday, Bangkok) containing `submittedAt`. */
export function mondayCutoff(submittedAt: Date): Date {
  const t = assertValidInstant(submittedAt, "submittedAt");
  return new Date(cutoffOfMonday(mondayOf(t)));
}

/**
 * The next Monday 12:00 Bangkok strictly after `now`, for a countdown. At the
 * cutoff instant itself that week's batch has already closed, so the countdown
 * moves on to next week.
 */
export function nextCutoff(now: Date): Date {
  const t = assertValidInstant(now, "now");
  const cutoff = cutoffOfMonday(mondayOf(t));
  return new Date(t < cutoff ? cutoff : cutoff + WEEK_DAYS * DAY_MS);
}

/**
 * The go-live batch (`YYYY-MM-DD`, Bangkok) for a confirmation at `submittedAt`.
 * A `requestedDate` later than that batch postpones it to the first Tuesday on
 * or after the requested day; an earlier one cannot pull the batch forward.
 */
export function goLiveBatch(submittedAt: Date, requestedDate?: string): string {
  const t = assertValidInstant(submittedAt, "submittedAt");
  const batch = batchDay(t);
  if (requestedDate === undefined) return dayToIso(batch);
  if (!isIsoDate(requestedDate)) throw new Error(`requestedDate must be YYYY-MM-DD: ${requestedDate}`);
  const requested = isoToDay(requestedDate);
  if (requested <= batch) return dayToIso(batch);
  const daysToTuesday = (1 - isoWeekday(requested) + WEEK_DAYS) % WEEK_DAYS;
  return dayToIso(requested + daysToTuesday);
}

/** The next `count` batch dates, starting with the one a confirmation at `now` would join. */
export function upcomingTuesdays(now: Date, count: number): string[] {
  const t = assertValidInstant(now, "now");
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer: ${count}`);
  const first = batchDay(t);
  return Array.from({ length: count }, (_, i) => dayToIso(first + i * WEEK_DAYS));
}

/**
 * True once the batch's Tuesday has begun in Bangkok (or passed), so the batch
 * job also picks up a batch it missed on its day.
 */
export function isBatchDue(batchDate: string, now: Date): boolean {
  const t = assertValidInstant(now, "now");
  if (!isIsoDate(batchDate)) throw new Error(`batchDate must be YYYY-MM-DD: ${batchDate}`);
  return isoToDay(batchDate) <= bangkokDay(t);
}

// ---------------------------------------------------------------------------
// The forms: the agency's wanted date, and an officer moving a booking


/** A date check that says what is wrong with day / month / year boxes, else `fallback`. */
function notADate(label: string, fallback: string) {
  return (d: string, ctx: z.core.$RefinementCtx<string>) => {
    if (d !== "" && isIsoDate(d)) return;
    const typed = d.includes("/") ? dateAnswerProblem(d, label) : null;
    ctx.addIssue({ code: "custom", message: typed ?? fallback });
  };
}

/** Step 7: the wanted go-live date (not in the past, in Bangkok) and an optional note. */
export function goliveForm(now: Date) {
  const today = bangkokIsoDate(now);
  return z.object({
    requestedDate: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, "กรุณาเลือกวันที่ต้องการเปิดใช้งาน"),
        z.superRefine(notADate(GOLIVE_LABELS.requestedDate, "วันที่ต้องการเปิดใช้งานไม่ถูกต้อง")),
        z.refine((d) => !isIsoDate(d) || d >= today, "วันที่ต้องการเปิดใช้งานต้องไม่เป็นวันที่ผ่านมาแล้ว"),
      ),
    note: z.pipe(
      z.optional(z.string().check(z.trim(), z.maxLength(1000, "หมายเหตุยาวเกินไป (ไม่เกิน 1000 ตัวอักษร)"))),
      z.transform((v) => v || null),
    ),
  });
}

export const GOLIVE_LABELS = { requestedDate: "วันที่ต้องการเปิดใช้งาน", note: "หมายเหตุเพิ่มเติม (ถ้ามี)" };

/** An officer moving a confirmed service to another batch: a Tuesday, today or later. */
export function moveBatchForm(now: Date) {
  const today = bangkokIsoDate(now);
  return z.object({
    batchDate: z
      .string()
      .check(
        z.trim(),
        z.superRefine(notADate("รอบเปิดให้บริการ", "วันที่ไม่ถูกต้อง")),
        z.refine((d) => !isIsoDate(d) || new Date(`${d}T00:00:00Z`).getUTCDay() === 2, "รอบเปิดให้บริการต้องเป็นวันอังคาร"),
        z.refine((d) => !isIsoDate(d) || d >= today, "รอบเปิดให้บริการต้องไม่เป็นวันที่ผ่านมาแล้ว"),
      ),
  });
}

/** Step 7 in the registry: submitted only by confirming a booking (services/onboarding/golive.ts). */
export const goliveStep: StepEntry = {
  formFields: [],
  readiness: (f) => {
    const form = validateForm(goliveForm(f.now), f.answers);
    return form.ok ? {} : form.errors;
  },
  reviewLabels: { requestedDate: GOLIVE_LABELS.requestedDate },
};
