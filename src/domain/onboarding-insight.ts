/**
 * @module
 * The rules behind the e-Service onboarding overview and the agency's "days in this
 * step" (issue 14), as pure functions over step histories: when a step opened (the
 * approval of the one before it, or the service's creation for step 1), how long an
 * approved step took, how often a step is sent back, which services are idle, and
 * the next Tuesday batches. The SQL in services/insight-onboarding.ts computes the
 * same things in bulk; test/node/insight-onboarding.test.ts holds the two together.
 */
import type { TimeSummary } from "./insight";
import { upcomingTuesdays } from "./onboarding/golive";

const DAY = 86_400_000;

/** A service with no change for this many days, and not launched, is idle. */
export const IDLE_DAYS = 30;
/** Step times are read over the steps submitted in this many days (a year: recent practice, bounded work). */
export const STEP_TIMES_DAYS = 365;
/** How many coming Tuesday batches the overview lists. */
export const NEXT_BATCHES = 4;

/** One stored step row, as far as time goes. */
export interface StepTimes {
  stepNo: number;
  state: string;
  submittedAt: number | null;
  reviewedAt: number | null;
}

/**
 * When an approved step ended: its (last) review. Rows from before reviews were
 * stamped fall back to the submission, the next-best trace of the step closing.
 */
export function stepEndedAt(step: StepTimes): number | null {
  return step.reviewedAt ?? step.submittedAt;
}

/**
 * When step `stepNo` opened: the service's creation for step 1, otherwise the end
 * of the step before it (only an approval opens a step). Null when the step before
 * left no trace.
 */
export function stepOpenedAt(stepNo: number, createdAt: number, steps: readonly StepTimes[]): number | null {
  if (stepNo === 1) return createdAt;
  const before = steps.find((s) => s.stepNo === stepNo - 1);
  return before ? stepEndedAt(before) : null;
}

/**
 * Days each approved step took, from opening to its approval (returns and
 * resubmissions included: the step's whole stay). Steps without both ends, or with
 * the ends out of order, give nothing rather than a wrong figure.
 */
export function approvedStepDays(createdAt: number, steps: readonly StepTimes[]): Map<number, number> {
  const days = new Map<number, number>();
  for (const step of steps) {
    if (step.state !== "done") continue;
    const from = stepOpenedAt(step.stepNo, createdAt, steps);
    const to = stepEndedAt(step);
    if (from === null || to === null || to < from) continue;
    days.set(step.stepNo, (to - from) / DAY);
  }
  return days;
}

/** Whole days the service has been in its current step by `now`, or null when it cannot be told. */
export function daysInCurrentStep(openedAt: number | null, now: number): number | null {
  if (openedAt === null || openedAt > now) return null;
  return Math.floor((now - openedAt) / DAY);
}

/**
 * The order statistics SQL picks from the sorted days of a group (0-based
 * positions): the two values around the median's rank and the two around the
 * 80th percentile's, so only one row per group leaves the database.
 */
export interface RankedDays {
  count: number;
  medianLo: number | null;
  medianHi: number | null;
  p80Lo: number | null;
  p80Hi: number | null;
}

/** Position `p`% of the way through `count` sorted values, as `percentile` ranks it. */
export function percentileRank(count: number, p: number): number {
  return (p / 100) * (count - 1);
}

function between(lo: number | null, hi: number | null, rank: number): number {
  const low = lo ?? 0;
  return low + ((hi ?? low) - low) * (rank - Math.floor(rank));
}

/**
 * `timeSummary` from the neighbours of each rank instead of every value: the same
 * interpolation, rounding and minimum group (test/node/insight-onboarding.test.ts
 * checks it against `timeSummary` over the full list).
 */
export function summaryOfRanks(r: RankedDays, minGroup: number): TimeSummary | null {
  if (r.count < minGroup || r.count === 0) return null;
  return {
    medianDays: Math.round(between(r.medianLo, r.medianHi, percentileRank(r.count, 50))),
    p80Days: Math.ceil(between(r.p80Lo, r.p80Hi, percentileRank(r.count, 80))),
    count: r.count,
  };
}

/** Share (0–1) of an officer's decisions on a step that sent it back; null before any decision. */
export function returnRate(returns: number, approvals: number): number | null {
  const decisions = returns + approvals;
  return decisions === 0 ? null : returns / decisions;
}

/** The moment before which a last change makes a service idle. */
export function idleBefore(now: number): number {
  return now - IDLE_DAYS * DAY;
}

/** No change for `IDLE_DAYS` days, and not launched (a launched service has nothing left to do). */
export function isIdle(lastChangeAt: number, launched: boolean, now: number): boolean {
  return !launched && lastChangeAt < idleBefore(now);
}

/** The next `NEXT_BATCHES` Tuesday batches from `now` (the go-live cutoff rule), each with its booked count. */
export function nextBatches(now: Date, booked: ReadonlyMap<string, number>): { date: string; count: number }[] {
  return upcomingTuesdays(now, NEXT_BATCHES).map((date) => ({ date, count: booked.get(date) ?? 0 }));
}

/**
 * The agency's line under a service: "อยู่ขั้นนี้ 12 วัน · ปกติ 9 วัน", the typical
 * figure only when the step's summary was published (enough services informed it).
 */
export function stepTimeLine(days: number | null, typical: TimeSummary | null): string | null {
  if (days === null) return null;
  return typical ? `อยู่ขั้นนี้ ${days} วัน · ปกติ ${typical.medianDays} วัน` : `อยู่ขั้นนี้ ${days} วัน`;
}

/**
 * How many services reached each step (index `no - 1`), from the open step of each
 * service under way and the total: under the workflow a service has approved every
 * step before its open one, and one with no open step has approved all seven.
 */
export function funnelFromOpenSteps(open: readonly { stepNo: number; count: number }[], total: number, steps = 7): { reached: number[]; allApproved: number } {
  const openCount = open.reduce((sum, o) => sum + o.count, 0);
  const allApproved = Math.max(0, total - openCount);
  const reached = Array.from({ length: steps }, (_, i) => allApproved + open.filter((o) => o.stepNo >= i + 1).reduce((sum, o) => sum + o.count, 0));
  return { reached, allApproved };
}
