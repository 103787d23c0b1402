import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eserviceSteps, notifications, outboxMail } from "../../src/db/schema";
import type { MailTransport } from "../../src/platform/ports";
import { deliverDueMail, REDACTED_BODY } from "../../src/services/mail";
import { Browser, createTestApp, createUser, type TestApp } from "./helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
});
afterEach(() => t.close());

/** Officer creates an agency, a user and an e-service; returns the temporary credentials from the mail. */
async function setUpAgency(officer: Browser, name = "กรมทดสอบ", email = "staff@dept.go.th") {
  await officer.get("/officer/agencies");
  const created = await officer.post("/officer/agencies", { nameTh: name, nameEn: "Test Department", ministry: "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม" });
  expect(created.status).toBe(303);
  const agencyPath = created.location!;
  const agencyId = agencyPath.split("/").pop()!;
  await officer.get(agencyPath);
  expect((await officer.post(`${agencyPath}/users`, { displayName: "วิไล ดิจิทัล", email })).status).toBe(303);
  expect((await officer.post(`${agencyPath}/eservices`, { name: `ขอใบอนุญาต (${name})` })).status).toBe(303);
  const [mail] = await t.db.select().from(outboxMail).where(eq(outboxMail.to, email));
  const username = /ชื่อผู้ใช้ชั่วคราว: (\S+)/.exec(mail!.text)![1]!;
  const password = /รหัสผ่านชั่วคราว: (\S+)/.exec(mail!.text)![1]!;
  const page = await officer.get(agencyPath);
  const serviceId = /\/eservices\/([\w-]+)/.exec(page.text)![1]!;
  return { agencyId, username, password, serviceId };
}

async function firstLogin(username: string, password: string, newUsername: string) {
  const b = new Browser(t);
  const res = await b.login(username, password);
  expect(res.location).toBe("/account/setup");
  await b.get("/account/setup");
  const done = await b.post("/account/setup", { username: newUsername, password: "Secure2026pw", confirmPassword: "Secure2026pw" });
  expect(done.status).toBe(303);
  return b;
}

const validStep1 = {
  category: "บริการที่อยู่ระหว่างการพัฒนา",
  shortDescription: "บริการขอใบอนุญาตออนไลน์ ยื่นคำขอและติดตามผลได้ในที่เดียว",
  fullDescription: "ระบบขอใบอนุญาตประกอบกิจการผ่านแอปพลิเคชันทางรัฐ",
  launchDate: "2027-06-01",
  wantsPersonalData: "yes",
  personalData: "pid",
  identityLevel: "id_card",
  wantsNotification: "no",
  tasks: "ยื่นคำขอใบอนุญาต",
  hasIcon: "no",
};

