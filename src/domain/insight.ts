/**
 * @module
 * The rules behind the officer overview and the public processing times (issue 14),
 * as pure functions over timelines: how old a waiting request is, how long a
 * request spent in each status (a status left and re-entered counts every stay; a
 * skipped status counts nothing, not zero), which Bangkok week a moment falls in,
 * and how small a group may be before nothing is published about it.
 */
import { percentile } from "./duration-stats";

const DAY = 86_400_000;
/** Bangkok keeps UTC+7 all year (no daylight saving), so its weeks are fixed offsets of UTC. */
const BANGKOK_OFFSET = 7 * 3_600_000;

/** The backlog's age buckets, by whole days waiting in the current status. */
export const AGE_BUCKETS = [
  { key: "under30", th: "ไม่ถึง 30 วัน", en: "under 30 days", below: 30 },
  { key: "30to90", th: "30–90 วัน", en: "30–90 days", below: 90 },
  { key: "90to180", th: "90–180 วัน", en: "90–180 days", below: 180 },
  { key: "over180", th: "เกิน 180 วัน", en: "over 180 days", below: Infinity },
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number]["key"];

/** The bucket of a request that has waited `days` (a 30-day wait is no longer "under 30"). */
export function ageBucket(days: number): AgeBucket {
  return AGE_BUCKETS.find((b) => days < b.below)!.key;
}

/** One entry of a request's timeline: the status it was in from `at` (ms since epoch). */
export interface StatusAt {
  status: string;
  at: number;
}

/**
 * Days spent in each status: every stay runs from entering the status to the next
 * change, the last one until `until` (now for a waiting request; its finishing time
 * for a finished one, so "finished" itself gets no time). Entries in the same status
 * as the one before (a queue move, a document) continue that stay.
 */
export function daysInStatuses(timeline: readonly StatusAt[], until: number): Map<string, number> {
  const sorted = [...timeline].sort((a, b) => a.at - b.at);
  const days = new Map<string, number>();
  for (let i = 0; i < sorted.length; i++) {
    const { status, at } = sorted[i]!;
    const end = Math.max(at, Math.min(sorted[i + 1]?.at ?? until, until));
    days.set(status, (days.get(status) ?? 0) + (end - at) / DAY);
  }
  return days;
}

/** Groups smaller than this are not published: a figure about a handful of requests is about people. */
export const MIN_PUBLISHED_GROUP = 20;

export interface TimeSummary {
  /** Half took at most this many days. */
  medianDays: number;
  /** 80% took at most this many days (rounded up: never promises faster than it was). */
  p80Days: number;
  count: number;
}

/** Median and 80th percentile of days taken, or null below `minGroup` samples. */
export function timeSummary(daysTaken: readonly number[], minGroup = MIN_PUBLISHED_GROUP): TimeSummary | null {
  if (daysTaken.length < minGroup || daysTaken.length === 0) return null;
  const sorted = [...daysTaken].sort((a, b) => a - b);
  return { medianDays: Math.round(percentile(sorted, 50)), p80Days: Math.ceil(percentile(sorted, 80)), count: sorted.length };
}

/**
 * Per status, the summary of how long requests stayed in it: each request adds its
 * total in that status once (re-entries summed), and a request that never entered a
 * status adds nothing to it.
 */
export function statusTimes(perRequest: readonly Map<string, number>[], minGroup = MIN_PUBLISHED_GROUP): Map<string, TimeSummary | null> {
  const samples = new Map<string, number[]>();
  for (const request of perRequest) {
    for (const [status, days] of request) samples.set(status, [...(samples.get(status) ?? []), days]);
  }
  return new Map([...samples].map(([status, days]) => [status, timeSummary(days, minGroup)]));
}

/** The start (Monday 00:00 Bangkok, as ms since epoch) of the week `at` falls in. */
export function bangkokWeekStart(at: number): number {
  const local = at + BANGKOK_OFFSET;
  const dayStart = Math.floor(local / DAY) * DAY;
  // 1970-01-01 was a Thursday: days since a Monday are (days + 3) mod 7.
  const sinceMonday = (((Math.floor(local / DAY) + 3) % 7) + 7) % 7;
  return dayStart - sinceMonday * DAY - BANGKOK_OFFSET;
}

/** The last `weeks` Bangkok weeks up to the one holding `now`, oldest first, each with how many moments fell in it. */
export function weeklyCounts(moments: readonly number[], now: number, weeks: number): { weekStart: number; count: number }[] {
  const last = bangkokWeekStart(now);
  const starts = Array.from({ length: weeks }, (_, i) => last - (weeks - 1 - i) * 7 * DAY);
  const counts = new Map(starts.map((s) => [s, 0]));
  for (const at of moments) {
    const week = bangkokWeekStart(at);
    if (counts.has(week)) counts.set(week, counts.get(week)! + 1);
  }
  return starts.map((weekStart) => ({ weekStart, count: counts.get(weekStart)! }));
}

/** Whole days for a duration in ms, counting a started day as a day: 80% "within N days" never promises less than it took. */
export function wholeDays(ms: number): number {
  return Math.max(0, Math.ceil(ms / DAY));
}

/** One bar of a histogram of whole days: `count` samples took exactly `days`. */
export interface DaysCount {
  days: number;
  count: number;
}

/**
 * `timeSummary` of the samples a histogram stands for, without spreading them out:
 * the SQL sends a few hundred (days, count) rows instead of every sample, and the
 * figures are the same as from the full list.
 */
export function histogramSummary(histogram: readonly DaysCount[], minGroup = MIN_PUBLISHED_GROUP): TimeSummary | null {
  const bars = histogram.filter((b) => b.count > 0).sort((a, b) => a.days - b.days);
  const count = bars.reduce((n, b) => n + b.count, 0);
  if (count < minGroup || count === 0) return null;
  const at = (index: number): number => {
    let seen = 0;
    for (const bar of bars) {
      seen += bar.count;
      if (index < seen) return bar.days;
    }
    return bars[bars.length - 1]!.days;
  };
  const pct = (p: number) => {
    const rank = (p / 100) * (count - 1);
    const lo = at(Math.floor(rank));
    return lo + (at(Math.ceil(rank)) - lo) * (rank - Math.floor(rank));
  };
  return { medianDays: Math.round(pct(50)), p80Days: Math.ceil(pct(80)), count };
}
