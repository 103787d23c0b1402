import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../src/db/seed";
import { startNodeHost, type NodeHost } from "../../src/node";
import { deliverDueMail } from "../../src/services/mail";
import { parseMessage, startSmtp } from "../support/smtp";
import { launchChromium } from "./browser";

const officerAccount = DEMO_ACCOUNTS.find((a) => a.role === "officer")!;
let browser: Browser;
let host: NodeHost;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tidtam-e2e-onboarding-"));
  smtp = await startSmtp();
  host = await startNodeHost({
    env: {
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(dir, "onboarding.db")}`,
      FILES_DIR: join(dir, "files"),
      SESSION_SECRET: "e2e-secret-0123456789abcdef0123456789",
      DATA_ENCRYPTION_KEY: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    },
    scheduler: false,
    log: () => {},
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await smtp?.close();
});

/** The every-minute job's delivery, run now instead of waiting for the scheduler. */
async function deliverMail() {
  await deliverDueMail({ db: host.deps.db, mail: host.deps.mail, mailFrom: host.deps.config.mailFrom }, new Date());
}

async function signIn(username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ locale: "th-TH" });
  const page = await context.newPage();
  await page.goto(`${host.url}/login`);
  await page.locator("#f-username").fill(username);
  await page.locator("#f-password").fill(password);
  // Wait for the sign-in's own redirect (its response sets the session cookie) and
  // the next page's load; "networkidle" would only add its half second of quiet.
  await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click()]);
  return page;
}

async function review(officer: Page, serviceUrl: string, stepNo: number, decision: "อนุมัติ" | "ส่งกลับแก้ไข", comment?: [string, string]) {
  await officer.goto(`${serviceUrl}/steps/${stepNo}`);
  if (comment) await officer.locator(`#comment-${comment[0]}`).fill(comment[1]);
  await officer.getByRole("button", { name: decision }).click();
  await officer.waitForURL(/\/officer\/reviews$/);
}

async function xlsxFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Minimum Testcase");
  ws.addRow(["กรณีทดสอบ", "ผลการทดสอบ"]);
  ws.addRow(["เข้าสู่ระบบด้วย Digital ID", "ผ่าน"]);
  ws.addRow(["ยื่นคำขอ", "ผ่าน"]);
  const path = join(dir, "AF6-1 Minimum testcase (uat).xlsx");
  writeFileSync(path, new Uint8Array(await wb.xlsx.writeBuffer()));
  return path;
}

