/**
 * Every action says what happened, with JavaScript and without: the notice in the
 * live region at the top of the next page. A host of its own (fresh demo seed),
 * so the reviews and uploads here do not move the shared demo data.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import { DEMO_ACCOUNTS } from "../../src/db/seed";
import { startNodeHost, type NodeHost } from "../../src/node";
import { launchChromium } from "./browser";

const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
const MODES = [
  { js: true, name: "with JavaScript" },
  { js: false, name: "without JavaScript" },
] as const;

let browser: Browser;
let host: NodeHost;
let dir: string;
let xlsxPath: string;
let pdfPath: string;
let pngAsPdfPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tidtam-e2e-confirm-"));
  host = await startNodeHost({
    env: {
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(dir, "confirm.db")}`,
      FILES_DIR: join(dir, "files"),
      SESSION_SECRET: "e2e-secret-0123456789abcdef0123456789",
      DATA_ENCRYPTION_KEY: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    },
    scheduler: false,
    log: () => {},
  });
  browser = await launchChromium();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Minimum Testcase");
  ws.addRow(["กรณีทดสอบ", "ผลการทดสอบ"]);
  ws.addRow(["เข้าสู่ระบบ", "ผ่าน"]);
  xlsxPath = join(dir, "ผลทดสอบ.xlsx");
  writeFileSync(xlsxPath, new Uint8Array(await wb.xlsx.writeBuffer()));
  pdfPath = join(dir, "แบบ ก.พ.ว. 1.pdf");
  writeFileSync(pdfPath, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  // A PNG signature under a .pdf name: refused by its bytes.
  pngAsPdfPath = join(dir, "รูปถ่าย.pdf");
  writeFileSync(pngAsPdfPath, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

async function signIn(role: string, js: boolean): Promise<Page> {
  const context = await browser.newContext({ locale: "th-TH", javaScriptEnabled: js });
  const page = await context.newPage();
  await page.goto(`${host.url}/login`);
  await page.locator("#f-username").fill(account(role).username);
  await page.locator("#f-password").fill(account(role).password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click()]);
  return page;
}

/** The notice of the page after the action (htmx navigates by HX-Redirect, so wait for it). */
async function notice(page: Page): Promise<string> {
  await page.waitForLoadState();
  const flash = page.locator("#flash-region .flash");
  await flash.waitFor({ timeout: 15_000 });
  return (await flash.textContent())!.trim();
}

const requestUrls: Record<string, string> = {};

describe("a university submits a request", () => {
  for (const [i, mode] of MODES.entries()) {
    it(`is told its ticket number (${mode.name})`, async () => {
      const page = await signIn("university", mode.js);
      const citizen = DEMO_CITIZENS[i]!;
      await page.goto(`${host.url}/university/requests/new`);
      await page.locator("#f-applicantPid").fill(citizen.pid);
      await page.locator("#f-applicantTitle").fill(citizen.title);
      await page.locator("#f-applicantFirstName").fill(citizen.givenName);
      await page.locator("#f-applicantLastName").fill(citizen.familyName);
      await page.locator("#f-position").selectOption("associate_professor");
      await page.locator("#f-fieldTh").fill("วิศวกรรมคอมพิวเตอร์");
      await page.locator("#f-fieldEn").fill("Computer Engineering");
      await page.locator("#f-coordinatorName").fill("สมใจ ประสานดี");
      await page.locator("#f-coordinatorPhone").fill("0812345678");
      await page.locator("#f-coordinatorEmail").fill("somjai@example.ac.th");
      await Promise.all([page.waitForURL(/\/check$/), page.getByRole("button", { name: "บันทึกและตรวจสอบข้อมูล" }).click()]);
      await Promise.all([page.waitForURL(/\/requests\/[\w-]+$/), page.getByRole("button", { name: "ยืนยันและยื่นคำขอ" }).click()]);
      expect(await notice(page)).toMatch(/^ยื่นคำขอเรียบร้อยแล้ว เลขที่ 25\d\d-\d{5}-\d{4}$/);
      requestUrls[mode.name] = page.url();
      await page.context().close();
    });
  }
});

