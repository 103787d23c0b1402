import { describe, expect, it } from "vitest";
import { ageBucket, bangkokWeekStart, daysInStatuses, histogramSummary, MIN_PUBLISHED_GROUP, statusTimes, timeSummary, weeklyCounts, wholeDays } from "./insight";

const DAY = 86_400_000;
/** Midnight Bangkok (UTC+7) of a date, as ms since epoch. */
const bkk = (iso: string) => Date.parse(`${iso}T00:00:00+07:00`);

describe("ageBucket", () => {
  it("puts each day count in exactly one bucket, with each edge in the older one", () => {
    expect([0, 29.9, 30, 89, 90, 179, 180, 2000].map(ageBucket)).toEqual(["under30", "under30", "30to90", "30to90", "90to180", "90to180", "over180", "over180"]);
  });
});

describe("daysInStatuses", () => {
  it("counts every stay of a status a request left and re-entered", () => {
    // Received, asked for documents (left the queue), received again, finished.
    const timeline = [
      { status: "submitted", at: bkk("2026-01-01") },
      { status: "received", at: bkk("2026-01-03") },
      { status: "need_documents", at: bkk("2026-01-13") },
      { status: "received", at: bkk("2026-01-20") },
      { status: "finished", at: bkk("2026-02-04") },
    ];
    const days = daysInStatuses(timeline, bkk("2026-02-04"));
    expect(Object.fromEntries(days)).toEqual({ submitted: 2, received: 10 + 15, need_documents: 7, finished: 0 });
  });

  it("continues a stay across events in the same status, and runs the last one until now", () => {
    const timeline = [
      { status: "received", at: bkk("2026-03-01") },
      { status: "received", at: bkk("2026-03-04") }, // a queue move: still received
      { status: "doc_review", at: bkk("2026-03-11") },
    ];
    expect(Object.fromEntries(daysInStatuses(timeline, bkk("2026-03-16")))).toEqual({ received: 10, doc_review: 5 });
  });

  it("gives a skipped status nothing at all, and reads the timeline in time order however it is given", () => {
    const timeline = [
      { status: "finished", at: bkk("2026-04-21") },
      { status: "submitted", at: bkk("2026-04-01") },
    ];
    const days = daysInStatuses(timeline, bkk("2026-04-21"));
    expect(days.has("received")).toBe(false);
    expect(Object.fromEntries(days)).toEqual({ submitted: 20, finished: 0 });
  });
});

describe("timeSummary and statusTimes", () => {
  it("publishes nothing about a group smaller than the minimum", () => {
    const nineteen = Array.from({ length: MIN_PUBLISHED_GROUP - 1 }, (_, i) => i + 1);
    expect(timeSummary(nineteen)).toBeNull();
    expect(timeSummary([...nineteen, 20])).toEqual({ medianDays: 11, p80Days: 17, count: 20 });
  });

  it("summarises each status over the requests that entered it, each request once", () => {
    // 20 requests spent 1..20 days received; only 3 of them ever needed documents.
    const perRequest = Array.from({ length: 20 }, (_, i) => new Map([["received", i + 1], ...(i < 3 ? [["need_documents", 5] as [string, number]] : [])]));
    const times = statusTimes(perRequest);
    expect(times.get("received")).toEqual({ medianDays: 11, p80Days: 17, count: 20 });
    expect(times.get("need_documents")).toBeNull();
    expect(statusTimes(perRequest, 3).get("need_documents")).toEqual({ medianDays: 5, p80Days: 5, count: 3 });
  });
});

describe("Bangkok weeks", () => {
  it("starts a week on Monday 00:00 Bangkok, not UTC", () => {
    // Sunday 23:30 Bangkok is Sunday 16:30 UTC: still the week that began Monday 2026-11-23.
    expect(bangkokWeekStart(Date.parse("2026-11-29T23:30:00+07:00"))).toBe(bkk("2026-11-23"));
    // Monday 00:10 Bangkok is Sunday 17:10 UTC: already the new week.
    expect(bangkokWeekStart(Date.parse("2026-11-30T00:10:00+07:00"))).toBe(bkk("2026-11-30"));
    expect(new Date(bangkokWeekStart(bkk("2026-12-03"))).getUTCDay()).toBe(0); // Monday 00:00 +07:00 is Sunday 17:00 UTC
  });

  it("counts moments per week over the last N weeks, oldest first, dropping older ones", () => {
    const now = Date.parse("2026-12-02T10:00:00+07:00"); // a Wednesday
    const moments = [bkk("2026-12-01"), bkk("2026-11-30"), bkk("2026-11-24"), bkk("2026-11-01")];
    expect(weeklyCounts(moments, now, 2)).toEqual([
      { weekStart: bkk("2026-11-23"), count: 1 },
      { weekStart: bkk("2026-11-30"), count: 2 },
    ]);
    expect(weeklyCounts([], now, 26)).toHaveLength(26);
    expect(weeklyCounts([], now, 26).every((w, i, all) => i === 0 || w.weekStart - all[i - 1]!.weekStart === 7 * DAY)).toBe(true);
  });
});

describe("whole-day histograms", () => {
  it("counts a started day as a day", () => {
    expect(wholeDays(0)).toBe(0);
    expect(wholeDays(1)).toBe(1);
    expect(wholeDays(DAY)).toBe(1);
    expect(wholeDays(DAY + 1)).toBe(2);
  });

  it("gives the same summary as the samples it stands for", () => {
    const samples = [1, 1, 2, 3, 3, 3, 5, 8, 8, 9, 12, 12, 12, 13, 20, 21, 21, 30, 40, 41, 41];
    const histogram = [...new Set(samples)].map((days) => ({ days, count: samples.filter((d) => d === days).length })).reverse();
    expect(histogramSummary(histogram)).toEqual(timeSummary(samples));
    expect(histogramSummary(histogram)).toEqual({ medianDays: 12, p80Days: 21, count: 21 });
  });

  it("publishes nothing below the group size", () => {
    expect(histogramSummary([{ days: 4, count: 19 }])).toBeNull();
    expect(histogramSummary([{ days: 4, count: 19 }, { days: 9, count: 1 }])).toEqual({ medianDays: 4, p80Days: 4, count: 20 });
    expect(histogramSummary([])).toBeNull();
  });
});
