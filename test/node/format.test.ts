import { describe, expect, it } from "vitest";
import { formatThaiDate, formatThaiDateTime } from "../../src/messages/dates";

describe("formatThaiDateTime", () => {
  it("writes the seed's example the way the seed prints it", () => {
    // 22 Aug 2024 07:34 in Bangkok is 00:34 UTC.
    expect(formatThaiDateTime(new Date("2024-08-22T00:34:00Z"))).toBe("22 ส.ค. 2567 เวลา 7:34");
    expect(formatThaiDateTime(new Date("2024-08-26T06:17:00Z"))).toBe("26 ส.ค. 2567 เวลา 13:17");
  });

  it("uses Bangkok's date, not UTC's, around midnight", () => {
    // 31 Dec 2024 17:30 UTC is already 1 Jan 2025 00:30 in Bangkok: BE 2568.
    expect(formatThaiDateTime(new Date("2024-12-31T17:30:00Z"))).toBe("1 ม.ค. 2568 เวลา 0:30");
    expect(formatThaiDate(new Date("2024-12-31T16:59:00Z"))).toBe("31 ธ.ค. 2567");
  });
});