describe("a document upload", () => {
  for (const mode of MODES) {
    it(`refuses a wrong file beside the field and in the focused summary, then names the one it took (${mode.name})`, async () => {
      const page = await signIn("university", mode.js);
      await page.goto(requestUrls[mode.name]!);
      await page.locator("#f-document").setInputFiles(pngAsPdfPath);
      await page.getByRole("button", { name: "อัปโหลด", exact: true }).click();
      await page.waitForLoadState();
      const summaryLink = page.locator(".error-summary a[href='#f-document']");
      await summaryLink.waitFor();
      expect(await summaryLink.textContent()).toContain("ไฟล์นี้ไม่ใช่ PDF");
      expect(await page.locator("#f-document-error").textContent()).toContain("ไฟล์นี้ไม่ใช่ PDF");
      // Focus starts at the summary (autofocus), the top of the page, not 1,300 px down.
      expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
      await page.locator("#f-document").setInputFiles(pdfPath);
      await page.getByRole("button", { name: "อัปโหลด", exact: true }).click();
      expect(await notice(page)).toBe("อัปโหลดเอกสาร แบบ ก.พ.ว. 1.pdf แล้ว");
      await page.context().close();
    });
  }
});

describe("an officer records an action", () => {
  for (const mode of MODES) {
    it(`is told which action was recorded (${mode.name})`, async () => {
      const page = await signIn("officer", mode.js);
      await page.goto(requestUrls[mode.name]!);
      await page.getByLabel("รับเรื่อง", { exact: true }).check();
      await page.getByLabel("หมายเลขรับเอกสาร (เมื่อรับเรื่อง)").fill("1548");
      await page.getByRole("button", { name: "บันทึกการดำเนินการ" }).click();
      expect(await notice(page)).toBe("บันทึกการดำเนินการ 'รับเรื่อง' แล้ว");
      await page.context().close();
    });
  }
});

describe("an agency uploads and deletes a test attempt", () => {
  const step3 = () => `${host.url}/eservices/es-exporter-id/steps/3`;
  for (const mode of MODES) {
    it(`is told of the upload and asked before the delete (${mode.name})`, async () => {
      const page = await signIn("agency", mode.js);
      await page.goto(step3());
      await page.locator("#f-testfile").setInputFiles(xlsxPath);
      await page.locator("#f-details").fill("ทดสอบครบตาม Minimum Testcase");
      await page.getByRole("button", { name: "เพิ่มผลการทดสอบ" }).click();
      expect(await notice(page)).toBe("อัปโหลดผลการทดสอบ ผลทดสอบ.xlsx แล้ว");
      const remove = page.getByRole("link", { name: /^ลบ ผลการทดสอบครั้งที่/ }).first();
      if (mode.js) {
        // htmx asks with the browser's dialog, in Thai.
        const asked = page.waitForEvent("dialog").then(async (d) => {
          const text = d.message();
          await d.accept();
          return text;
        });
        await remove.click();
        expect(await asked).toMatch(/^ต้องการลบผลการทดสอบครั้งที่ \d+ใช่หรือไม่/);
      } else {
        await remove.click();
        await page.waitForURL(/\/delete$/);
        expect(await page.locator("h1").textContent()).toBe("ยืนยันการลบ");
        await page.getByRole("button", { name: "ยืนยันการลบ" }).click();
      }
      // With htmx the page changes only when HX-Redirect's navigation lands: wait for the new notice.
      await expect.poll(() => page.locator("#flash-region .flash").textContent(), { timeout: 15_000 }).toBe("ลบผลการทดสอบแล้ว");
      await page.context().close();
    });
  }

  it("is told the step went for review (without JavaScript)", async () => {
    const page = await signIn("agency", false);
    await page.goto(step3());
    await page.locator("#f-testfile").setInputFiles(xlsxPath);
    await page.locator("#f-details").fill("ทดสอบครบตาม Minimum Testcase");
    await page.getByRole("button", { name: "เพิ่มผลการทดสอบ" }).click();
    await page.waitForLoadState();
    await page.getByRole("button", { name: "ยืนยันส่งผลการทดสอบ" }).click();
    expect(await notice(page)).toBe("ส่งขั้นตอนที่ 3 ให้เจ้าหน้าที่ตรวจสอบแล้ว");
    await page.context().close();
  });
});

describe("an officer reviews an e-service step", () => {
  const cases = [
    { ...MODES[0], service: "es-trade-fair", step: 2 },
    { ...MODES[1], service: "es-exporter-id", step: 3 },
  ];
  for (const c of cases) {
    it(`is told the review was sent (${c.name})`, async () => {
      const page = await signIn("officer", c.js);
      await page.goto(`${host.url}/eservices/${c.service}/steps/${c.step}`);
      await page.getByRole("button", { name: "อนุมัติ" }).click();
      await page.waitForURL(/\/officer\/reviews$/);
      expect(await notice(page)).toBe(`ส่งผลการตรวจสอบขั้นตอนที่ ${c.step} แล้ว`);
      await page.context().close();
    });
  }
});
