import { describe, expect, it } from "vitest";
import { GOLIVE_RULE_TH, goLiveBatch, isBatchDue, mondayCutoff, nextCutoff, upcomingTuesdays } from "./golive";

// Week used throughout: Monday 2026-03-02 … Sunday 2026-03-08, cutoff 2026-03-02T05:00:00Z.
const at = (iso: string) => new Date(iso);

describe("goLiveBatch", () => {
  it("gives that week's Tuesday one millisecond before Monday noon and next week's at noon exactly", () => {
    expect(goLiveBatch(at("2026-03-02T04:59:59.999Z"))).toBe("2026-03-03"); // Mon 11:59:59.999 Bangkok
    expect(goLiveBatch(at("2026-03-02T05:00:00.000Z"))).toBe("2026-03-10"); // Mon 12:00:00.000 Bangkok
    expect(goLiveBatch(at("2026-03-02T05:00:00.001Z"))).toBe("2026-03-10");
  });

  it("treats Sunday night in Bangkok as the end of the ISO week, so the coming Tuesday is two days away", () => {
    // Sunday 23:30 Bangkok, Sunday 16:30 UTC: past the cutoff of Mon 2026-02-23.
    expect(goLiveBatch(at("2026-03-01T16:30:00Z"))).toBe("2026-03-03");
  });

  it("counts Monday 00:30 in Bangkok as Monday even while UTC still says Sunday", () => {
    expect(goLiveBatch(at("2026-03-01T17:30:00Z"))).toBe("2026-03-03");
    expect(goLiveBatch(at("2026-03-01T17:00:00Z"))).toBe("2026-03-03"); // Monday 00:00 sharp
  });

  it("sends a confirmation made on a Tuesday to the next Tuesday, since that week's cutoff has passed", () => {
    expect(goLiveBatch(at("2026-03-03T01:00:00Z"))).toBe("2026-03-10"); // Tue 08:00 Bangkok
    expect(goLiveBatch(at("2026-03-08T16:59:59.999Z"))).toBe("2026-03-10"); // Sun 23:59:59.999 Bangkok
  });

  it("crosses the year end on the calendar, not on the year number", () => {
    expect(goLiveBatch(at("2026-12-28T03:00:00Z"))).toBe("2026-12-29"); // Mon 10:00 Bangkok
    expect(goLiveBatch(at("2026-12-28T05:00:00Z"))).toBe("2027-01-05"); // Mon 12:00 Bangkok
    expect(goLiveBatch(at("2026-12-31T17:30:00Z"))).toBe("2027-01-05"); // already Fri 1 Jan 2027 in Bangkok
    expect(goLiveBatch(at("2027-01-03T16:59:59.999Z"))).toBe("2027-01-05"); // Sun 3 Jan still belongs to that ISO week
  });

  it("steps over 29 February in a leap year", () => {
    expect(goLiveBatch(at("2024-02-26T03:00:00Z"))).toBe("2024-02-27"); // Mon 10:00 Bangkok
    expect(goLiveBatch(at("2024-02-26T05:00:00Z"))).toBe("2024-03-05");
    expect(goLiveBatch(at("2024-02-29T10:00:00Z"))).toBe("2024-03-05"); // on the leap day itself
    expect(goLiveBatch(at("2024-02-19T03:00:00Z"), "2024-02-29")).toBe("2024-03-05");
  });

  it("keeps a requested date of 29 February 2028 because that day is a Tuesday", () => {
    expect(new Date(Date.UTC(2028, 1, 29)).getUTCDay()).toBe(2);
    expect(goLiveBatch(at("2028-02-01T03:00:00Z"), "2028-02-29")).toBe("2028-02-29");
    expect(goLiveBatch(at("2028-02-01T03:00:00Z"), "2028-02-28")).toBe("2028-02-29");
    expect(goLiveBatch(at("2028-02-01T03:00:00Z"), "2028-03-01")).toBe("2028-03-07");
  });

  it("ignores a requested date on or before the batch the confirmation already gets", () => {
    expect(goLiveBatch(at("2026-03-02T04:00:00Z"), "2026-02-01")).toBe("2026-03-03");
    expect(goLiveBatch(at("2026-03-02T04:00:00Z"), "2026-03-02")).toBe("2026-03-03");
    expect(goLiveBatch(at("2026-03-02T04:00:00Z"), "2026-03-03")).toBe("2026-03-03");
    // Past the cutoff, a request for this week's Tuesday cannot bring the batch back.
    expect(goLiveBatch(at("2026-03-02T05:00:00Z"), "2026-03-03")).toBe("2026-03-10");
  });

  it("postpones to the first Tuesday on or after a later requested date", () => {
    expect(goLiveBatch(at("2026-03-02T04:00:00Z"), "2026-03-04")).toBe("2026-03-10"); // Wednesday
    expect(goLiveBatch(at("2026-03-02T04:00:00Z"), "2026-03-09")).toBe("2026-03-10"); // Monday
    expect(goLiveBatch(at("2026-03-02T04:00:00Z"), "2026-03-15")).toBe("2026-03-17"); // Sunday
    expect(goLiveBatch(at("2026-03-02T04:00:00Z"), "2026-12-30")).toBe("2027-01-05"); // across the year end
  });

  it("keeps a later requested date that is itself a Tuesday", () => {
    expect(goLiveBatch(at("2026-03-02T04:00:00Z"), "2026-03-10")).toBe("2026-03-10");
    expect(goLiveBatch(at("2026-03-02T04:00:00Z"), "2026-04-07")).toBe("2026-04-07");
  });

  it("rejects a requested date that is not a real YYYY-MM-DD date", () => {
    for (const bad of ["", "2026-02-30", "2027-02-29", "2026-3-10", "2026-03-10T00:00:00Z", "10/03/2026"]) {
      expect(() => goLiveBatch(at("2026-03-02T04:00:00Z"), bad), bad).toThrow();
    }
  });

  it("rejects an invalid submission instant rather than returning NaN dates", () => {
    expect(() => goLiveBatch(new Date(Number.NaN))).toThrow();
  });
});

