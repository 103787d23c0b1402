/**
 * @module
 * The three parts together: labels, posted fields and conditional groups.
 */
import { describe, expect, it } from "vitest";
import { validateForm } from "../../forms";
import { part1Form } from "./part1-applicant";
import { part2Form } from "./part2-service";
import { part3Form } from "./part3-consents";
import { GROUP_FIELDS, PART_FIELDS, PART_LABELS, PARTS, visibleFields } from "./form";
import { errorsOf, validPart1, validPart2 } from "./test-fixtures";

describe("labels, fields and parts", () => {
  it("names the three parts as the manual does", () => {
    expect(PARTS.map((p) => [p.no, p.th])).toEqual([
      [1, "ข้อมูลผู้แจ้งความประสงค์"],
      [2, "รายละเอียดของบริการ"],
      [3, "คำรับรองและคำยินยอม"],
    ]);
    expect(PARTS[0].form).toBe(part1Form);
  });

  it("has a Thai label for every error path and every posted field", () => {
    const paths = new Set<string>();
    const collect = (schema: Parameters<typeof validateForm>[0], input: Record<string, unknown>) => {
      for (const k of Object.keys(errorsOf(schema, input))) paths.add(k.split(".")[0]!);
    };
    collect(part1Form, {});
    collect(part1Form, { adminSame: "no", agencyType: "other", contactChannel: "coordinator", coordinatorWho: "other" });
    collect(part1Form, { contactChannel: "callcenter" });
    collect(part2Form, {});
    collect(part2Form, { targetUsers: "both", wantsPersonalData: "yes", profileAccess: "oidc" });
    collect(part3Form, {});
    for (const p of paths) expect(PART_LABELS, p).toHaveProperty(p);
    for (const no of [1, 2, 3] as const) {
      for (const f of PART_FIELDS[no]) if (f !== "hasAuthLetter") expect(PART_LABELS, f).toHaveProperty(f);
    }
    expect(PART_LABELS.assigneeEmail).toBe("อีเมล (ที่ออกโดยหน่วยงานของท่าน) (ผู้ได้รับมอบหมาย)");
    expect(PART_FIELDS[1]).toContain("hasAuthLetter");
    expect(PART_FIELDS[1]).not.toContain("authLetter");
  });
});

describe("visibleFields", () => {
  const none = {
    agencyTypeOther: false,
    adminPerson: false,
    callcenter: false,
    coordinator: false,
    coordinatorPerson: false,
    personalData: false,
    juristicData: false,
    landingUrl: false,
    oidc: false,
  };

  it("shows nothing conditional before anything is chosen", () => {
    expect(visibleFields(1, {})).toEqual(none);
    expect(visibleFields(2, {})).toEqual(none);
    expect(visibleFields(3, { ...validPart1, ...validPart2 })).toEqual(none);
  });

  it("follows part 1's branches as the schema does", () => {
    expect(visibleFields(1, validPart1)).toEqual({ ...none, callcenter: true });
    expect(
      visibleFields(1, { agencyType: "other", adminSame: "no", contactChannel: "coordinator", coordinatorWho: "other" }),
    ).toEqual({ ...none, agencyTypeOther: true, adminPerson: true, coordinator: true, coordinatorPerson: true });
    // coordinatorWho only counts under the coordinator channel.
    expect(visibleFields(1, { contactChannel: "callcenter", coordinatorWho: "other" })).toEqual({ ...none, callcenter: true });
    // Part 2's answers do not open part 1's groups.
    expect(visibleFields(1, { wantsPersonalData: "yes", profileAccess: "oidc" })).toEqual(none);
  });

  it("follows part 2's branches as the schema does", () => {
    expect(visibleFields(2, validPart2)).toEqual({ ...none, landingUrl: true });
    expect(visibleFields(2, { targetUsers: "both", wantsPersonalData: " yes ", profileAccess: "oidc" })).toEqual({
      ...none,
      juristicData: true,
      personalData: true,
      landingUrl: true,
      oidc: true,
    });
    expect(visibleFields(2, { targetUsers: "juristic" }).juristicData).toBe(true);
    expect(visibleFields(2, { targetUsers: "citizen" }).juristicData).toBe(false);
  });

  it("names the fields inside each group", () => {
    expect(GROUP_FIELDS.adminPerson).toEqual([
      "adminName",
      "adminPid",
      "adminDivision",
      "adminPosition",
      "adminOfficePhone",
      "adminMobile",
      "adminEmail",
    ]);
    expect(GROUP_FIELDS.oidc).toEqual(["domain", "loginCallbacks", "logoutCallbacks"]);
  });
});
