import { describe, expect, it } from "vitest";
import { validateForm } from "../forms";
import { fiscalYearEnd } from "../dates";
import { ESERVICE_CATEGORIES, PERSONAL_DATA_FIELDS, STEP1_LABELS, step1Form } from "./credentials";

/** Errors by path, or {} when the input is valid. */
function errorsOf(schema: Parameters<typeof validateForm>[0], input: Record<string, unknown>) {
  const r = validateForm(schema, input);
  return r.ok ? {} : r.errors;
}

describe("step 1: ขอ Credential", () => {
  const form = step1Form({ latestLaunchDate: "2026-09-30" });
  const valid = {
    category: "สวัสดิการและความช่วยเหลือ",
    shortDescription: "บริการแจ้งเตือนสิทธิสวัสดิการที่พึงได้รับตลอดช่วงชีวิต",
    fullDescription: "ระบบแจ้งเตือนสิทธิและช่วยเหลือในการรับสวัสดิการของประชาชนตลอดช่วงชีวิต",
    hasIcon: "no",
    launchDate: "2026-06-01",
    wantsPersonalData: "yes",
    personalData: ["pid", "first_name", "last_name"],
    identityLevel: "id_card",
    wantsNotification: "yes",
    deviceAccess: "gps",
    tasks: ["ตรวจสอบสิทธิสวัสดิการ"],
  };

  it("accepts a complete form and normalises the checkbox groups to lists", () => {
    const r = validateForm(form, { ...valid, shortDescription: "  ย่อ  " });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toMatchObject({
      shortDescription: "ย่อ",
      hasIcon: false,
      iconConcept: null,
      personalData: ["pid", "first_name", "last_name"],
      deviceAccess: ["gps"],
      tasks: ["ตรวจสอบสิทธิสวัสดิการ"],
    });
  });

  it("asks for every required answer in Thai when nothing is filled in", () => {
    expect(errorsOf(form, {})).toEqual({
      category: "กรุณาเลือกหมวดหมู่ e-Service",
      shortDescription: "กรุณากรอกรายละเอียดแบบย่อ",
      fullDescription: "กรุณากรอกรายละเอียดแบบเต็ม",
      launchDate: "กรุณาเลือกกำหนดการเปิดใช้งาน",
      wantsPersonalData: "กรุณาเลือกว่าบริการต้องการเข้าถึงข้อมูลส่วนบุคคลหรือไม่",
      identityLevel: "กรุณาเลือกรูปแบบการยืนยันตัวตน",
      wantsNotification: "กรุณาเลือกว่าบริการต้องการใช้งานฟีเจอร์แจ้งเตือนหรือไม่",
      tasks: "กรุณาเพิ่มงานบริการอย่างน้อย 1 รายการ",
    });
  });

  it("offers the category the manual suggests for agencies not yet sure, and nothing outside the list", () => {
    expect(ESERVICE_CATEGORIES).toContain("บริการที่อยู่ระหว่างการพัฒนา");
    expect(validateForm(form, { ...valid, category: "บริการที่อยู่ระหว่างการพัฒนา" }).ok).toBe(true);
    expect(errorsOf(form, { ...valid, category: "อื่น ๆ" })).toEqual({ category: "กรุณาเลือกหมวดหมู่ e-Service" });
  });

  it("counts the short description in Thai characters, so 140 with tone marks pass though .length is 420", () => {
    const text = "ที่".repeat(140);
    expect(text.length).toBe(420);
    expect(validateForm(form, { ...valid, shortDescription: text }).ok).toBe(true);
  });

  it("rejects a 141-character short description and says how long it is", () => {
    expect(errorsOf(form, { ...valid, shortDescription: "น้ำ".repeat(141) })).toEqual({
      shortDescription: "รายละเอียดแบบย่อต้องไม่เกิน 140 ตัวอักษร (ตอนนี้ 141)",
    });
    expect(errorsOf(form, { ...valid, shortDescription: "ก".repeat(152) })).toEqual({
      shortDescription: "รายละเอียดแบบย่อต้องไม่เกิน 140 ตัวอักษร (ตอนนี้ 152)",
    });
  });

  it("does not count the spaces trimmed from either end", () => {
    expect(validateForm(form, { ...valid, shortDescription: `  ${"ก".repeat(140)}\n` }).ok).toBe(true);
    expect(errorsOf(form, { ...valid, shortDescription: "   " })).toEqual({
      shortDescription: "กรุณากรอกรายละเอียดแบบย่อ",
    });
  });

  it("caps the full description at 10000 characters", () => {
    expect(validateForm(form, { ...valid, fullDescription: "ก".repeat(10_000) }).ok).toBe(true);
    expect(errorsOf(form, { ...valid, fullDescription: "ก".repeat(10_001) })).toEqual({
      fullDescription: "รายละเอียดแบบเต็มต้องไม่เกิน 10000 ตัวอักษร (ตอนนี้ 10001)",
    });
  });

  it("asks for the icon concept only when an icon has been uploaded", () => {
    expect(errorsOf(form, { ...valid, hasIcon: "yes" })).toEqual({
      iconConcept: "กรุณากรอกแนวคิดของไอคอน (หากไม่ประสงค์ระบุ ให้ใส่เครื่องหมาย -)",
    });
    expect(errorsOf(form, { ...valid, hasIcon: "yes", iconConcept: "  " })).toHaveProperty("iconConcept");
    expect(validateForm(form, { ...valid, hasIcon: "no" }).ok).toBe(true);
    expect(validateForm(form, { ...valid, hasIcon: undefined }).ok).toBe(true);
  });

  it("accepts '-' for an icon whose concept the agency does not wish to give", () => {
    const r = validateForm(form, { ...valid, hasIcon: "yes", iconConcept: "-" });
    expect(r.ok && r.data.iconConcept).toBe("-");
  });

  it("keeps the concept only when there is an icon", () => {
    const withIcon = validateForm(form, { ...valid, hasIcon: "yes", iconConcept: "รูปมือประคองหัวใจ" });
    expect(withIcon.ok && withIcon.data.iconConcept).toBe("รูปมือประคองหัวใจ");
    const without = validateForm(form, { ...valid, hasIcon: "no", iconConcept: "รูปมือประคองหัวใจ" });
    expect(without.ok && without.data.iconConcept).toBeNull();
  });

  it("allows a launch on the last day of the fiscal year and not the day after", () => {
    expect(validateForm(form, { ...valid, launchDate: "2026-09-30" }).ok).toBe(true);
    expect(errorsOf(form, { ...valid, launchDate: "2026-10-01" })).toEqual({
      launchDate: "กำหนดการเปิดใช้งานต้องไม่เกินวันที่ 30 ก.ย. 2569",
    });
  });

  it("names the limit of whichever fiscal year the form is built for", () => {
    const nextYear = step1Form({ latestLaunchDate: fiscalYearEnd(new Date("2026-10-15T00:00:00Z")) });
    expect(validateForm(nextYear, { ...valid, launchDate: "2026-10-01" }).ok).toBe(true);
    expect(errorsOf(nextYear, { ...valid, launchDate: "2027-10-01" })).toEqual({
      launchDate: "กำหนดการเปิดใช้งานต้องไม่เกินวันที่ 30 ก.ย. 2570",
    });
  });

  it("gives an empty field a single message, not one per rule", () => {
    const r = form.safeParse({ ...valid, launchDate: "", shortDescription: " " });
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["shortDescription", "กรุณากรอกรายละเอียดแบบย่อ"],
      ["launchDate", "กรุณาเลือกกำหนดการเปิดใช้งาน"],
    ]);
  });

  it("rejects a launch date that is not a real date", () => {
    expect(errorsOf(form, { ...valid, launchDate: "2026-02-30" })).toEqual({
      launchDate: "กำหนดการเปิดใช้งานไม่ใช่วันที่ที่ถูกต้อง",
    });
    expect(errorsOf(form, { ...valid, launchDate: "30/09/2569" })).toEqual({
      launchDate: "กำหนดการเปิดใช้งานไม่ใช่วันที่ที่ถูกต้อง",
    });
  });

  it("refuses to build the form with a malformed limit, a programming error", () => {
    expect(() => step1Form({ latestLaunchDate: "30 ก.ย. 2569" })).toThrow(/YYYY-MM-DD/);
  });

  it("requires at least one personal data field when the service wants personal data", () => {
    expect(errorsOf(form, { ...valid, personalData: undefined })).toEqual({
      personalData: "กรุณาเลือกข้อมูลส่วนบุคคลที่ต้องการเข้าถึงอย่างน้อย 1 รายการ",
    });
    expect(errorsOf(form, { ...valid, personalData: [] })).toHaveProperty("personalData");
    expect(errorsOf(form, { ...valid, personalData: "" })).toHaveProperty("personalData");
    const one = validateForm(form, { ...valid, personalData: "email" });
    expect(one.ok && one.data.personalData).toEqual(["email"]);
  });

  it("reports the missing personal data together with the form's other problems", () => {
    const errors = errorsOf(form, {
      ...valid,
      category: "",
      shortDescription: "",
      launchDate: "",
      personalData: undefined,
      hasIcon: "yes",
    });
    expect(Object.keys(errors).sort()).toEqual([
      "category",
      "iconConcept",
      "launchDate",
      "personalData",
      "shortDescription",
    ]);
  });

  it("stores no personal data fields when the service does not want personal data", () => {
    const r = validateForm(form, { ...valid, wantsPersonalData: "no", personalData: ["pid", "email"] });
    expect(r.ok && r.data.personalData).toEqual([]);
  });

  it("knows the six personal data fields by their Thai names and rejects others", () => {
    expect(PERSONAL_DATA_FIELDS).toEqual({
      pid: "เลขประจำตัวประชาชน",
      first_name: "ชื่อ",
      last_name: "นามสกุล",
      birthdate: "วัน/เดือน/ปีเกิด",
      mobile: "เบอร์โทรศัพท์มือถือ",
      email: "อีเมล",
    });
    expect(errorsOf(form, { ...valid, personalData: ["pid", "blood_type"] })).toEqual({
      "personalData.1": "ข้อมูลส่วนบุคคลที่เลือกไม่ถูกต้อง",
    });
  });

  it("lists the ticked boxes once each, in the order they are offered", () => {
    const r = validateForm(form, {
      ...valid,
      personalData: ["email", "pid", "email"],
      deviceAccess: ["save_files", "gps"],
    });
    expect(r.ok && r.data.personalData).toEqual(["pid", "email"]);
    expect(r.ok && r.data.deviceAccess).toEqual(["gps", "save_files"]);
  });

  it("lets a service ask for no device at all, but only for the four devices offered", () => {
    const r = validateForm(form, { ...valid, deviceAccess: undefined });
    expect(r.ok && r.data.deviceAccess).toEqual([]);
    expect(errorsOf(form, { ...valid, deviceAccess: ["bluetooth"] })).toEqual({
      "deviceAccess.0": "อุปกรณ์ที่เลือกไม่ถูกต้อง",
    });
  });

  it("accepts only the two identity levels and a yes or no for notifications", () => {
    expect(validateForm(form, { ...valid, identityLevel: "id_card_face" }).ok).toBe(true);
    expect(errorsOf(form, { ...valid, identityLevel: "password" })).toEqual({
      identityLevel: "กรุณาเลือกรูปแบบการยืนยันตัวตน",
    });
    expect(errorsOf(form, { ...valid, wantsNotification: "maybe" })).toEqual({
      wantsNotification: "กรุณาเลือกว่าบริการต้องการใช้งานฟีเจอร์แจ้งเตือนหรือไม่",
    });
  });

  it("takes one service task as a string and several as a list, trimmed, blank rows dropped", () => {
    const one = validateForm(form, { ...valid, tasks: "  ขอรับเงินอุดหนุน  " });
    expect(one.ok && one.data.tasks).toEqual(["ขอรับเงินอุดหนุน"]);
    const several = validateForm(form, { ...valid, tasks: ["ก", " ", "ข", ""] });
    expect(several.ok && several.data.tasks).toEqual(["ก", "ข"]);
    expect(errorsOf(form, { ...valid, tasks: ["", "  "] })).toEqual({
      tasks: "กรุณาเพิ่มงานบริการอย่างน้อย 1 รายการ",
    });
  });

  it("allows up to 20 service tasks", () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `งานบริการที่ ${i + 1}`);
    expect(validateForm(form, { ...valid, tasks: names(20) }).ok).toBe(true);
    expect(errorsOf(form, { ...valid, tasks: names(21) })).toEqual({
      tasks: "เพิ่มงานบริการได้ไม่เกิน 20 รายการ (ตอนนี้ 21)",
    });
  });

  it("limits a task name to 200 characters, on the input that is too long", () => {
    expect(validateForm(form, { ...valid, tasks: ["ที่".repeat(200)] }).ok).toBe(true);
    expect(errorsOf(form, { ...valid, tasks: ["ก", "", "ข".repeat(201)] })).toEqual({
      "tasks.2": "ชื่องานบริการต้องไม่เกิน 200 ตัวอักษร (ตอนนี้ 201)",
    });
  });

  it("rejects the same task name twice", () => {
    expect(errorsOf(form, { ...valid, tasks: ["ก", "ก "] })).toEqual({
      "tasks.1": 'งานบริการ "ก" ซ้ำกับรายการก่อนหน้า',
    });
  });

  it("has a Thai label for every field it can report", () => {
    const errors = errorsOf(form, { hasIcon: "yes", wantsPersonalData: "yes" });
    for (const key of Object.keys(errors)) expect(STEP1_LABELS, key).toHaveProperty(key);
  });
});