describe("mondayCutoff", () => {
  it("is noon Bangkok on the Monday of the ISO week, even from Sunday night", () => {
    expect(mondayCutoff(at("2026-03-05T09:00:00Z")).toISOString()).toBe("2026-03-02T05:00:00.000Z");
    expect(mondayCutoff(at("2026-03-08T16:59:59.999Z")).toISOString()).toBe("2026-03-02T05:00:00.000Z");
    expect(mondayCutoff(at("2026-03-08T17:00:00Z")).toISOString()).toBe("2026-03-09T05:00:00.000Z"); // Mon 00:00 Bangkok
  });
});

describe("nextCutoff", () => {
  it("counts down to this Monday's noon until it arrives, then to next Monday's", () => {
    expect(nextCutoff(at("2026-03-02T04:59:59.999Z")).toISOString()).toBe("2026-03-02T05:00:00.000Z");
    expect(nextCutoff(at("2026-03-02T05:00:00.000Z")).toISOString()).toBe("2026-03-09T05:00:00.000Z");
    expect(nextCutoff(at("2026-03-03T01:00:00Z")).toISOString()).toBe("2026-03-09T05:00:00.000Z");
  });

  it("turns over at midnight in Bangkok, not in UTC", () => {
    expect(nextCutoff(at("2026-03-08T16:59:59.999Z")).toISOString()).toBe("2026-03-09T05:00:00.000Z"); // Sun 23:59:59.999
    expect(nextCutoff(at("2026-03-08T17:00:00Z")).toISOString()).toBe("2026-03-09T05:00:00.000Z"); // Mon 00:00
  });
});

describe("upcomingTuesdays", () => {
  it("starts with the batch a confirmation right now would get", () => {
    expect(upcomingTuesdays(at("2026-03-02T04:59:59.999Z"), 3)).toEqual(["2026-03-03", "2026-03-10", "2026-03-17"]);
    expect(upcomingTuesdays(at("2026-03-02T05:00:00Z"), 2)).toEqual(["2026-03-10", "2026-03-17"]);
  });

  it("runs on across the year end", () => {
    expect(upcomingTuesdays(at("2026-12-28T05:00:00Z"), 2)).toEqual(["2027-01-05", "2027-01-12"]);
    expect(upcomingTuesdays(at("2026-12-21T03:00:00Z"), 3)).toEqual(["2026-12-22", "2026-12-29", "2027-01-05"]);
  });

  it("returns nothing for zero and refuses a negative or fractional count", () => {
    expect(upcomingTuesdays(at("2026-03-02T04:00:00Z"), 0)).toEqual([]);
    expect(() => upcomingTuesdays(at("2026-03-02T04:00:00Z"), -1)).toThrow();
    expect(() => upcomingTuesdays(at("2026-03-02T04:00:00Z"), 1.5)).toThrow();
  });
});

describe("isBatchDue", () => {
  it("becomes due at midnight in Bangkok on the batch's Tuesday", () => {
    expect(isBatchDue("2026-03-03", at("2026-03-02T16:59:59.999Z"))).toBe(false); // Mon 23:59:59.999 Bangkok
    expect(isBatchDue("2026-03-03", at("2026-03-02T17:00:00Z"))).toBe(true); // Tue 00:00 Bangkok
  });

  it("stays due after the day so a missed run is caught up, and is not due for future batches", () => {
    expect(isBatchDue("2026-03-03", at("2026-03-20T00:00:00Z"))).toBe(true);
    expect(isBatchDue("2026-03-10", at("2026-03-03T05:00:00Z"))).toBe(false);
  });

  it("rejects a batch date that is not YYYY-MM-DD", () => {
    expect(() => isBatchDue("2026-02-30", at("2026-03-03T05:00:00Z"))).toThrow();
  });
});

describe("GOLIVE_RULE_TH", () => {
  it("explains the Tuesday batches and the Monday-noon cutoff in Thai", () => {
    expect(GOLIVE_RULE_TH).toBe(
      "เปิดให้บริการทุกวันอังคาร ยืนยันก่อนวันจันทร์ เวลา 12:00 น. จะได้รอบวันอังคารของสัปดาห์นั้น หากยืนยันตั้งแต่วันจันทร์ เวลา 12:00 น. เป็นต้นไป จะได้รอบวันอังคารของสัปดาห์ถัดไป",
    );
  });
});

