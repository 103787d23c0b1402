import { describe, expect, it } from "vitest";
import { short } from "./audit-data";

describe("audit data in words", () => {
  it("reads stored dates and instants in Thai, Buddhist era, and leaves other text alone", () => {
    expect(short("2027-09-30")).toBe("30 ก.ย. 2570");
    expect(short({ batchDate: "2026-11-24" })).toBe("รอบวันที่: 24 พ.ย. 2569");
    expect(short("2026-11-23T03:00:00.000Z")).toMatch(/^23 พ.ย. 2569 เวลา 10:00$/);
    expect(short("1548")).toBe("1548");
    expect(short("2027-02-30")).toBe("2027-02-30");
  });
});
