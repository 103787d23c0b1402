import { describe, expect, it } from "vitest";
import { durationRange, isPastP80, percentile } from "./duration-stats";

describe("durationRange", () => {
  it("says nothing with fewer than 20 finished samples", () => {
    expect(durationRange(Array.from({ length: 19 }, (_, i) => i + 1))).toBeNull();
  });

  it("gives the middle 80% and the 80th percentile of the real durations", () => {
    const days = Array.from({ length: 101 }, (_, i) => i); // 0..100
    expect(durationRange(days)).toEqual({ lowDays: 10, highDays: 90, p80Days: 80, samples: 101 });
  });

  it("does not depend on the order of the samples", () => {
    const days = [30, 5, 12, 60, 45, 9, 14, 22, 31, 40, 8, 19, 25, 27, 33, 36, 50, 55, 11, 16];
    expect(durationRange(days)).toEqual(durationRange([...days].reverse()));
  });

  it("flags a request already past the 80th percentile", () => {
    const range = durationRange(Array.from({ length: 101 }, (_, i) => i));
    expect(isPastP80(81, range)).toBe(true);
    expect(isPastP80(80, range)).toBe(false);
    expect(isPastP80(500, null)).toBe(false);
  });

  it("interpolates between samples", () => {
    expect(percentile([10, 20], 50)).toBe(15);
  });
});
