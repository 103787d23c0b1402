import { describe, expect, it } from "vitest";
import { MIN_PUBLISHED_GROUP, timeSummary } from "./insight";
import {
  approvedStepDays,
  daysInCurrentStep,
  funnelFromOpenSteps,
  isIdle,
  nextBatches,
  returnRate,
  stepOpenedAt,
  stepTimeLine,
  percentileRank,
  summaryOfRanks,
  type StepTimes,
} from "./onboarding-insight";

const DAY = 86_400_000;
const bkk = (iso: string, time = "00:00") => Date.parse(`${iso}T${time}:00+07:00`);

/** A service created 1 Jan whose step 1 took 10 days, step 2 was returned once and took 20, step 3 is open. */
const created = bkk("2026-01-01");
const history: StepTimes[] = [
  { stepNo: 1, state: "done", submittedAt: bkk("2026-01-08"), reviewedAt: bkk("2026-01-11") },
  // Submitted, returned on the 20th, resubmitted on the 28th, approved on the 31st: the whole stay counts.
  { stepNo: 2, state: "done", submittedAt: bkk("2026-01-28"), reviewedAt: bkk("2026-01-31") },
  { stepNo: 3, state: "in_progress", submittedAt: null, reviewedAt: null },
  { stepNo: 4, state: "locked", submittedAt: null, reviewedAt: null },
];

describe("step times", () => {
  it("opens step 1 at creation and every later step at the approval of the one before", () => {
    expect(stepOpenedAt(1, created, history)).toBe(created);
    expect(stepOpenedAt(3, created, history)).toBe(bkk("2026-01-31"));
  });

  it("measures each approved step from its opening to its approval, a returned step's whole stay included", () => {
    expect(Object.fromEntries(approvedStepDays(created, history))).toEqual({ 1: 10, 2: 20 });
  });

  it("falls back to the submission for rows never stamped with a review, and skips ends out of order", () => {
    const legacy: StepTimes[] = [
      { stepNo: 1, state: "done", submittedAt: bkk("2026-01-05"), reviewedAt: null },
      { stepNo: 2, state: "done", submittedAt: bkk("2026-01-03"), reviewedAt: null },
    ];
    expect(Object.fromEntries(approvedStepDays(created, legacy))).toEqual({ 1: 4 });
  });

  it("counts whole days in the current step, and none when the opening is unknown", () => {
    expect(daysInCurrentStep(bkk("2026-01-31"), bkk("2026-02-12", "18:00"))).toBe(12);
    expect(daysInCurrentStep(null, bkk("2026-02-12"))).toBeNull();
  });
});

describe("summaryOfRanks", () => {
  /** What SQL hands back: the sorted values at floor and floor + 1 of each rank. */
  function ranked(days: number[]) {
    const sorted = [...days].sort((a, b) => a - b);
    const at = (p: number) => Math.floor(percentileRank(sorted.length, p));
    return { count: sorted.length, medianLo: sorted[at(50)] ?? null, medianHi: sorted[at(50) + 1] ?? null, p80Lo: sorted[at(80)] ?? null, p80Hi: sorted[at(80) + 1] ?? null };
  }

  it("gives exactly timeSummary's figures from the neighbours of each rank", () => {
    for (const days of [[5, 5, 5, 9, 20], [1], [3, 1], [0.4, 2.6, 7.1, 30, 12.5, 8, 8, 2], Array.from({ length: 23 }, (_, i) => (i * 7.3) % 19)]) {
      expect(summaryOfRanks(ranked(days), 1)).toEqual(timeSummary(days, 1));
    }
  });

  it("publishes nothing below the group size", () => {
    expect(summaryOfRanks(ranked([5, 6, 7]), MIN_PUBLISHED_GROUP)).toBeNull();
  });
});

describe("returnRate", () => {
  it("is the share of decisions that sent the step back", () => {
    expect(returnRate(1, 3)).toBe(0.25);
    expect(returnRate(0, 0)).toBeNull();
  });
});

describe("isIdle", () => {
  const now = bkk("2026-03-01");
  it("is idle after 30 days without change, unless launched", () => {
    expect(isIdle(now - 31 * DAY, false, now)).toBe(true);
    expect(isIdle(now - 29 * DAY, false, now)).toBe(false);
    expect(isIdle(now - 90 * DAY, true, now)).toBe(false);
  });
});

describe("nextBatches", () => {
  it("lists four Tuesdays from this week's before Monday noon, with their counts", () => {
    const booked = new Map([["2026-03-03", 2], ["2026-03-17", 1]]);
    expect(nextBatches(new Date(bkk("2026-03-02", "11:59")), booked)).toEqual([
      { date: "2026-03-03", count: 2 },
      { date: "2026-03-10", count: 0 },
      { date: "2026-03-17", count: 1 },
      { date: "2026-03-24", count: 0 },
    ]);
  });

  it("starts a week later from Monday noon on", () => {
    expect(nextBatches(new Date(bkk("2026-03-02", "12:00")), new Map()).map((b) => b.date)).toEqual(["2026-03-10", "2026-03-17", "2026-03-24", "2026-03-31"]);
  });
});

describe("stepTimeLine", () => {
  it("adds the typical time only when there is one", () => {
    expect(stepTimeLine(12, { medianDays: 9, p80Days: 14, count: 20 })).toBe("อยู่ขั้นนี้ 12 วัน · ปกติ 9 วัน");
    expect(stepTimeLine(12, null)).toBe("อยู่ขั้นนี้ 12 วัน");
    expect(stepTimeLine(null, null)).toBeNull();
  });
});

describe("funnelFromOpenSteps", () => {
  it("counts a service as reaching every step up to its open one, and one with none open as reaching all", () => {
    // Open at step 1 (two services), step 3 (one); two more have approved all seven.
    const open = [{ stepNo: 1, count: 2 }, { stepNo: 3, count: 1 }];
    expect(funnelFromOpenSteps(open, 5)).toEqual({ reached: [5, 3, 3, 2, 2, 2, 2], allApproved: 2 });
  });
});
