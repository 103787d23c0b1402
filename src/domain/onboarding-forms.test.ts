import { describe, expect, it } from "vitest";
import { validateForm } from "./forms";
import {
  asArray,
  bangkokIsoDate,
  ESERVICE_CATEGORIES,
  fiscalYearEnd,
  graphemeLength,
  isIsoDate,
  isUrlInDomain,
  MIN_TESTERS,
  PERSONAL_DATA_FIELDS,
  STEP1_LABELS,
  step1Form,
  STEP2_LABELS,
  step2Form,
  TESTER_LABELS,
  testerForm,
  TESTERS_REQUIRED,
  thaiShortDate,
} from "./onboarding-forms";

/** Errors by path, or {} when the input is valid. */
function errorsOf(schema: Parameters<typeof validateForm>[0], input: Record<string, unknown>) {
  const r = validateForm(schema, input);
  return r.ok ? {} : r.errors;
}

describe("graphemeLength", () => {
  it("counts a Thai consonant with its vowel and tone marks as one character", () => {
    // Each expectation checked against Intl.Segmenter("th") by hand first.
    expect(graphemeLength("ที่")).toBe(1);
    expect("ที่".length).toBe(3);
    expect(graphemeLength("น้ำ")).toBe(1); // SARA AM is a spacing mark: it joins the cluster
    expect(graphemeLength("สวัสดี")).toBe(4); // ส วั ส ดี
    expect(graphemeLength("ผู้ใช้")).toBe(3); // ผู้ ใ ช้
    expect(graphemeLength("e-Service ทางรัฐ")).toBe(10 + 5); // ท า ง รั ฐ
    expect(graphemeLength("")).toBe(0);
  });
});

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

describe("asArray", () => {
  it("turns what an HTML checkbox group posts into a list", () => {
    expect(asArray(undefined)).toEqual([]);
    expect(asArray(null)).toEqual([]);
    expect(asArray("pid")).toEqual(["pid"]);
    expect(asArray(["pid", "email"])).toEqual(["pid", "email"]);
  });
});

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

