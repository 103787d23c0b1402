import { describe, expect, it } from "vitest";
import { bangkokIsoDate, fiscalYearEnd, isIsoDate, thaiShortDate } from "./dates";

describe("dates", () => {
  it("ends the fiscal year on the coming 30 September until it rolls over on 1 October", () => {
    expect(fiscalYearEnd(new Date("2026-02-06T03:00:00Z"))).toBe("2026-09-30");
    expect(fiscalYearEnd(new Date("2026-09-30T16:59:59Z"))).toBe("2026-09-30"); // 23:59:59 in Bangkok
    expect(fiscalYearEnd(new Date("2026-10-01T05:00:00Z"))).toBe("2027-09-30");
    expect(fiscalYearEnd(new Date("2026-12-31T18:00:00Z"))).toBe("2027-09-30"); // already 2027 in Bangkok
  });

  it("reads the date in Bangkok, where 17:30 UTC on 30 September is already 1 October", () => {
    expect(bangkokIsoDate(new Date("2026-09-30T17:30:00Z"))).toBe("2026-10-01");
    expect(fiscalYearEnd(new Date("2026-09-30T17:30:00Z"))).toBe("2027-09-30");
  });

  it("writes a date the Thai way, with the Buddhist-era year", () => {
    expect(thaiShortDate("2026-09-30")).toBe("30 ก.ย. 2569");
    expect(thaiShortDate("2027-01-05")).toBe("5 ม.ค. 2570");
  });

  it("accepts only real calendar dates written YYYY-MM-DD", () => {
    expect(isIsoDate("2026-09-30")).toBe(true);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-9-30")).toBe(false);
    expect(isIsoDate("30/09/2569")).toBe(false);
  });
});
