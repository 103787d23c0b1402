/**
 * @module
 * Part 2 of step 4 (รายละเอียดของบริการ).
 */
import { describe, expect, it } from "vitest";
import { IDENTITY_LEVELS_STEP4, JURISTIC_DATA, part2Form, PART2_NOTES, TARGET_USERS } from "./part2-service";
import { dataOf, errorsOf, issueCount, oidc, validPart2 } from "./test-fixtures";

describe("part 2: รายละเอียดของบริการ", () => {
  it("accepts a complete submission and drops what the answers do not ask for", () => {
    const data = dataOf(part2Form, {
      ...validPart2,
      personalData: ["pid"], // wantsPersonalData = no
      juristicData: ["juristic_id"], // targetUsers = citizen
      domain: "service.navy.mi.th", // mToken
      loginCallbacks: "https://service.navy.mi.th/callback",
    });
    expect(data).toEqual({
      targetUsers: "citizen",
      launchDate: "2026-09-01",
      serviceName: "ขอรับเงินสงเคราะห์",
      description: "ยื่นคำขอรับเงินสงเคราะห์ผ่านแอปพลิเคชันทางรัฐ",
      accessUrl: "https://service.navy.mi.th/welfare",
      accessDetails: null,
      wantsPersonalData: "no",
      identityLevel: "none",
      deviceAccess: [],
      canDownload: "no",
      wantsNotification: "yes",
      smartTracking: "no",
      profileAccess: "mtoken",
      landingUrl: "https://service.navy.mi.th/mtoken",
    });
  });

  it("reports every missing answer of an empty form at once", () => {
    expect(errorsOf(part2Form, {})).toEqual({
      launchDate: "กรุณาเลือกวันที่ต้องการเปิดให้บริการจริง (ประมาณการ)",
      serviceName: "กรุณากรอกชื่อบริการ",
      description: "กรุณากรอกรายละเอียดของบริการ",
      accessUrl: "กรุณากรอก URL ในการเข้าถึงงานบริการ",
      identityLevel: "กรุณาเลือกระดับการยืนยันตัวตนของผู้ใช้บริการ",
      canDownload: "กรุณาเลือกว่างานบริการมีฟีเจอร์ดาวน์โหลดหรือบันทึกเอกสาร รูปภาพลงเครื่องหรือไม่",
      wantsNotification: "กรุณาเลือกว่างานบริการต้องการใช้งานฟีเจอร์แจ้งเตือนหรือไม่",
      smartTracking: "กรุณาเลือกว่างานบริการต้องการใช้งานฟีเจอร์ Smart Tracking หรือไม่",
      targetUsers: "กรุณาเลือกกลุ่มเป้าหมายผู้ใช้บริการ",
      wantsPersonalData: "กรุณาเลือกว่างานบริการต้องการเข้าถึงข้อมูลส่วนบุคคลหรือไม่",
      profileAccess: "กรุณาเลือกรูปแบบการเชื่อมโยงบริการ (Profile access)",
    });
  });

  it("asks for juristic data only when juristic persons are among the users", () => {
    expect(Object.values(TARGET_USERS)).toEqual(["บุคคลธรรมดา", "นิติบุคคล", "บุคคลธรรมดาและนิติบุคคล"]);
    expect(JURISTIC_DATA).toEqual({ juristic_id: "เลขนิติบุคคล", juristic_name: "ชื่อนิติบุคคล" });
    for (const targetUsers of ["juristic", "both"]) {
      expect(errorsOf(part2Form, { ...validPart2, targetUsers })).toEqual({
        juristicData: "กรุณาเลือกข้อมูลนิติบุคคลที่ต้องการเข้าถึงอย่างน้อย 1 รายการ",
      });
      expect(errorsOf(part2Form, { ...validPart2, targetUsers, juristicData: [""] })).toEqual({
        juristicData: "กรุณาเลือกข้อมูลนิติบุคคลที่ต้องการเข้าถึงอย่างน้อย 1 รายการ",
      });
    }
    expect(errorsOf(part2Form, { ...validPart2, targetUsers: "both", juristicData: ["juristic_tax"] })).toEqual({
      "juristicData.0": "ข้อมูลนิติบุคคลที่เลือกไม่ถูกต้อง",
    });
    const data = dataOf(part2Form, { ...validPart2, targetUsers: "both", juristicData: ["juristic_name", "juristic_id"] });
    expect(data).toMatchObject({ targetUsers: "both", juristicData: ["juristic_id", "juristic_name"] });
    expect(dataOf(part2Form, { ...validPart2, targetUsers: "juristic", juristicData: "juristic_id" })).toMatchObject({
      juristicData: ["juristic_id"],
    });
    expect(errorsOf(part2Form, { ...validPart2, targetUsers: "foreigner" })).toEqual({
      targetUsers: "กรุณาเลือกกลุ่มเป้าหมายผู้ใช้บริการ",
    });
  });

  it("asks for at least one personal data field when personal data is wanted", () => {
    expect(errorsOf(part2Form, { ...validPart2, wantsPersonalData: "yes" })).toEqual({
      personalData: "กรุณาเลือกข้อมูลส่วนบุคคลที่ต้องการเข้าถึงอย่างน้อย 1 รายการ",
    });
    expect(errorsOf(part2Form, { ...validPart2, wantsPersonalData: "yes", personalData: ["pid", "blood_type"] })).toEqual({
      "personalData.1": "ข้อมูลส่วนบุคคลที่เลือกไม่ถูกต้อง",
    });
    const data = dataOf(part2Form, { ...validPart2, wantsPersonalData: "yes", personalData: ["email", "pid", "pid"] });
    expect(data).toMatchObject({ wantsPersonalData: "yes", personalData: ["pid", "email"] });
  });

  it("offers three identity levels, including none", () => {
    expect(Object.keys(IDENTITY_LEVELS_STEP4)).toEqual(["none", "id_card", "id_card_face"]);
    for (const identityLevel of ["none", "id_card", "id_card_face"]) {
      expect(dataOf(part2Form, { ...validPart2, identityLevel }).identityLevel).toBe(identityLevel);
    }
    expect(errorsOf(part2Form, { ...validPart2, identityLevel: "face" })).toEqual({
      identityLevel: "กรุณาเลือกระดับการยืนยันตัวตนของผู้ใช้บริการ",
    });
  });

  it("takes device access from step 1's keys, saving files being its own question here", () => {
    expect(dataOf(part2Form, { ...validPart2, deviceAccess: ["microphone", "gps"] }).deviceAccess).toEqual([
      "gps",
      "microphone",
    ]);
    expect(errorsOf(part2Form, { ...validPart2, deviceAccess: ["gps", "save_files"] })).toEqual({
      "deviceAccess.1": "อุปกรณ์ที่เลือกไม่ถูกต้อง",
    });
  });

  it("asks the three yes/no feature questions and gives the manual's notes for them", () => {
    expect(
      errorsOf(part2Form, { ...validPart2, canDownload: "", wantsNotification: "true", smartTracking: undefined }),
    ).toEqual({
      canDownload: "กรุณาเลือกว่างานบริการมีฟีเจอร์ดาวน์โหลดหรือบันทึกเอกสาร รูปภาพลงเครื่องหรือไม่",
      wantsNotification: "กรุณาเลือกว่างานบริการต้องการใช้งานฟีเจอร์แจ้งเตือนหรือไม่",
      smartTracking: "กรุณาเลือกว่างานบริการต้องการใช้งานฟีเจอร์ Smart Tracking หรือไม่",
    });
    expect(PART2_NOTES.canDownload).toContain("หน่วยงานจำเป็นต้องแก้ไข Code เพื่อบันทึกข้อมูลลงเครื่อง");
    expect(PART2_NOTES.wantsNotification).toContain("Push Notification");
    expect(PART2_NOTES.wantsNotification).toContain("Personal Inbox");
  });

  it("checks the launch date and the https access URL", () => {
    expect(errorsOf(part2Form, { ...validPart2, launchDate: "2026-02-30", accessUrl: "http://service.navy.mi.th" })).toEqual({
      launchDate: "วันที่ต้องการเปิดให้บริการจริงไม่ใช่วันที่ที่ถูกต้อง",
      accessUrl: "http://service.navy.mi.th ต้องขึ้นต้นด้วย https://",
    });
    expect(errorsOf(part2Form, { ...validPart2, accessUrl: "ทางรัฐ" })).toEqual({
      accessUrl: "ทางรัฐ ไม่ใช่ URL ที่ถูกต้อง (เช่น https://service.go.th/)",
    });
    expect(dataOf(part2Form, { ...validPart2, accessDetails: " ผ่านแอปทางรัฐ และเคาน์เตอร์ ทร. " }).accessDetails).toBe(
      "ผ่านแอปทางรัฐ และเคาน์เตอร์ ทร.",
    );
  });

  it("uses step 2's profile access: mToken needs a landing page, OIDC the domain and callbacks", () => {
    expect(errorsOf(part2Form, { ...validPart2, landingUrl: "" })).toEqual({
      landingUrl: "กรุณากรอก Landing Page URL",
    });
    expect(errorsOf(part2Form, { ...validPart2, profileAccess: "oidc" })).toEqual({
      domain: "กรุณากรอก Domain",
      loginCallbacks: "กรุณาเพิ่ม Callback URL อย่างน้อย 1 รายการ",
      logoutCallbacks: "กรุณาเพิ่ม Logout Callback URL อย่างน้อย 1 รายการ",
    });
    const data = dataOf(part2Form, { ...validPart2, ...oidc });
    expect(data).toMatchObject({
      profileAccess: "oidc",
      domain: "service.navy.mi.th",
      landingUrl: "https://service.navy.mi.th/",
      loginCallbacks: ["https://service.navy.mi.th/callback"],
      logoutCallbacks: ["https://service.navy.mi.th/logout"],
    });
  });

  it("reports the part's own problems and the OIDC domain rule together", () => {
    const input = {
      ...validPart2,
      ...oidc,
      serviceName: "",
      targetUsers: "both",
      loginCallbacks: ["https://service.navy.mi.th/callback", "https://evil.example.com/callback"],
    };
    expect(errorsOf(part2Form, input)).toEqual({
      serviceName: "กรุณากรอกชื่อบริการ",
      juristicData: "กรุณาเลือกข้อมูลนิติบุคคลที่ต้องการเข้าถึงอย่างน้อย 1 รายการ",
      "loginCallbacks.1": "https://evil.example.com/callback ไม่อยู่ในโดเมน service.navy.mi.th",
    });
    expect(issueCount(part2Form, input)).toBe(3);
  });
});
