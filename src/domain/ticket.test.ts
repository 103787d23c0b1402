import { describe, expect, it } from "vitest";
import { buddhistYear, formatTicketNo, isTicketNo } from "./ticket";

describe("ticket numbers", () => {
  it("formats the seed's example", () => {
    expect(formatTicketNo(2567, "00100", 3)).toBe("2567-00100-0003");
    expect(isTicketNo("2567-00100-0003")).toBe(true);
    expect(isTicketNo("2567-100-3")).toBe(false);
  });

  it("refuses codes and running numbers that would not fit", () => {
    expect(() => formatTicketNo(2567, "100", 1)).toThrow();
    expect(() => formatTicketNo(2567, "00100", 10_000)).toThrow();
    expect(() => formatTicketNo(2567, "00100", 0)).toThrow();
  });

  it("takes the Buddhist year in Bangkok, where the new year starts 7 hours before UTC's", () => {
    expect(buddhistYear(new Date("2024-12-31T16:59:59Z"))).toBe(2567);
    expect(buddhistYear(new Date("2024-12-31T17:00:00Z"))).toBe(2568);
  });
});
