import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import { DEMO_ACCOUNTS } from "../../src/db/seed";
import { startNodeHost } from "../../src/node";
import { launchChromium } from "./browser";

const baseUrl = inject("baseUrl");
const citizen = DEMO_CITIZENS[2]!;
const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
const BUDDHIST_DATE = /\d{1,2} [ก-๙.]+ 25\d\d เวลา \d{1,2}:\d\d/;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function staff(role: "university" | "officer"): Promise<Page> {
  const context = await browser.newContext({ locale: "th-TH" });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("ชื่อผู้ใช้").fill(account(role).username);
  await page.getByLabel("รหัสผ่าน").fill(account(role).password);
  await page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click();
  await page.waitForURL(/\/(university|officer)$/);
  return page;
}

/** At the ThaiD simulator: one click as the citizen. */
async function signInAtThaid(page: Page) {
  await page.getByRole("button", { name: `เข้าสู่ระบบเป็น ${citizen.title}${citizen.givenName} ${citizen.familyName}` }).click();
}

async function queueNo(page: Page): Promise<string> {
  return (await page.locator("dt:text-is('คิวที่') + dd").textContent())!.trim();
}

async function act(page: Page, action: string, fields: Record<string, string> = {}) {
  await page.getByLabel(action, { exact: true }).check();
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label).fill(value);
  await page.getByRole("button", { name: "บันทึกการดำเนินการ" }).click();
  await page.waitForLoadState();
}

