import { describe, expect, it } from "vitest";
import { validateForm } from "../forms";
import { isUrlInDomain, MIN_TESTERS, STEP2_LABELS, step2Form, TESTER_LABELS, testerForm, TESTERS_REQUIRED } from "./uat";

/** Errors by path, or {} when the input is valid. */
function errorsOf(schema: Parameters<typeof validateForm>[0], input: Record<string, unknown>) {
  const r = validateForm(schema, input);
  return r.ok ? {} : r.errors;
}

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
    expect(errorsOf(step2Form, { profileAccess: "mtoken" })).toEqual({ landingUrl: "กรุณากรอก Landing Page URL" });
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
    expect(errorsOf(step2Form, { ...oidc, domain: "" })).toEqual({ domain: "กรุณากรอก Domain" });
  });

  it("reports each URL's own problem without waiting for a valid domain", () => {
    expect(errorsOf(step2Form, { ...oidc, domain: "", loginCallbacks: ["http://service.go.th/cb"] })).toEqual({
      domain: "กรุณากรอก Domain",
      "loginCallbacks.0": "http://service.go.th/cb ต้องขึ้นต้นด้วย https://",
    });
  });

  it("checks the callbacks' domain even while another field is empty", () => {
    expect(errorsOf(step2Form, { ...oidc, landingUrl: "", loginCallbacks: ["https://evil.com/cb"] })).toEqual({
      landingUrl: "กรุณากรอก Landing Page URL",
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