describe("e-Service onboarding in Chromium: a new agency user through steps 1–3 with officer review, one stage per test", () => {
  let officer: Page;
  let agency: Page;
  let serviceUrl = "";

  it("lets an officer set up an agency, its user and its e-service", async () => {
    // The officer sets up the agency, its user and its e-service.
    officer = await signIn(officerAccount.username, officerAccount.password);
    await officer.goto(`${host.url}/officer/agencies`);
    await officer.locator("#f-nameTh").fill("กรมการทดสอบระบบ");
    await officer.locator("#f-nameEn").fill("Department of System Testing");
    await officer.locator("#f-ministry").fill("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม");
    await officer.getByRole("button", { name: "เพิ่มหน่วยงาน" }).click();
    await officer.waitForURL(/\/officer\/agencies\/[\w-]+$/);
    await officer.locator("#f-displayName").fill("มานี ทดสอบ");
    await officer.locator("#f-email").fill("manee@testing.go.th");
    await officer.getByRole("button", { name: "สร้างบัญชีและส่งอีเมล" }).click();
    await officer.locator("#f-name").fill("ขอหนังสือรับรองการทดสอบ");
    await officer.getByRole("button", { name: "เพิ่ม e-Service" }).click();
    await officer.waitForLoadState();
  });

  it("mails the temporary credentials, and the first sign-in forces the user's own, with a live checklist", async () => {
    // The mail arrives over SMTP with the temporary credentials.
    await deliverMail();
    const mail = smtp.received.find((m) => m.to.includes("manee@testing.go.th"));
    expect(mail).toBeTruthy();
    const text = parseMessage(mail!.raw).text;
    const username = /ชื่อผู้ใช้ชั่วคราว: (\S+)/.exec(text)![1]!;
    const password = /รหัสผ่านชั่วคราว: (\S+)/.exec(text)![1]!;

    // First sign-in forces new credentials; the checklist ticks as the user types.
    agency = await signIn(username, password);
    await agency.waitForURL(/\/account\/setup$/);
    await agency.locator("#f-username").fill("manee.t");
    await agency.locator("#f-password").pressSequentially("Manee2026ok", { delay: 10 });
    await expect.poll(() => agency.locator("#pw-rules .rule-ok").count()).toBe(4);
    await agency.locator("#f-confirmPassword").fill("Manee2026ok");
    await agency.getByRole("button", { name: "ตั้งค่าและเข้าสู่ระบบ" }).click();
    await agency.waitForURL(/\/agency$/);
    expect(await agency.locator("h1").textContent()).toBe("แดชบอร์ด");
  });

  it("takes step 1 over two sessions, returned with a comment on one field, fixed and approved", async () => {
    // Step 1 over two sessions: a draft first.
    await agency.goto(`${host.url}/agency/eservices`);
    await agency.getByRole("link", { name: "ขอหนังสือรับรองการทดสอบ" }).first().click();
    await agency.waitForURL(/\/steps\/1$/);
    serviceUrl = agency.url().replace(/\/steps\/1$/, "");
    await agency.locator("#f-category").selectOption("บริการที่อยู่ระหว่างการพัฒนา");
    await agency.locator("#f-shortDescription").fill("บริการขอหนังสือรับรองผลการทดสอบระบบออนไลน์");
    await expect.poll(() => agency.locator("[data-count-for='f-shortDescription']").textContent()).toBe("37/140");
    await agency.getByRole("button", { name: "บันทึกร่าง" }).click();
    await agency.waitForURL(/saved=1/);
    await agency.context().close();

    agency = await signIn("manee.t", "Manee2026ok");
    await agency.goto(`${serviceUrl}/steps/1`);
    expect(await agency.locator("#f-shortDescription").inputValue()).toBe("บริการขอหนังสือรับรองผลการทดสอบระบบออนไลน์");
    await agency.locator("#f-fullDescription").fill("ระบบให้บริการออกหนังสือรับรองผลการทดสอบระบบผ่านแอปพลิเคชันทางรัฐ");
    await agency.locator("#f-launchDate").fill("1");
    await agency.locator("#f-launchDate-month").selectOption("6");
    await agency.locator("#f-launchDate-year").fill("2570");
    await agency.getByLabel("ต้องการ", { exact: true }).first().check();
    await agency.getByLabel("เลขประจำตัวประชาชน").check();
    await agency.getByLabel("ยืนยันตัวตนด้วยบัตรประชาชน", { exact: true }).check();
    await agency.locator("input[name=wantsNotification][value=no]").check();
    await agency.locator("#f-tasks-0").fill("ยื่นคำขอหนังสือรับรอง");
    await agency.getByRole("button", { name: "ตรวจสอบข้อมูล" }).click();
    await agency.waitForURL(/\/steps\/1\/check$/);
    expect(await agency.locator("h3").first().textContent()).toBe("รายชื่องานบริการทั้งหมด 1 รายการ");
    await agency.getByRole("button", { name: "ยืนยัน" }).click();
    await expect.poll(() => agency.locator(".review-notice").textContent()).toContain("อยู่ระหว่างการตรวจสอบ");

    // The officer returns it with a comment on one field; the agency fixes it.
    await review(officer, serviceUrl, 1, "ส่งกลับแก้ไข", ["shortDescription", "กรุณาระบุว่าใช้กับหน่วยงานใด"]);
    await agency.goto(`${serviceUrl}/steps/1`);
    expect(await agency.locator(".officer-comment").first().textContent()).toContain("กรุณาระบุว่าใช้กับหน่วยงานใด");
    await agency.locator("#f-shortDescription").fill("บริการขอหนังสือรับรองผลการทดสอบระบบออนไลน์ ของกรมการทดสอบระบบ");
    await agency.getByRole("button", { name: "ตรวจสอบข้อมูล" }).click();
    await agency.getByRole("button", { name: "ยืนยัน" }).click();
    await review(officer, serviceUrl, 1, "อนุมัติ");
  });

  it("takes step 2 with mToken and a tester added in the dialog", async () => {
    // Step 2: mToken and one tester added in the dialog.
    await agency.goto(`${serviceUrl}/steps/2`);
    await agency.locator("input[name=profileAccess][value=mtoken]").check();
    await agency.locator("#f-landingUrl").fill("https://cert.testing.go.th/");
    await agency.getByRole("button", { name: "บันทึกร่าง" }).click();
    await agency.waitForURL(/saved=1/);
    await agency.getByRole("link", { name: "+ เพิ่มผู้ทดสอบ" }).click();
    await expect.poll(() => agency.locator("dialog[open]").count()).toBe(1);
    const dialog = agency.locator("dialog[open]");
    await dialog.locator("#f-fullName").fill("สมชาย ทดสอบ");
    await dialog.locator("#f-organisation").fill("กรมการทดสอบระบบ");
    await dialog.locator("#f-email").fill("somchai@testing.go.th");
    await dialog.locator("#f-phone").fill("0812345678");
    await dialog.locator("#f-nationalId").fill("1101700230368");
    await dialog.getByLabel("Android").check();
    await dialog.getByRole("button", { name: "บันทึกผู้ทดสอบ" }).click();
    await expect.poll(() => agency.locator("#testers-heading").textContent()).toContain("(1 คน)");
    await agency.getByRole("button", { name: "ตรวจสอบข้อมูล" }).click();
    await agency.waitForURL(/\/steps\/2\/check$/);
    await agency.getByRole("button", { name: "ยืนยัน" }).click();
    await review(officer, serviceUrl, 2, "อนุมัติ");
  });

  it("takes step 3's workbook after refusing a renamed .exe in Thai", async () => {
    // Step 3: a renamed .exe is refused in Thai; the real workbook is accepted.
    await agency.goto(`${serviceUrl}/steps/3`);
    const fake = join(dir, "results.xlsx");
    writeFileSync(fake, new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]));
    await agency.locator("#f-testfile").setInputFiles(fake);
    await agency.locator("#f-details").fill("ทดสอบตาม Minimum Testcase");
    await agency.getByRole("button", { name: "เพิ่มผลการทดสอบ" }).click();
    await expect.poll(() => agency.locator("#f-testfile-error").textContent()).toContain("ไฟล์นี้ไม่ใช่ Excel (.xlsx)");
    await agency.locator("#f-testfile").setInputFiles(await xlsxFile());
    await agency.locator("#f-details").fill("ทดสอบตาม Minimum Testcase ครบทุกข้อ");
    await agency.getByRole("button", { name: "เพิ่มผลการทดสอบ" }).click();
    await expect.poll(() => agency.locator("#attempts-heading + table tbody tr").count()).toBe(1);
    await agency.getByRole("button", { name: "ยืนยันส่งผลการทดสอบ" }).click();
    await review(officer, serviceUrl, 3, "อนุมัติ");

    await agency.goto(`${host.url}/agency`);
    await agency.goto(`${serviceUrl}/steps/4`);
    expect(await agency.locator(".step-current .step-state").textContent()).toBe("กำลังดำเนินการ");
  });

  it("mailed every review to the agency", async () => {
    // Every review reached the agency by mail.
    await deliverMail();
    expect(smtp.received.filter((m) => m.to.includes("manee@testing.go.th")).length).toBeGreaterThanOrEqual(8);
  });
});
