/**
 * @module
 * Part 2 prefilled from steps 1 and 2.
 */
import { describe, expect, it } from "vitest";
import { PERSONAL_DATA_KEYS } from "../credentials";
import { part2Form } from "./part2-service";
import { prefillFromEarlierSteps } from "./prefill";
import { dataOf } from "./test-fixtures";

describe("prefillFromEarlierSteps", () => {
  const step1 = {
    category: "สวัสดิการและความช่วยเหลือ",
    shortDescription: "ขอรับเงินสงเคราะห์",
    fullDescription: "ยื่นคำขอรับเงินสงเคราะห์ผ่านแอปพลิเคชันทางรัฐ",
    hasIcon: "yes",
    launchDate: "2026-09-01",
    wantsPersonalData: "yes",
    personalData: ["email", "pid", "unknown"],
    identityLevel: "id_card_face",
    wantsNotification: "yes",
    deviceAccess: ["camera", "save_files"],
    tasks: ["ขอรับเงินสงเคราะห์"],
  };
  const step2 = {
    profileAccess: "oidc",
    domain: "service.navy.mi.th",
    landingUrl: "https://service.navy.mi.th/",
    loginCallbacks: "https://service.navy.mi.th/callback\r\nhttps://service.navy.mi.th/callback2\n",
    logoutCallbacks: ["https://service.navy.mi.th/logout", ""],
  };

  it("maps the overlapping answers onto part 2's field names", () => {
    expect(prefillFromEarlierSteps(step1, step2, " ทดสอบงานบริการกองทัพเรือ ")).toEqual({
      launchDate: "2026-09-01",
      serviceName: "ทดสอบงานบริการกองทัพเรือ",
      description: "ยื่นคำขอรับเงินสงเคราะห์ผ่านแอปพลิเคชันทางรัฐ",
      wantsPersonalData: "yes",
      personalData: ["pid", "email"],
      identityLevel: "id_card_face",
      deviceAccess: ["camera"],
      canDownload: "yes",
      wantsNotification: "yes",
      profileAccess: "oidc",
      landingUrl: "https://service.navy.mi.th/",
      domain: "service.navy.mi.th",
      loginCallbacks: ["https://service.navy.mi.th/callback", "https://service.navy.mi.th/callback2"],
      logoutCallbacks: ["https://service.navy.mi.th/logout"],
    });
  });

  it("leaves out what is unknown, invalid or belongs to a branch not taken", () => {
    expect(prefillFromEarlierSteps(null, undefined)).toEqual({});
    expect(
      prefillFromEarlierSteps(
        { wantsPersonalData: "no", personalData: ["pid"], identityLevel: "none", launchDate: "01/09/2569", deviceAccess: "gps" },
        { profileAccess: "mtoken", landingUrl: "https://a.go.th/", domain: "a.go.th", loginCallbacks: ["https://a.go.th/cb"] },
        "",
      ),
    ).toEqual({
      wantsPersonalData: "no",
      deviceAccess: ["gps"],
      profileAccess: "mtoken",
      landingUrl: "https://a.go.th/",
    });
  });

  it("gives answers part 2 accepts once the rest is filled in", () => {
    const prefill = prefillFromEarlierSteps(step1, step2, "ทดสอบงานบริการกองทัพเรือ");
    const data = dataOf(part2Form, {
      ...prefill,
      targetUsers: "citizen",
      accessUrl: "https://service.navy.mi.th/",
      smartTracking: "no",
    });
    expect(data).toMatchObject({ personalData: ["pid", "email"], identityLevel: "id_card_face", canDownload: "yes" });
    expect(PERSONAL_DATA_KEYS).toContain("pid");
  });
});
