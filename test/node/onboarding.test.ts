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
    expect(invalid.text).toContain('<p class="counter over" data-count-for="f-shortDescription" aria-live="polite">141/140</p>');
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

  it("asks the launch date as day / Thai month / พ.ศ. year, keeps the other answers on a wrong date, and shows it in Thai", async () => {
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    const { username, password, serviceId } = await setUpAgency(officer);
    const agency = await firstLogin(username, password, "wilai.d");
    const base = `/eservices/${serviceId}/steps/1`;
    const { launchDate: _iso, ...rest } = validStep1;

    const form = await agency.get(base);
    expect(form.text).not.toContain('type="date"');
    expect(form.text).toContain('name="launchDate-month"');
    expect(form.text).toContain("<option value=\"2\">กุมภาพันธ์</option>");
    expect(form.text).not.toMatch(/\(20\d\d-\d\d-\d\d\)/); // the fiscal-year hint is in Thai too

    const wrong = await agency.post(base, { ...rest, "launchDate-day": "31", "launchDate-month": "2", "launchDate-year": "2570", intent: "check" });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain("ไม่มีวันที่ 31 กุมภาพันธ์ 2570 ในปฏิทิน");
    expect(wrong.text).toContain('<a href="#f-launchDate">');
    expect(wrong.text).toContain(rest.fullDescription); // the other answers are kept
    expect(wrong.text).toMatch(/name="launchDate-day"[^>]*value="31"/);
    expect(wrong.text).toMatch(/<option value="2" selected="">กุมภาพันธ์<\/option>/);

    const good = await agency.post(base, { ...rest, "launchDate-day": "1", "launchDate-month": "6", "launchDate-year": "2570", intent: "check" });
    expect(good.location).toBe(`${base}/check`);
    const step = (await t.db.select().from(eserviceSteps).where(eq(eserviceSteps.eserviceId, serviceId))).find((s) => s.stepNo === 1)!;
    expect((step.answers as Record<string, unknown>).launchDate).toBe("2027-06-01");
    const check = await agency.get(`${base}/check`);
    expect(check.text).toContain("1 มิ.ย. 2570");
    expect(check.text).not.toContain("2027-06-01");
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

/** Walks a fresh service through step 1 (submitted and approved); returns the agency browser and ids. */
async function serviceAtStep2() {
  const officer = new Browser(t);
  await officer.login("officer", "Officer#2567");
  const { username, password, serviceId } = await setUpAgency(officer);
  const agency = await firstLogin(username, password, "wilai.d");
  const s1 = `/eservices/${serviceId}/steps/1`;
  await agency.get(s1);
  await agency.post(s1, { ...validStep1, intent: "check" });
  await agency.post(`${s1}/submit`, {});
  await officer.get(s1);
  await officer.post(`${s1}/review`, { decision: "approve" });
  return { officer, agency, serviceId };
}

const tester = {
  fullName: "สมชาย ทดสอบ",
  organisation: "กรมทดสอบ",
  email: "somchai@dept.go.th",
  phone: "081-234-5678",
  nationalId: "1-1017-00230-36-8",
  os: "android",
};

async function workbook(rows: [string, string][]): Promise<File> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Minimum Testcase");
  ws.addRow(["กรณีทดสอบ", "ผลการทดสอบ"]);
  for (const r of rows) ws.addRow(r);
  const buf = await wb.xlsx.writeBuffer();
  return new File([buf as ArrayBuffer], "AF6-1 Minimum testcase (uat).xlsx", {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
}

describe("step 2: profile access and testers", () => {
  it("checks OIDC callbacks against the domain, requires a tester, and submits with one", async () => {
    const { agency, serviceId } = await serviceAtStep2();
    const s2 = `/eservices/${serviceId}/steps/2`;
    await agency.get(s2);
    const bad = await agency.post(s2, {
      profileAccess: "oidc",
      domain: "service.go.th",
      landingUrl: "https://service.go.th/",
      loginCallbacks: "https://service.go.th/cb\nhttps://evil.com/cb",
      logoutCallbacks: "https://app.service.go.th/out",
      intent: "check",
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("https://evil.com/cb ไม่อยู่ในโดเมน service.go.th");
    // The summary names the field and links to the one textarea that holds every callback.
    expect(bad.text).toContain('<a href="#f-loginCallbacks">Callback URL: https://evil.com/cb ไม่อยู่ในโดเมน service.go.th</a>');
    expect(bad.text).toContain("กรุณาเพิ่มผู้ทดสอบอย่างน้อย 1 คน");
    expect(bad.text).toContain("https://evil.com/cb"); // the typed URLs are kept

    const badTester = await agency.post(`${s2}/testers`, { ...tester, nationalId: "1-1017-00230-36-6" });
    expect(badTester.status).toBe(422);
    expect(badTester.text).toContain("เลขประจำตัวประชาชนไม่ถูกต้อง");
    const dialog = await agency.get(`${s2}/testers/new`, { "hx-request": "true" });
    expect(dialog.text.startsWith("<dialog open")).toBe(true);
    expect((await agency.post(`${s2}/testers`, tester)).status).toBe(303);
    const page = await agency.get(s2);
    expect(page.text).toContain("ข้อมูลผู้ทดสอบ (1 คน)");
    expect(page.text).toContain("1-1017-xxxxx-36-8");

    await agency.post(s2, { profileAccess: "mtoken", landingUrl: "https://service.go.th/", intent: "check" });
    const check = await agency.get(`${s2}/check`);
    expect(check.text).toContain("สมชาย ทดสอบ");
    expect((await agency.post(`${s2}/submit`, {})).status).toBe(303);
    expect((await agency.get(s2)).text).toContain("อยู่ระหว่างการตรวจสอบ");
    // Testers are locked with the step.
    expect((await agency.post(`${s2}/testers`, tester)).status).toBe(409);
  });
});

describe("step 3: UAT test results", () => {
  it("takes an xlsx, refuses a renamed .exe in Thai, allows edit and delete until reviewed, and summarises results for the officer", async () => {
    const { officer, agency, serviceId } = await serviceAtStep2();
    const s2 = `/eservices/${serviceId}/steps/2`;
    await agency.get(s2);
    await agency.post(`${s2}/testers`, tester);
    await agency.post(s2, { profileAccess: "mtoken", landingUrl: "https://service.go.th/", intent: "check" });
    await agency.post(`${s2}/submit`, {});
    await officer.get(s2);
    await officer.post(`${s2}/review`, { decision: "approve" });

    const s3 = `/eservices/${serviceId}/steps/3`;
    await agency.get(s3);
    expect((await agency.post(`${s3}/submit`, {})).status).toBe(422);
    const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff])], "ผลทดสอบ.xlsx");
    const rejected = await agency.upload(`${s3}/attempts`, { file: exe, details: "ทดสอบครั้งแรก" });
    expect(rejected.status).toBe(422);
    expect(rejected.text).toContain("ไฟล์นี้ไม่ใช่ Excel (.xlsx)");

    const ok = await agency.upload(`${s3}/attempts`, {
      file: await workbook([["เข้าสู่ระบบ", "ผ่าน"], ["ยื่นคำขอ", "ผ่าน"], ["ชำระเงิน", "ไม่ผ่าน"]]),
      details: "ทดสอบครบตาม Minimum Testcase",
    });
    expect(ok.status).toBe(303);
    await agency.upload(`${s3}/attempts`, { file: await workbook([["เข้าสู่ระบบ", "ผ่าน"]]), details: "ครั้งที่สอง" });
    const page = await agency.get(s3);
    const [first, second] = [...new Set([...page.text.matchAll(/attempts\/([\w-]+)\/delete/g)].map((m) => m[1]!))];
    expect((await agency.post(`${s3}/attempts/${second}/delete`, {})).status).toBe(303);
    expect((await agency.post(`${s3}/attempts/${first}`, { details: "แก้รายละเอียดแล้ว" })).status).toBe(303);
    expect((await agency.post(`${s3}/submit`, {})).status).toBe(303);

    const review = await officer.get(s3);
    expect(review.text).toContain("แก้รายละเอียดแล้ว");
    expect(review.text).toContain("ผ่าน 2 · ไม่ผ่าน 1 · ทั้งหมด 3");
    const file = await officer.request(`${s3}/attempts/${first}/file`);
    expect(file.status).toBe(200);
    await officer.post(`${s3}/review`, { decision: "approve" });
    // Reviewed attempts are final.
    expect((await agency.post(`${s3}/attempts/${first}/delete`, {})).status).toBe(409);
    const steps = await t.db.select().from(eserviceSteps).where(eq(eserviceSteps.eserviceId, serviceId));
    expect(steps.find((s) => s.stepNo === 4)!.state).toBe("in_progress");
  });
});

describe("agency isolation for files, testers and test results", () => {
  it("gives agency B a 404 for every file, tester and attempt URL of agency A", async () => {
    const { officer, agency, serviceId } = await serviceAtStep2();
    const s2 = `/eservices/${serviceId}/steps/2`;
    await agency.get(s2);
    await agency.post(`${s2}/testers`, tester);
    const testerId = /testers\/([\w-]+)\/edit/.exec((await agency.get(s2)).text)![1]!;
    const iconPng = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);

    const b = await setUpAgency(officer, "กรมบี", "b@b.go.th");
    const agencyB = await firstLogin(b.username, b.password, "bee.user");
    await agencyB.get("/agency");
    expect((await agencyB.get(`${s2}/testers/${testerId}/edit`)).status).toBe(404);
    expect((await agencyB.post(`${s2}/testers/${testerId}`, { ...tester, fullName: "แก้โดย B" })).status).toBe(404);
    expect((await agencyB.post(`${s2}/testers/${testerId}/delete`, {})).status).toBe(404);
    expect((await agencyB.upload(`/eservices/${serviceId}/icon`, { file: new File([iconPng], "i.png") })).status).toBe(404);
    expect((await agencyB.get(`/eservices/${serviceId}/files/anything`)).status).toBe(404);
    expect((await agencyB.get(`/eservices/${serviceId}/steps/3/attempts/anything/file`)).status).toBe(404);
    const page = await agency.get(s2);
    expect(page.text).toContain("สมชาย ทดสอบ");
    expect(page.text).not.toContain("แก้โดย B");
  });
});
