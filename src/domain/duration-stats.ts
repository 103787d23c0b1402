/**
 * @module
 * The honest time range: how long similar requests really took, never a promised date.
 */

/** Fewer finished samples than this and no range is shown. */
export const MIN_SAMPLES = 20;

/** Linear-interpolated percentile (0–100) of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("no samples");
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export interface DurationRange {
  /** The middle 80%: from the 10th to the 90th percentile, whole days. */
  lowDays: number;
  highDays: number;
  /** 80% finished within this many days. */
  p80Days: number;
  samples: number;
}

/** The range similar requests took, or null with too few samples to say anything honest. */
export function durationRange(daysTaken: readonly number[], minSamples = MIN_SAMPLES): DurationRange | null {
  if (daysTaken.length < minSamples) return null;
  const sorted = [...daysTaken].sort((a, b) => a - b);
  return {
    lowDays: Math.floor(percentile(sorted, 10)),
    highDays: Math.ceil(percentile(sorted, 90)),
    p80Days: Math.ceil(percentile(sorted, 80)),
    samples: sorted.length,
  };
}

/** True when a request has already taken longer than 80% of similar ones did. */
export function isPastP80(elapsedDays: number, range: DurationRange | null): boolean {
  return range !== null && elapsedDays > range.p80Days;
}