describe("agency accounts", () => {
  it("mails temporary credentials, forces a new username and password first, and then lets the user in", async () => {
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    const { username, password } = await setUpAgency(officer);

    const b = new Browser(t);
    const login = await b.login(username, password);
    expect(login.location).toBe("/account/setup");
    // Nothing else is reachable until the setup is done.
    expect((await b.get("/agency")).location).toBe("/account/setup");
    const setup = await b.get("/account/setup");
    expect(setup.text).toContain("ตั้งค่าบัญชีครั้งแรก");
    expect(setup.text).toContain("มีตัวอักษรพิมพ์ใหญ่ (A-Z)");

    const checklist = await b.post("/account/setup/checklist", { password: "abcDEF12" }, { headers: { "hx-request": "true" } });
    expect(checklist.text.match(/rule-ok/g)).toHaveLength(4);

    const bad = await b.post("/account/setup", { username: "ชื่อไทย", password: "short", confirmPassword: "other" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("ใช้ได้เฉพาะ a-z, A-Z, 0-9, _ และ . เท่านั้น");
    expect(bad.text).toContain("รหัสผ่านทั้งสองช่องไม่ตรงกัน");

    const taken = await b.post("/account/setup", { username: "OFFICER", password: "Secure2026pw", confirmPassword: "Secure2026pw" });
    expect(taken.status).toBe(422);
    expect(taken.text).toContain("ชื่อผู้ใช้นี้มีผู้ใช้แล้ว");

    const ok = await b.post("/account/setup", { username: "wilai.d", password: "Secure2026pw", confirmPassword: "Secure2026pw" });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe("/agency");
    expect((await b.get("/agency")).text).toContain("งานบริการทั้งหมด");

    expect((await new Browser(t).login(username, password)).status).toBe(401);
    expect((await new Browser(t).login("wilai.d", "Secure2026pw")).location).toBe("/agency");
  });

  it("refuses a temporary password older than 7 days with a Thai message", async () => {
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    const { username, password } = await setUpAgency(officer);
    t.clock.advance(7 * 86_400_000 + 1000);
    const res = await new Browser(t).login(username, password);
    expect(res.status).toBe(401);
    expect(res.text).toContain("รหัสผ่านชั่วคราวหมดอายุแล้ว");
  });

  it("wipes the temporary password from the outbox once the mail is sent", async () => {
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    await setUpAgency(officer);
    const sent: string[] = [];
    const transport: MailTransport = { name: "test", send: async (m) => void sent.push(m.text) };
    await deliverDueMail({ db: t.db, mail: transport, mailFrom: "x@y" }, t.clock.now());
    expect(sent[0]).toContain("รหัสผ่านชั่วคราว:");
    const [row] = await t.db.select().from(outboxMail);
    expect(row!.text).toBe(REDACTED_BODY);
  });
});

describe("step 1 with officer review", () => {
  it("keeps a draft, shows Thai errors with values kept, submits, is returned with a comment, resubmitted and approved", async () => {
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    const { username, password, serviceId } = await setUpAgency(officer);
    const agency = await firstLogin(username, password, "wilai.d");
    const base = `/eservices/${serviceId}/steps/1`;

    await agency.get(base);
    expect((await agency.post(base, { shortDescription: "ร่างแรก", intent: "draft" })).location).toBe(`${base}?saved=1`);
    const again = await (await signInAgain()).get(base);
    expect(again.text).toContain("ร่างแรก");

    const tooLong = "ที่".repeat(141);
    const invalid = await agency.post(base, { ...validStep1, shortDescription: tooLong, launchDate: "2030-01-01", intent: "check" });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain("(ตอนนี้ 141)");
    expect(invalid.text).toContain("กำหนดการเปิดใช้งานต้องไม่เกินวันที่");
    expect(invalid.text).toContain("ระบบขอใบอนุญาตประกอบกิจการ");

    const check = await agency.post(base, { ...validStep1, shortDescription: "ที่".repeat(140), intent: "check" });
    expect(check.location).toBe(`${base}/check`);
    const checkPage = await agency.get(`${base}/check`);
    expect(checkPage.text).toContain("รายชื่องานบริการทั้งหมด 1 รายการ");
    expect((await agency.post(`${base}/submit`, {})).status).toBe(303);
    const locked = await agency.get(base);
    expect(locked.text).toContain("อยู่ระหว่างการตรวจสอบ");
    expect(locked.text).toContain("เราจะส่งอีเมลแจ้งให้ทราบเมื่อการตรวจสอบเสร็จสิ้น");
    // Submitted answers are locked: another save is refused and changes nothing.
    expect((await agency.post(base, { shortDescription: "แก้ไขแอบ", intent: "draft" })).status).toBe(409);

    const queue = await officer.get("/officer/reviews");
    expect(queue.text).toContain(serviceId);
    await officer.get(base);
    const emptyReturn = await officer.post(`${base}/review`, { decision: "return" });
    expect(emptyReturn.status).toBe(422);
    await officer.post(`${base}/review`, { decision: "return", "comment.shortDescription": "กรุณาเขียนให้สั้นและชัดเจนกว่านี้" });

    const returned = await agency.get(base);
    expect(returned.text).toContain("ส่งกลับแก้ไข");
    expect(returned.text).toContain("กรุณาเขียนให้สั้นและชัดเจนกว่านี้");
    await agency.post(base, { ...validStep1, intent: "check" });
    expect((await agency.post(`${base}/submit`, {})).status).toBe(303);

    await officer.get(base);
    await officer.post(`${base}/review`, { decision: "approve" });
    const steps = await t.db.select().from(eserviceSteps).where(eq(eserviceSteps.eserviceId, serviceId));
    expect(steps.sort((a, b) => a.stepNo - b.stepNo).map((s) => s.state)).toEqual(["done", "in_progress", "locked", "locked", "locked", "locked", "locked"]);

    const notes = (await t.db.select().from(notifications)).map((n) => n.text);
    expect(notes.some((n) => n.includes("ถูกส่งกลับแก้ไข"))).toBe(true);
    expect(notes.some((n) => n.includes("ผ่านการตรวจสอบแล้ว ขั้นตอนถัดไป: พัฒนาและติดตั้ง UAT"))).toBe(true);
    const mails = await t.db.select().from(outboxMail).where(eq(outboxMail.to, "staff@dept.go.th"));
    expect(mails.length).toBeGreaterThanOrEqual(4);

    const dashboard = await agency.get("/agency");
    expect(dashboard.text).toContain("ผ่านการตรวจสอบแล้ว");
  });

  it("keeps agency B away from agency A's service, its files and its steps", async () => {
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    const a = await setUpAgency(officer, "กรมเอ", "a@a.go.th");
    const b = await setUpAgency(officer, "กรมบี", "b@b.go.th");
    const agencyB = await firstLogin(b.username, b.password, "bee.user");
    expect((await agencyB.get(`/eservices/${a.serviceId}`)).status).toBe(404);
    expect((await agencyB.get(`/eservices/${a.serviceId}/steps/1`)).status).toBe(404);
    expect((await agencyB.post(`/eservices/${a.serviceId}/steps/1`, { ...validStep1, intent: "draft" })).status).toBe(404);
    expect((await agencyB.get("/agency/eservices")).text).not.toContain(a.serviceId);
    expect((await agencyB.post(`/eservices/${a.serviceId}/steps/1/review`, { decision: "approve" })).status).toBe(403);
    const [step] = await t.db.select().from(eserviceSteps).where(eq(eserviceSteps.eserviceId, a.serviceId));
    expect(step!.answers).toBeNull();
  });
});

/** The same user signing in again later (a second session), to show the draft survived. */
async function signInAgain() {
  const again = new Browser(t);
  expect((await again.login("wilai.d", "Secure2026pw")).location).toBe("/agency");
  return again;
}