describe("step 2: profile access", () => {
  const oidc = {
    profileAccess: "oidc",
    domain: "service.go.th",
    landingUrl: "https://service.go.th/",
    loginCallbacks: ["https://service.go.th/auth/callback"],
    logoutCallbacks: ["https://service.go.th/logout"],
  };

  it("asks which kind of profile access the service uses", () => {
    expect(errorsOf(step2Form, {})).toEqual({
      profileAccess: "กรุณาเลือกรูปแบบการเชื่อมโยงบริการ (Profile access)",
    });
    expect(errorsOf(step2Form, { profileAccess: "saml" })).toHaveProperty("profileAccess");
  });

  it("needs only an https landing page URL for mToken", () => {
    const r = validateForm(step2Form, { profileAccess: "mtoken", landingUrl: " https://www.sample.com " });
    expect(r).toEqual({ ok: true, data: { profileAccess: "mtoken", landingUrl: "https://www.sample.com" } });
    expect(errorsOf(step2Form, { profileAccess: "mtoken" })).toEqual({ landingUrl: "กรุณากรอกLanding Page URL" });
    expect(errorsOf(step2Form, { profileAccess: "mtoken", landingUrl: "http://www.sample.com" })).toEqual({
      landingUrl: "http://www.sample.com ต้องขึ้นต้นด้วย https://",
    });
    expect(errorsOf(step2Form, { profileAccess: "mtoken", landingUrl: "www.sample.com" })).toEqual({
      landingUrl: "www.sample.com ไม่ใช่ URL ที่ถูกต้อง (เช่น https://service.go.th/)",
    });
    // A single-label host is no public address (the same rule as step 4's URLs).
    expect(errorsOf(step2Form, { profileAccess: "mtoken", landingUrl: "https://localhost/" })).toEqual({
      landingUrl: "https://localhost/ ไม่ใช่ URL ที่ถูกต้อง (เช่น https://service.go.th/)",
    });
  });

  it("accepts OIDC URLs on the domain or any subdomain of it", () => {
    const r = validateForm(step2Form, {
      ...oidc,
      landingUrl: "https://www.service.go.th/home",
      loginCallbacks: ["https://service.go.th/cb", "https://auth.app.service.go.th:8443/cb"],
    });
    expect(r.ok).toBe(true);
    if (!r.ok || r.data.profileAccess !== "oidc") throw new Error("expected OIDC data");
    expect(r.data.loginCallbacks).toEqual(["https://service.go.th/cb", "https://auth.app.service.go.th:8443/cb"]);
  });

  it("takes callback URLs one per line as well as one per input", () => {
    const r = validateForm(step2Form, {
      ...oidc,
      loginCallbacks: "https://service.go.th/a\r\n\nhttps://service.go.th/b\n",
      logoutCallbacks: "https://service.go.th/out",
    });
    expect(r.ok && r.data.profileAccess === "oidc" && r.data.loginCallbacks).toEqual([
      "https://service.go.th/a",
      "https://service.go.th/b",
    ]);
  });

  it("rejects a callback on another site, naming it, on that callback's path", () => {
    expect(
      errorsOf(step2Form, { ...oidc, loginCallbacks: ["https://service.go.th/cb", "https://evil.com/cb"] }),
    ).toEqual({ "loginCallbacks.1": "https://evil.com/cb ไม่อยู่ในโดเมน service.go.th" });
  });

  it("is not fooled by a lookalike host that only starts with the domain or ends with its name", () => {
    expect(errorsOf(step2Form, { ...oidc, logoutCallbacks: ["https://service.go.th.evil.com/out"] })).toEqual({
      "logoutCallbacks.0": "https://service.go.th.evil.com/out ไม่อยู่ในโดเมน service.go.th",
    });
    expect(errorsOf(step2Form, { ...oidc, landingUrl: "https://evilservice.go.th/" })).toEqual({
      landingUrl: "https://evilservice.go.th/ ไม่อยู่ในโดเมน service.go.th",
    });
    expect(errorsOf(step2Form, { ...oidc, landingUrl: "https://service.go.th@evil.com/" })).toEqual({
      landingUrl: "https://service.go.th@evil.com/ ต้องไม่มีชื่อผู้ใช้หรือรหัสผ่านใน URL",
    });
    expect(isUrlInDomain("https://go.th/", "service.go.th")).toBe(false);
  });

  it("rejects a plain http callback even on the right domain", () => {
    expect(errorsOf(step2Form, { ...oidc, loginCallbacks: ["http://service.go.th/cb"] })).toEqual({
      "loginCallbacks.0": "http://service.go.th/cb ต้องขึ้นต้นด้วย https://",
    });
  });

  it("needs 1 to 10 URLs in each callback list", () => {
    expect(errorsOf(step2Form, { ...oidc, loginCallbacks: undefined, logoutCallbacks: "" })).toEqual({
      loginCallbacks: "กรุณาเพิ่ม Callback URL อย่างน้อย 1 รายการ",
      logoutCallbacks: "กรุณาเพิ่ม Logout Callback URL อย่างน้อย 1 รายการ",
    });
    const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://service.go.th/cb${i}`);
    expect(validateForm(step2Form, { ...oidc, loginCallbacks: urls(10) }).ok).toBe(true);
    expect(errorsOf(step2Form, { ...oidc, loginCallbacks: urls(11) })).toEqual({
      loginCallbacks: "เพิ่ม Callback URL ได้ไม่เกิน 10 รายการ",
    });
  });

  it("rejects the same callback twice", () => {
    expect(
      errorsOf(step2Form, { ...oidc, loginCallbacks: ["https://service.go.th/cb", "https://service.go.th/cb"] }),
    ).toEqual({ "loginCallbacks.1": "https://service.go.th/cb ซ้ำกับรายการก่อนหน้า" });
  });

  it("wants the domain as a bare host name and lower-cases it", () => {
    const r = validateForm(step2Form, { ...oidc, domain: " Service.GO.th " });
    expect(r.ok && r.data.profileAccess === "oidc" && r.data.domain).toBe("service.go.th");
    expect(errorsOf(step2Form, { ...oidc, domain: "https://service.go.th" })).toEqual({
      domain: "กรุณากรอกเฉพาะชื่อโดเมน ไม่ต้องมี https:// (เช่น service.go.th)",
    });
    for (const bad of ["service.go.th/app", "service", "service..go.th", "-service.go.th", "10.0.0.1", "a b.go.th"]) {
      expect(errorsOf(step2Form, { ...oidc, domain: bad }), bad).toEqual({
        domain: "Domain ไม่ถูกต้อง (เช่น service.go.th)",
      });
    }
    expect(errorsOf(step2Form, { ...oidc, domain: "" })).toEqual({ domain: "กรุณากรอกDomain" });
  });

  it("reports each URL's own problem without waiting for a valid domain", () => {
    expect(errorsOf(step2Form, { ...oidc, domain: "", loginCallbacks: ["http://service.go.th/cb"] })).toEqual({
      domain: "กรุณากรอกDomain",
      "loginCallbacks.0": "http://service.go.th/cb ต้องขึ้นต้นด้วย https://",
    });
  });

  it("checks the callbacks' domain even while another field is empty", () => {
    expect(errorsOf(step2Form, { ...oidc, landingUrl: "", loginCallbacks: ["https://evil.com/cb"] })).toEqual({
      landingUrl: "กรุณากรอกLanding Page URL",
      "loginCallbacks.0": "https://evil.com/cb ไม่อยู่ในโดเมน service.go.th",
    });
  });

  it("has a Thai label for every field", () => {
    expect(Object.keys(STEP2_LABELS).sort()).toEqual(
      ["domain", "landingUrl", "loginCallbacks", "logoutCallbacks", "profileAccess"].sort(),
    );
  });
});