describe("the academic-position tracker in Chromium", () => {
  let requestUrl = "";
  let ticketNo = "";
  let trackingUrl = "";

  it("lets a university submit a request: draft, check your answers, submit", async () => {
    const page = await staff("university");
    await page.getByRole("link", { name: "ยื่นคำขอใหม่" }).click();
    await page.getByLabel("เลขประจำตัวประชาชนของเจ้าของผลงาน").fill(citizen.pid);
    await page.getByLabel("คำนำหน้าชื่อ").fill(citizen.title);
    await page.locator("#f-applicantFirstName").fill(citizen.givenName);
    await page.getByLabel("นามสกุล").fill(citizen.familyName);
    await page.getByLabel("ตำแหน่งที่ขอ").selectOption("associate_professor");
    await page.getByLabel("สาขาวิชา (ภาษาไทย)").fill("วิศวกรรมคอมพิวเตอร์");
    await page.getByLabel("สาขาวิชา (ภาษาอังกฤษ)").fill("Computer Engineering");
    await page.getByLabel("ชื่อผู้ประสานงาน").fill("สมใจ ประสานดี");
    await page.getByLabel("เบอร์โทรศัพท์ผู้ประสานงาน").fill("0812345678");
    await page.getByLabel("อีเมลผู้ประสานงาน").fill("not-an-email");
    await page.getByRole("button", { name: "บันทึกและตรวจสอบข้อมูล" }).click();
    await expect.poll(() => page.locator(".error-summary").textContent()).toContain("รูปแบบอีเมลไม่ถูกต้อง");
    expect(await page.getByLabel("สาขาวิชา (ภาษาไทย)").inputValue()).toBe("วิศวกรรมคอมพิวเตอร์");
    await page.getByLabel("อีเมลผู้ประสานงาน").fill("somjai@example.ac.th");
    await page.getByRole("button", { name: "บันทึกและตรวจสอบข้อมูล" }).click();
    await page.waitForURL(/\/check$/);
    expect(await page.locator(".check-list").textContent()).toContain("วิศวกรรมคอมพิวเตอร์");
    await page.getByRole("button", { name: "ยืนยันและยื่นคำขอ" }).click();
    await page.waitForURL(/\/requests\/[\w-]+$/);
    requestUrl = page.url();
    ticketNo = (await page.locator("dt:text-is('Ticket No.') + dd").textContent())!.trim();
    expect(ticketNo).toMatch(/^25\d\d-\d{5}-\d{4}$/);
    await page.context().close();
  });

  it("lets an officer receive it, ask for documents (it leaves the queue), receive them (back of the queue) and finish it", async () => {
    const page = await staff("officer");
    await page.goto(requestUrl);
    await act(page, "รับเรื่อง", { "หมายเลขรับเอกสาร (เมื่อรับเรื่อง)": "1548" });
    const firstPlace = Number(await queueNo(page));
    expect(firstPlace).toBeGreaterThan(0);
    await act(page, "ขอเอกสารเพิ่มเติม", { "หมายเหตุ (จำเป็นเมื่อขอเอกสารเพิ่มเติมหรือสิ้นสุด)": "ขาดแบบ ก.พ.ว. 1" });
    expect(await queueNo(page)).toBe("-");
    await act(page, "ได้รับเอกสารเพิ่มเติม");
    const backOfQueue = Number(await queueNo(page));
    expect(backOfQueue).toBeGreaterThanOrEqual(firstPlace);
    await page.getByRole("button", { name: "สร้างลิงก์ติดตาม" }).click();
    trackingUrl = await page.locator("#tracking-url").inputValue();
    expect(trackingUrl).toContain("/track/");
    // The document asked for arrives and is found correct: only then can the check be finished.
    const uni = await staff("university");
    await uni.goto(requestUrl);
    const pdf = join(mkdtempSync(join(tmpdir(), "tidtam-e2e-doc-")), "แบบ ก.พ.ว. 1.pdf");
    writeFileSync(pdf, "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    await uni.getByLabel("เพิ่มเอกสาร (PDF ไม่เกิน 20 MB)").setInputFiles(pdf);
    await uni.getByRole("button", { name: "อัปโหลด" }).click();
    await expect.poll(() => uni.locator(".documents").textContent()).toContain("แบบ ก.พ.ว. 1.pdf");
    await uni.context().close();
    // A fresh GET: reloading the page the tracking-link POST answered would post it again (a new link).
    await page.goto(requestUrl);
    await page.getByLabel("สถานะเอกสาร แบบ ก.พ.ว. 1.pdf").selectOption("ok");
    await page.getByRole("button", { name: "บันทึก", exact: true }).click();
    await expect.poll(() => page.locator(".documents .badge").textContent()).toBe("ถูกต้อง");
    for (const action of ["ตรวจสอบเอกสารแล้วเสร็จ", "ส่งพิจารณาผลงาน", "เสนอสภามหาวิทยาลัย/กกอ."]) await act(page, action);
    await act(page, "สิ้นสุด", { "หมายเหตุ (จำเป็นเมื่อขอเอกสารเพิ่มเติมหรือสิ้นสุด)": "อนุมัติ" });
    expect(await queueNo(page)).toBe("-");
    expect(await page.locator(".finished").textContent()).toMatch(/^สิ้นสุด \d{1,2} [ก-๙.]+ 25\d\d$/);
    await page.context().close();
  });

  it("signs the applicant in by QR from a second device; the desktop logs in by itself and shows only their requests and the full timeline", async () => {
    const desktop = await browser.newContext({ locale: "th-TH" });
    const phone: BrowserContext = await browser.newContext({ locale: "th-TH", viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await desktop.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByRole("button", { name: "สแกน QR Code ด้วยโทรศัพท์" }).click();
    await page.waitForURL(/\/login\/qr\/[\w-]+$/);
    await expect.poll(() => page.locator("svg.qr-code").count()).toBe(1);
    const matchCode = (await page.locator(".match-code strong").textContent())!;
    const qrId = new URL(page.url()).pathname.split("/").pop()!;

    const phonePage = await phone.newPage();
    await phonePage.goto(`${baseUrl}/q/${qrId}`);
    expect(await phonePage.locator(".match-code strong").textContent()).toBe(matchCode);
    await phonePage.getByRole("button", { name: "ใช่ ฉันเป็นผู้ขอ ดำเนินการต่อด้วย ThaiD" }).click();
    await signInAtThaid(phonePage);
    await expect.poll(() => phonePage.locator("main p[role=status]").textContent()).toContain("ยืนยันตัวตนเรียบร้อยแล้ว");

    // htmx polls every 2 s; the desktop moves on by itself.
    await page.waitForURL(`${baseUrl}/me`, { timeout: 10_000 });
    // Exactly theirs: the one demo request filed under this citizen, and the one just submitted.
    const tickets = (await page.locator(".ticket-link").allTextContents()).map((t) => t.replace("ดูรายละเอียด", "").trim());
    expect(tickets).toHaveLength(2);
    expect(tickets).toContain(ticketNo);
    await page.locator(".ticket-link", { hasText: ticketNo }).click();
    const timeline = await page.locator(".timeline li").allTextContents();
    // Eight status lines, plus the document's arrival and its check.
    expect(timeline.length).toBe(10);
    for (const line of timeline) expect(line).toMatch(BUDDHIST_DATE);
    expect(timeline.join("\n")).toContain("รับเรื่อง (หมายเลขรับเอกสาร: 1548)");
    expect(timeline.join("\n")).toContain("สิ้นสุด: อนุมัติ");
    expect(timeline.join("\n")).toContain("ได้รับเอกสาร แบบ ก.พ.ว. 1.pdf");
    await desktop.close();
    await phone.close();
  });

  it("takes a tracking link through sign-in and back to the same page", async () => {
    const context = await browser.newContext({ locale: "th-TH" });
    const page = await context.newPage();
    await page.goto(trackingUrl);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByRole("button", { name: "เข้าสู่ระบบด้วย ThaiD บนอุปกรณ์นี้" }).click();
    await signInAtThaid(page);
    await page.waitForURL(trackingUrl);
    expect(await page.locator("dt:text-is('Ticket No.') + dd").textContent()).toBe(ticketNo);
    await context.close();
  });

  it("shows the expired state when the QR runs out, and a new QR on request", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tidtam-e2e-qr-"));
    const host = await startNodeHost({
      env: {
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: `file:${join(dir, "qr.db")}`,
        SESSION_SECRET: "e2e-secret-0123456789abcdef0123456789",
        DATA_ENCRYPTION_KEY: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        QR_TTL_SECONDS: "5",
      },
      scheduler: false,
      log: () => {},
    });
    try {
      const context = await browser.newContext({ locale: "th-TH" });
      const page = await context.newPage();
      await page.goto(`${host.url}/login`);
      await page.getByRole("button", { name: "สแกน QR Code ด้วยโทรศัพท์" }).click();
      const first = page.url();
      await expect.poll(() => page.locator(".qr-expired").textContent(), { timeout: 15_000 }).toContain("QR Code หมดอายุแล้ว");
      await page.getByRole("button", { name: "สร้าง QR Code ใหม่" }).click();
      await page.waitForURL(/\/login\/qr\/[\w-]+$/);
      expect(page.url()).not.toBe(first);
      expect(await page.locator("svg.qr-code").count()).toBe(1);
      await context.close();
    } finally {
      await host.close();
    }
  });
});
