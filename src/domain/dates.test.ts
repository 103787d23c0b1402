import { describe, expect, it } from "vitest";
import { bangkokIsoDate, dateAnswerProblem, datePartsAnswer, datePartsOf, fiscalYearEnd, foldDateParts, isIsoDate, parseDateParts, thaiDateAnswer, thaiShortDate } from "./dates";

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

describe("date inputs (day / month / พ.ศ. year)", () => {
  const p = (day: string, month: string, year: string) => parseDateParts({ day, month, year });

  it("turns a Buddhist-era year into the Gregorian ISO date the services store", () => {
    expect(p("30", "9", "2570")).toEqual({ ok: true, iso: "2027-09-30" });
    expect(p(" 1 ", "01", "2569")).toEqual({ ok: true, iso: "2026-01-01" });
  });

  it("refuses a day the month does not have, leap years included", () => {
    expect(p("31", "2", "2570")).toEqual({ ok: false, reason: "no_such_day" });
    expect(p("31", "4", "2570")).toEqual({ ok: false, reason: "no_such_day" });
    expect(p("29", "2", "2570")).toEqual({ ok: false, reason: "no_such_day" }); // 2027
    expect(p("29", "2", "2571")).toEqual({ ok: true, iso: "2028-02-29" }); // 2028 is a leap year
    expect(p("29", "2", "2643")).toEqual({ ok: false, reason: "no_such_day" }); // 2100 is not
    expect(p("1", "13", "2570")).toEqual({ ok: false, reason: "no_such_day" });
    expect(p("0", "1", "2570")).toEqual({ ok: false, reason: "no_such_day" });
  });

  it("refuses a year that is not a 4-digit พ.ศ. year in range, such as a ค.ศ. year", () => {
    expect(p("30", "9", "2027")).toEqual({ ok: false, reason: "year_range" });
    expect(p("30", "9", "70")).toEqual({ ok: false, reason: "year_range" });
    expect(p("30", "9", "2701")).toEqual({ ok: false, reason: "year_range" });
    expect(p("30", "9", "2499")).toEqual({ ok: false, reason: "year_range" });
  });

  it("tells empty from incomplete from not a number", () => {
    expect(p("", " ", "")).toEqual({ ok: false, reason: "empty" });
    expect(p("30", "", "2570")).toEqual({ ok: false, reason: "incomplete" });
    expect(p("abc", "9", "2570")).toEqual({ ok: false, reason: "not_a_number" });
    expect(p("30", "9", "๒๕๗๐")).toEqual({ ok: false, reason: "not_a_number" });
  });

  it("stores a real date as ISO and keeps anything else as typed, so the form can show it again", () => {
    expect(datePartsAnswer({ day: "30", month: "9", year: "2570" })).toBe("2027-09-30");
    expect(datePartsAnswer({ day: "", month: "", year: "" })).toBe("");
    expect(datePartsAnswer({ day: "31", month: "2", year: "2570" })).toBe("31/2/2570");
    expect(datePartsOf("31/2/2570")).toEqual({ day: "31", month: "2", year: "2570" });
    expect(datePartsOf("2027-09-30")).toEqual({ day: "30", month: "9", year: "2570" });
    expect(datePartsOf(undefined)).toEqual({ day: "", month: "", year: "" });
  });

  it("folds the three posted boxes into the field, leaving a posted ISO date alone", () => {
    expect(foldDateParts({ "d-day": "5", "d-month": "1", "d-year": "2570", note: "x" }, ["d"])).toEqual({ "d-day": "5", "d-month": "1", "d-year": "2570", d: "2027-01-05", note: "x" });
    expect(foldDateParts({ d: "2027-01-05" }, ["d"])).toEqual({ d: "2027-01-05" });
  });

  it("says in Thai what is wrong with a date typed into the boxes", () => {
    expect(dateAnswerProblem("2027-09-30", "วันที่")).toBeNull();
    expect(dateAnswerProblem("", "วันที่")).toBeNull();
    expect(dateAnswerProblem("31/2/2570", "กำหนดการ")).toBe("ไม่มีวันที่ 31 กุมภาพันธ์ 2570 ในปฏิทิน กรุณาตรวจสอบกำหนดการ");
    expect(dateAnswerProblem("30/9/2027", "กำหนดการ")).toBe("ปีของกำหนดการต้องเป็นปีพุทธศักราช 4 หลัก เช่น 2570");
    expect(dateAnswerProblem("30//2570", "กำหนดการ")).toBe("กำหนดการต้องระบุทั้งวัน เดือน และปี");
    expect(dateAnswerProblem("2027-02-30", "กำหนดการ")).toBe("กำหนดการไม่ใช่วันที่ที่ถูกต้อง");
    expect(dateAnswerProblem("30/09/2570", "กำหนดการ")).toBe("กำหนดการไม่ใช่วันที่ที่ถูกต้อง"); // only ISO counts as a date
  });

  it("reads a stored answer back in Thai", () => {
    expect(thaiDateAnswer("2027-09-30")).toBe("30 ก.ย. 2570");
    expect(thaiDateAnswer("")).toBe("-");
  });
});