describe("testers", () => {
  const tester = {
    fullName: "สมหญิง ใจดี",
    organisation: "กรมพัฒนาสังคมและสวัสดิการ",
    email: "somying@dsdw.go.th",
    phone: "081-234-5678",
    nationalId: "1-1017-00230-36-8",
    os: "ios",
  };

  it("accepts a complete tester and keeps the ID as 13 digits", () => {
    const r = validateForm(testerForm, tester);
    expect(r.ok && r.data).toEqual({ ...tester, phone: "0812345678", nationalId: "1101700230368" });
  });

  it("asks for every field in Thai", () => {
    expect(errorsOf(testerForm, {})).toEqual({
      fullName: "กรุณากรอกชื่อ – นามสกุล",
      organisation: "กรุณากรอกหน่วยงาน",
      email: "กรุณากรอกอีเมล",
      phone: "กรุณากรอกเบอร์โทรศัพท์",
      nationalId: "กรุณากรอกเลขประจำตัวประชาชน",
      os: "กรุณาเลือกระบบปฏิบัติการ (iOS หรือ Android)",
    });
  });

  it("rejects a national ID whose check digit is wrong, like the manual's 1111111111111 placeholder", () => {
    const message = "เลขประจำตัวประชาชนไม่ถูกต้อง (ต้องเป็นตัวเลข 13 หลักและเลขตรวจสอบถูกต้อง)";
    expect(errorsOf(testerForm, { ...tester, nationalId: "1101700230366" })).toEqual({ nationalId: message });
    expect(errorsOf(testerForm, { ...tester, nationalId: "1111111111111" })).toEqual({ nationalId: message });
  });

  it("checks the e-mail and phone number and offers only iOS and Android", () => {
    expect(errorsOf(testerForm, { ...tester, email: "admin@", phone: "12345", os: "windows" })).toEqual({
      email: "รูปแบบอีเมลไม่ถูกต้อง (เช่น name@agency.go.th)",
      phone: "เบอร์โทรศัพท์ไม่ถูกต้อง (เช่น 081-234-5678 หรือ 02-123-4567)",
      os: "กรุณาเลือกระบบปฏิบัติการ (iOS หรือ Android)",
    });
    expect(validateForm(testerForm, { ...tester, os: "android" }).ok).toBe(true);
  });

  it("needs at least one tester, with a message for the step's summary", () => {
    expect(MIN_TESTERS).toBe(1);
    expect(TESTERS_REQUIRED).toBe("กรุณาเพิ่มผู้ทดสอบอย่างน้อย 1 คน");
  });

  it("has a Thai label for every field", () => {
    expect(Object.keys(TESTER_LABELS).sort()).toEqual(Object.keys(tester).sort());
  });
});
