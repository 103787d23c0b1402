/**
 * Hostile input to every kind of form and upload: the answer is always a 4xx
 * with a Thai message or a success with the value stored as typed and shown
 * escaped — never a 500, never a change to someone else's data.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { academicRequests, agencies, eservices, eserviceSteps, universities } from "../../src/db/schema";
import { hostileFields, prng, THAI as thai } from "../support/fuzz";
import { Browser, createTestApp, createUser, type TestApp } from "./helpers";

let t: TestApp;
let uni: Browser;
let agency: Browser;
let admin: Browser;

beforeAll(async () => {
  t = await createTestApp();
  await t.db.insert(universities).values([
    { id: "uni-x", code: "00100", nameTh: "มหาวิทยาลัยเอ็กซ์", nameEn: "X University" },
    { id: "uni-y", code: "00500", nameTh: "มหาวิทยาลัยวาย", nameEn: "Y University" },
  ]);
  await t.db.insert(agencies).values({ id: "ag-1", nameTh: "กรมหนึ่ง", nameEn: "One", ministry: "กระทรวง", createdAt: t.clock.now() });
  await t.db.insert(eservices).values({ id: "svc-1", agencyId: "ag-1", name: "บริการหนึ่ง", createdAt: t.clock.now(), updatedAt: t.clock.now() });
  await t.db.insert(eserviceSteps).values([1, 2, 3, 4, 5, 6, 7].map((n) => ({ eserviceId: "svc-1", stepNo: n, state: n === 1 ? ("in_progress" as const) : ("locked" as const), updatedAt: t.clock.now() })));
  await createUser(t, { role: "university", username: "uni.x", password: "Univ#2567", orgId: "uni-x" });
  await createUser(t, { role: "agency", username: "agency", password: "Agency#2567", orgId: "ag-1" });
  await createUser(t, { role: "admin", username: "admin", password: "Admin#2567" });
  uni = new Browser(t);
  await uni.login("uni.x", "Univ#2567");
  agency = new Browser(t);
  await agency.login("agency", "Agency#2567");
  admin = new Browser(t);
  await admin.login("admin", "Admin#2567");
  // Someone else's record that no hostile request may touch.
  await t.db.insert(academicRequests).values({
    id: "other-request",
    universityId: "uni-y",
    applicantPidEnc: "x",
    applicantPidHmac: "y",
    applicantTitle: "นาง",
    applicantFirstName: "ไม่เกี่ยว",
    applicantLastName: "ข้อง",
    position: "professor",
    fieldTh: "ฟิสิกส์",
    fieldEn: "Physics",
    coordinatorName: "ก",
    coordinatorPhone: "021234567",
    coordinatorEmail: "a@b.ac.th",
    status: "submitted",
    statusSince: t.clock.now(),
    createdBy: "seed",
    createdAt: t.clock.now(),
    updatedAt: t.clock.now(),
  });
});
afterAll(() => t.close());

const FORMS: { name: string; who: () => Browser; path: string; fields: string[]; page: string }[] = [
  { name: "login", who: () => new Browser(t), path: "/login", fields: ["username", "password", "next"], page: "/login" },
  {
    name: "university request",
    who: () => uni,
    path: "/university/requests",
    fields: ["applicantPid", "applicantTitle", "applicantFirstName", "applicantLastName", "applicantEmail", "position", "fieldTh", "fieldEn", "letterNo", "coordinatorName", "coordinatorPhone", "coordinatorEmail", "intent"],
    page: "/university/requests/new",
  },
  { name: "contact text", who: () => admin, path: "/admin/contact", fields: ["text"], page: "/admin/contact" },
  {
    name: "step 1",
    who: () => agency,
    path: "/eservices/svc-1/steps/1",
    fields: ["category", "shortDescription", "fullDescription", "launchDate", "wantsPersonalData", "personalData", "identityLevel", "wantsNotification", "deviceAccess", "tasks", "hasIcon", "intent"],
    page: "/eservices/svc-1/steps/1",
  },
];

describe("hostile input", () => {
  for (const form of FORMS) {
    it(`never breaks the ${form.name} form: 4xx with a Thai message, or stored and shown escaped`, async () => {
      const rnd = prng(form.name.length * 7919);
      const b = form.who();
      const before = JSON.stringify(await t.db.select().from(academicRequests).where(eq(academicRequests.id, "other-request")));
      for (let i = 0; i < 40; i++) {
        await b.get(form.page);
        const fields = hostileFields(form.fields, rnd);
        const res = await b.post(form.path, fields);
        expect(res.status, JSON.stringify(fields)).toBeLessThan(500);
        if (res.status >= 400) expect(thai.test(res.text), `${res.status} ${JSON.stringify(fields)}`).toBe(true);
        expect(res.text).not.toContain("<script>alert(1)</script>");
        expect(res.text).not.toContain('<img src=x onerror');
      }
      expect(JSON.stringify(await t.db.select().from(academicRequests).where(eq(academicRequests.id, "other-request")))).toBe(before);
    });
  }

  it("refuses a body far over the limit with 413 before reading it all", async () => {
    await uni.get("/university/requests/new");
    const res = await uni.post("/university/requests", { applicantFirstName: "ก".repeat(400_000) });
    expect(res.status).toBe(413);
    expect(thai.test(res.text)).toBe(true);
  });

  it("refuses a zip renamed .xlsx and an image whose header lies, in Thai", async () => {
    await t.db.update(eserviceSteps).set({ state: "done" }).where(eq(eserviceSteps.stepNo, 1));
    await t.db.update(eserviceSteps).set({ state: "done" }).where(eq(eserviceSteps.stepNo, 2));
    await t.db.update(eserviceSteps).set({ state: "in_progress" }).where(eq(eserviceSteps.stepNo, 3));
    await agency.get("/eservices/svc-1/steps/3");
    // A zip with no workbook inside (a bomb would look the same to the sniffer): not an xlsx.
    const zip = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
    const bomb = await agency.upload("/eservices/svc-1/steps/3/attempts", { file: new File([zip], "bomb.xlsx"), details: "x" });
    expect(bomb.status).toBe(422);
    expect(bomb.text).toContain("ไฟล์นี้ไม่ใช่ Excel (.xlsx)");
    // PNG signature, then garbage: the step-5 icon rule reads the real header and says so.
    await t.db.update(eserviceSteps).set({ state: "in_progress" }).where(eq(eserviceSteps.stepNo, 5));
    await agency.get("/eservices/svc-1/steps/5");
    const liar = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const res = await agency.upload("/eservices/svc-1/steps/5/icon", { file: new File([liar], "icon.png") });
    expect(res.status).toBe(422);
    expect(res.text).toContain("อ่านขนาดรูปภาพไม่ได้");
  });
});
