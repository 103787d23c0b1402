/**
 * @module
 * The free-mail advice on part 1's e-mail fields: a warning, never an error.
 */
import { describe, expect, it } from "vitest";
import { validateForm } from "../../forms";
import { part1Form } from "./part1-applicant";
import { freeMailWarnings, isFreeMailDomain } from "./free-mail";
import { admin, coord, validPart1 } from "./test-fixtures";

describe("free e-mail warnings", () => {
  it("knows the public webmail domains, whatever the case", () => {
    for (const a of ["a@gmail.com", "A@GMAIL.COM", "x@hotmail.co.th", "y@outlook.com", "z@yahoo.co.th", "me@icloud.com"]) {
      expect(isFreeMailDomain(a)).toBe(true);
    }
    expect(isFreeMailDomain("proton.me")).toBe(true);
    for (const a of ["somchai@navy.mi.th", "it@dga.or.th", "a@company.co.th", "a@gmail.com.evil.th", "a@mygmail.com"]) {
      expect(isFreeMailDomain(a)).toBe(false);
    }
  });

  it("warns, without blocking, on each shown e-mail field on a free domain", () => {
    const values = {
      ...validPart1,
      assigneeEmail: "somchai@Gmail.com",
      callcenterEmail: "callcenter@hotmail.co.th",
      adminEmail: "hidden@gmail.com", // adminSame = yes: not shown, no warning
    };
    expect(freeMailWarnings(values)).toEqual({
      assigneeEmail:
        "แนะนำให้ใช้อีเมลของหน่วยงาน (เช่น .go.th, .or.th, .co.th) แทนอีเมลทั่วไปอย่าง gmail.com ตามที่ สพร. ไม่แนะนำให้ใช้ Free Email",
      callcenterEmail:
        "แนะนำให้ใช้อีเมลของหน่วยงาน (เช่น .go.th, .or.th, .co.th) แทนอีเมลทั่วไปอย่าง hotmail.co.th ตามที่ สพร. ไม่แนะนำให้ใช้ Free Email",
    });
    expect(validateForm(part1Form, values).ok).toBe(true);
  });

  it("covers the Administrator and the coordinator when they are shown", () => {
    const values = {
      ...validPart1,
      adminSame: "no",
      ...admin,
      adminEmail: "admin@outlook.com",
      contactChannel: "coordinator",
      coordinatorWho: "other",
      ...coord,
      coordEmail: "coord@yahoo.com",
      callcenterEmail: "cc@gmail.com", // hidden now
    };
    const warnings = freeMailWarnings(values);
    expect(Object.keys(warnings)).toEqual(["adminEmail", "coordEmail"]);
    expect(warnings.adminEmail).toMatch(/^แนะนำให้ใช้อีเมลของหน่วยงาน/);
    expect(freeMailWarnings(validPart1)).toEqual({});
    expect(freeMailWarnings({ assigneeEmail: "gmail.com" })).toEqual({}); // not an address yet
  });
});