// ---------------------------------------------------------------------------
// Property test against an oracle that shares no code with the implementation:
// it works on Bangkok wall-clock fields and walks the calendar a day at a time.

const OFFSET = 7 * 3600e3;

type Wall = { y: number; m: number; d: number; weekday: number };

/** Bangkok calendar fields; `weekday` in JS order (0 = Sunday). */
function wallOf(t: number): Wall {
  const shifted = new Date(t + OFFSET);
  return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth(), d: shifted.getUTCDate(), weekday: shifted.getUTCDay() };
}

/** The calendar day `n` days after (y, m, d); Date.UTC normalises overflowing days. */
function addDays(w: { y: number; m: number; d: number }, n: number): Wall {
  const u = new Date(Date.UTC(w.y, w.m, w.d + n));
  return { y: u.getUTCFullYear(), m: u.getUTCMonth(), d: u.getUTCDate(), weekday: u.getUTCDay() };
}

function fmt(w: { y: number; m: number; d: number }): string {
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(w.y, 4)}-${pad(w.m + 1, 2)}-${pad(w.d, 2)}`;
}

function parse(s: string): Wall {
  const [y, m, d] = [Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))];
  return addDays({ y, m, d }, 0);
}

/** Compare calendar days by their written form, which sorts chronologically. */
const before = (a: Wall, b: Wall) => fmt(a) < fmt(b);

function oracle(t: number, requested?: string): string {
  let monday = wallOf(t);
  while (monday.weekday !== 1) monday = addDays(monday, -1);
  const cutoff = Date.UTC(monday.y, monday.m, monday.d, 12) - OFFSET;
  let batch = addDays(monday, t < cutoff ? 1 : 8);
  if (requested !== undefined) {
    let r = parse(requested);
    if (before(batch, r)) {
      while (r.weekday !== 2) r = addDays(r, 1);
      batch = r;
    }
  }
  return fmt(batch);
}

/** Whole days from calendar day a to b (both as YYYY-MM-DD). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400e3);
}

/** mulberry32: small, seedable, good enough to spread cases over fifteen years. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe("goLiveBatch against an independent oracle", () => {
  it("agrees on 5,000 seeded random confirmations from 2020 to 2035 and keeps its invariants", () => {
    const rand = prng(20260302);
    const start = Date.UTC(2020, 0, 1);
    const span = Date.UTC(2036, 0, 1) - start;
    const dayMs = 86_400e3;
    let atCutoff = 0;
    let withRequest = 0;

    for (let i = 0; i < 5_000; i++) {
      // 53 random bits: one 32-bit draw alone cannot reach every millisecond in 16 years.
      const unit = (Math.floor(rand() * 2 ** 21) * 2 ** 32 + Math.floor(rand() * 2 ** 32)) / 2 ** 53;
      let t = start + Math.floor(unit * span);
      // Uniform instants almost never land on a boundary, so aim a share of them
      // at 05:00Z (noon in Bangkok, the cutoff on Mondays) and 17:00Z (Bangkok midnight).
      const aim = rand();
      const jitter = Math.floor(rand() * 3) - 1;
      if (aim < 0.25) t = Math.floor(t / dayMs) * dayMs + 5 * 3600e3 + jitter;
      else if (aim < 0.375) t = Math.floor(t / dayMs) * dayMs + 17 * 3600e3 + jitter;

      const submittedDay = fmt(wallOf(t));
      const requested = rand() < 0.5 ? fmt(addDays(wallOf(t), Math.floor(rand() * 121) - 60)) : undefined;
      const label = `${new Date(t).toISOString()} requested=${requested ?? "-"}`;

      const got = goLiveBatch(new Date(t), requested);
      expect(got, label).toBe(oracle(t, requested));

      expect(new Date(`${got}T00:00:00Z`).getUTCDay(), label).toBe(2);
      // Even a Monday-morning confirmation goes live the next day at the earliest,
      // and a Tuesday confirmation never makes its own day's batch.
      expect(daysBetween(submittedDay, got), label).toBeGreaterThanOrEqual(1);
      if (requested === undefined) {
        expect(daysBetween(submittedDay, got), label).toBeLessThanOrEqual(8);
      } else {
        withRequest++;
        expect(got >= goLiveBatch(new Date(t)), label).toBe(true);
        if (got > goLiveBatch(new Date(t))) {
          expect(daysBetween(requested, got), label).toBeGreaterThanOrEqual(0);
          expect(daysBetween(requested, got), label).toBeLessThan(7);
        }
      }
      if (mondayCutoff(new Date(t)).getTime() === t) atCutoff++;
      expect(nextCutoff(new Date(t)).getTime(), label).toBeGreaterThan(t);
      expect(upcomingTuesdays(new Date(t), 1), label).toEqual([goLiveBatch(new Date(t))]);
    }

    // The generator must actually exercise the boundary and both branches.
    expect(atCutoff).toBeGreaterThan(50);
    expect(withRequest).toBeGreaterThan(2_000);
  });
});
