import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, eserviceFiles, eservices, eserviceSteps } from "../../src/db/schema";
import { DEMO_ACCOUNTS } from "../../src/db/seed";
import { DEMO_AGENCY_ID } from "../../src/db/seed-onboarding";
import { startNodeHost, type NodeHost } from "../../src/node";
import { launchChromium } from "./browser";

const KEYBOARD_ANSWERS: Record<string, string | string[]> = {
  agencyNameTh: "กองทัพเรือ", agencyNameEn: "Royal Thai Navy", agencyAbbrTh: "ทร.", agencyAbbrEn: "RTN",
  parentTh: "กระทรวงกลาโหม", parentEn: "Ministry of Defence", addrNo: "2", subdistrict: "ศิริราช", district: "บางกอกน้อย",
  province: "กรุงเทพมหานคร", postcode: "10700", agencyType: "central", assigneeName: "สมชาย ใจดี", assigneePid: "1101700230368",
  assigneeDivision: "กองเทคโนโลยีสารสนเทศ", assigneePosition: "นักวิชาการคอมพิวเตอร์", assigneeOfficePhone: "02-123-4567",
  assigneeMobile: "081-234-5678", assigneeEmail: "somchai@navy.mi.th", adminSame: "yes", contactChannel: "callcenter",
  callcenterPhone: "1111", callcenterEmail: "callcenter@navy.mi.th", targetUsers: "citizen", launchDate: "2027-09-01",
  serviceName: "บริการทดสอบแป้นพิมพ์", description: "ทดสอบการใช้งานด้วยแป้นพิมพ์", accessUrl: "https://kb.navy.mi.th/",
  wantsPersonalData: "no", identityLevel: "none", canDownload: "no", wantsNotification: "no", smartTracking: "no",
  profileAccess: "mtoken", landingUrl: "https://kb.navy.mi.th/mtoken",
};

const agencyAccount = DEMO_ACCOUNTS.find((a) => a.role === "agency")!;
const officerAccount = DEMO_ACCOUNTS.find((a) => a.role === "officer")!;
// Monday 23 Nov 2026, 10:00 in Bangkok: before the noon cutoff.
let now = new Date("2026-11-23T03:00:00Z");
let browser: Browser;
let host: NodeHost;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tidtam-e2e-part2-"));
  host = await startNodeHost({
    env: {
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(dir, "part2.db")}`,
      FILES_DIR: join(dir, "files"),
      SESSION_SECRET: "e2e-secret-0123456789abcdef0123456789",
      DATA_ENCRYPTION_KEY: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    },
    clock: { now: () => new Date(now) },
    scheduler: false,
    log: () => {},
  });
  const { db } = host.deps;
  await db.insert(eservices).values({ id: "e2e-svc", agencyId: DEMO_AGENCY_ID, name: "ขอรับเงินสงเคราะห์", createdAt: now, updatedAt: now });
  await db.insert(eserviceSteps).values(
    [1, 2, 3, 4, 5, 6, 7].map((n) => ({ eserviceId: "e2e-svc", stepNo: n, state: n < 4 ? ("done" as const) : n === 4 ? ("in_progress" as const) : ("locked" as const), updatedAt: now })),
  );
  // A second service at step 4 with parts 1 and 2 answered, for the keyboard-only test.
  await db.insert(eservices).values({ id: "kb-svc", agencyId: DEMO_AGENCY_ID, name: "บริการทดสอบแป้นพิมพ์", createdAt: now, updatedAt: now });
  await db.insert(eserviceSteps).values(
    [1, 2, 3, 4, 5, 6, 7].map((n) => ({
      eserviceId: "kb-svc",
      stepNo: n,
      state: n < 4 ? ("done" as const) : n === 4 ? ("in_progress" as const) : ("locked" as const),
      answers: n === 4 ? KEYBOARD_ANSWERS : null,
      updatedAt: now,
    })),
  );
  await db.insert(eserviceFiles).values({ id: "kb-letter", eserviceId: "kb-svc", stepNo: 4, kind: "auth_letter", fileKey: "kb-letter-key", fileName: "letter.pdf", contentType: "application/pdf", size: 10, createdAt: now });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

async function signIn(account: { username: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext({ locale: "th-TH" })).newPage();
  await page.goto(`${host.url}/login`);
  await page.locator("#f-username").fill(account.username);
  await page.locator("#f-password").fill(account.password);
  // Wait for the sign-in's own redirect (its response sets the session cookie) and
  // the next page's load; "networkidle" would only add its half second of quiet.
  await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click()]);
  return page;
}

/** Text inputs by name, radios as `name=value`. */
async function fill(page: Page, fields: Record<string, string>) {
  for (const [name, value] of Object.entries(fields)) {
    const radio = page.locator(`input[type=radio][name="${name}"][value="${value}"]`);
    if (await radio.count()) await radio.check();
    else if ((await page.locator(`select[name="${name}"]`).count()) > 0) await page.locator(`select[name="${name}"]`).selectOption(value);
    else await page.locator(`[name="${name}"]`).fill(value);
  }
}

async function approve(officer: Page, step: number) {
  await officer.goto(`${host.url}/eservices/e2e-svc/steps/${step}`);
  await officer.getByRole("button", { name: "อนุมัติ" }).click();
  await officer.waitForURL(/\/officer\/reviews$/);
}

function png(path: string, size: number) {
  const b = new Uint8Array(64);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, size);
  new DataView(b.buffer).setUint32(20, size);
  writeFileSync(path, b);
  return path;
}

describe("e-Service onboarding part 2 in Chromium: step 4 to the Tuesday launch, one step per test", () => {
  let agency: Page;
  let officer: Page;
  const base = () => `${host.url}/eservices/e2e-svc/steps`;

  beforeAll(async () => {
    agency = await signIn(agencyAccount);
    officer = await signIn(officerAccount);
  });

  it("fills step 4's three parts, with an error on each, keeps drafts across leaving, and is approved", async () => {
    // Part 1 with a wrong postcode and no letter yet.
    await agency.goto(`${base()}/4`);
    await agency.getByRole("link", { name: "กรอกแบบฟอร์ม (3 ส่วน)" }).click();
    await fill(agency, {
      agencyNameTh: "กองทัพเรือ",
      agencyNameEn: "Royal Thai Navy",
      agencyAbbrTh: "ทร.",
      agencyAbbrEn: "RTN",
      parentTh: "กระทรวงกลาโหม",
      parentEn: "Ministry of Defence",
      addrNo: "2",
      subdistrict: "ศิริราช",
      district: "บางกอกน้อย",
      province: "กรุงเทพมหานคร",
      postcode: "107",
      agencyType: "central",
      assigneeName: "สมชาย ใจดี",
      assigneePid: "1101700230368",
      assigneeDivision: "กองเทคโนโลยีสารสนเทศ",
      assigneePosition: "นักวิชาการคอมพิวเตอร์",
      assigneeOfficePhone: "02-123-4567",
      assigneeMobile: "081-234-5678",
      assigneeEmail: "somchai@navy.mi.th",
      adminSame: "yes",
    });
    await agency.locator('input[name="contactChannel"][value="callcenter"]').check();
    await expect.poll(() => agency.locator('[name="callcenterPhone"]').count()).toBe(1); // htmx showed the group
    await fill(agency, { callcenterPhone: "1111", callcenterEmail: "callcenter@navy.mi.th" });
    await agency.getByRole("button", { name: "ถัดไป" }).click();
    await expect.poll(() => agency.locator(".error-summary").textContent()).toContain("กรุณาอัปโหลดหนังสือมอบหมาย");
    expect(await agency.locator('[name="postcode"]').inputValue()).toBe("107");
    const letter = join(dir, "letter.pdf");
    writeFileSync(letter, "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF");
    await agency.locator("#f-authLetterFile").setInputFiles(letter);
    await agency.getByRole("button", { name: "อัปโหลด" }).click();
    await agency.waitForURL(/parts\/1$/);
    await agency.locator('[name="postcode"]').fill("10700");
    await agency.getByRole("button", { name: "ถัดไป" }).click();
    await agency.waitForURL(/parts\/2$/);

    // Part 2 with an http URL; save a draft, leave, come back.
    await fill(agency, {
      targetUsers: "citizen",
      "launchDate-day": "1",
      "launchDate-month": "9",
      "launchDate-year": "2570",
      description: "ยื่นคำขอรับเงินสงเคราะห์ผ่านแอปพลิเคชันทางรัฐ",
      accessUrl: "http://service.navy.mi.th/welfare",
      wantsPersonalData: "no",
      identityLevel: "none",
      canDownload: "no",
      wantsNotification: "yes",
      smartTracking: "no",
      profileAccess: "mtoken",
    });
    await expect.poll(() => agency.locator('[name="landingUrl"]').count()).toBe(1);
    await fill(agency, { landingUrl: "https://service.navy.mi.th/mtoken" });
    await agency.getByRole("button", { name: "ถัดไป" }).click();
    await expect.poll(() => agency.locator(".error-summary").count()).toBe(1);
    await agency.getByRole("button", { name: "บันทึกร่าง" }).click();
    await agency.waitForURL(/saved=1/);
    await agency.goto(`${host.url}/agency`);
    await agency.goto(`${base()}/4/parts/2`);
    expect(await agency.locator('[name="accessUrl"]').inputValue()).toBe("http://service.navy.mi.th/welfare");
    await agency.locator('[name="accessUrl"]').fill("https://service.navy.mi.th/welfare");
    await agency.getByRole("button", { name: "ถัดไป" }).click();
    await agency.waitForURL(/parts\/3$/);

    // Part 3 with one consent missing.
    await agency.locator('[name="consentDataAccess"]').check();
    await agency.locator('[name="consentAccuracy"]').check();
    await agency.getByRole("button", { name: "ตรวจสอบข้อมูล" }).click();
    await expect.poll(() => agency.locator(".error-summary").textContent()).toContain("กรุณากด ตกลง");
    await agency.locator('[name="consentTerms"]').check();
    await agency.getByRole("button", { name: "ตรวจสอบข้อมูล" }).click();
    await agency.waitForURL(/\/4\/check$/);
    await agency.getByRole("button", { name: "ยืนยันการส่งข้อมูล" }).click();
    await approve(officer, 4);
  });

  it("issues the key once, checks the icon by its pixels, and takes step 5 with a screenshot and a tester", async () => {
    // Step 5: the key once; the icon by its pixels; a screenshot; profile access; a tester.
    await agency.goto(`${base()}/5`);
    await agency.getByRole("button", { name: /ออกและแสดง App Id/ }).click();
    const key = await agency.locator("#consumer-key").inputValue();
    expect(key).toMatch(/^ck_/);
    await agency.goto(`${base()}/5`);
    expect(await agency.content()).not.toContain(key);
    await agency.locator("#f-icon5").setInputFiles(png(join(dir, "small.png"), 100));
    await agency.getByRole("button", { name: "อัปโหลดไอคอน" }).click();
    await expect.poll(() => agency.locator("#f-icon5-error").textContent()).toContain("อย่างน้อย 120×120");
    await agency.locator("#f-icon5").setInputFiles(png(join(dir, "icon.png"), 120));
    await agency.getByRole("button", { name: "อัปโหลดไอคอน" }).click();
    await agency.locator("#f-shot").setInputFiles(png(join(dir, "screen.png"), 400));
    await agency.getByRole("button", { name: "เพิ่มภาพหน้าจอ", exact: true }).click();
    await agency.locator('input[name="profileAccess"][value="mtoken"]').check();
    await agency.locator("#f-landingUrl").fill("https://preprod.navy.mi.th/");
    await agency.getByRole("button", { name: "บันทึกร่าง" }).click();
    await agency.goto(`${base()}/5/testers/new`);
    await fill(agency, { fullName: "สมชาย ทดสอบ", organisation: "กองทัพเรือ", email: "tester@navy.mi.th", phone: "0812345678", nationalId: "1101700230368", os: "ios" });
    await agency.getByRole("button", { name: "บันทึกผู้ทดสอบ" }).click();
    await agency.getByRole("button", { name: "ตรวจสอบข้อมูล" }).click();
    await agency.waitForURL(/\/5\/check$/);
    await agency.getByRole("button", { name: "ยืนยัน" }).click();
    await approve(officer, 5);
  });

  it("takes step 6's pre-production test workbook", async () => {
    // Step 6: the pre-production test workbook.
    await agency.goto(`${base()}/6`);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Testcase").addRow(["กรณีทดสอบ", "ผลการทดสอบ"]);
    const xlsx = join(dir, "preprod.xlsx");
    writeFileSync(xlsx, new Uint8Array(await wb.xlsx.writeBuffer()));
    await agency.locator("#f-testfile").setInputFiles(xlsx);
    await agency.locator("#f-details").fill("ทดสอบบน Pre-Production ครบแล้ว");
    await agency.getByRole("button", { name: "เพิ่มผลการทดสอบ" }).click();
    await agency.getByRole("button", { name: "ยืนยันส่งผลการทดสอบ" }).click();
    await approve(officer, 6);
  });

  it("confirms a go-live date once, final for the agency, and an officer approves step 7", async () => {
    // Step 7: the batch shows as the date changes; confirm once.
    await agency.goto(`${base()}/7`);
    await agency.locator("#f-requestedDate").fill("24");
    await agency.locator("#f-requestedDate-month").selectOption("11");
    await agency.locator("#f-requestedDate-year").fill("2569");
    await agency.locator("#f-requestedDate-year").dispatchEvent("change");
    await expect.poll(() => agency.locator("#batch-preview").textContent()).toContain("24 พ.ย. 2569");
    await agency.getByRole("button", { name: "ยืนยันวันเปิดให้บริการ" }).click();
    await expect.poll(() => agency.locator(".confirm-box").textContent()).toContain("เมื่อยืนยันแล้วจะไม่สามารถแก้ไขได้");
    await agency.getByRole("button", { name: "ยืนยัน", exact: true }).click();
    await expect.poll(() => agency.locator(".flash h4").textContent()).toBe("ยืนยันวันเปิดให้บริการแล้ว");
    // The agency's date is final for it; an officer approves step 7 so the batch job may launch it.
    expect(await agency.locator("main").textContent()).toContain("รอเจ้าหน้าที่ตรวจสอบ แล้วจึงเปิดให้บริการตามรอบ");
    await approve(officer, 7);
  });

  it("launches it at the Tuesday batch exactly once and lists it as launched", async () => {
    // The batch job through the Node host's scheduler, with the clock at Tuesday 00:05 in Bangkok.
    now = new Date("2026-11-23T17:05:00Z");
    await host.runScheduled("5 17 * * 1");
    await host.runScheduled("5 17 * * 1");
    const [svc] = await host.deps.db.select().from(eservices).where(eq(eservices.id, "e2e-svc"));
    expect(svc!.launchedAt?.toISOString()).toBe("2026-11-23T17:05:00.000Z");
    const launches = await host.deps.db.select().from(auditEvents).where(and(eq(auditEvents.action, "eservice.launched"), eq(auditEvents.subjectId, "e2e-svc")));
    expect(launches).toHaveLength(1);
    const fresh = await signIn(agencyAccount);
    await fresh.goto(`${host.url}/agency/launched`);
    expect(await fresh.locator("main").textContent()).toContain("ขอรับเงินสงเคราะห์");
  });
});

describe("the step-4 form by keyboard alone", () => {
  it("can be filled and submitted with Tab, Space and Enter", async () => {
    const page = await signIn(agencyAccount);
    await page.goto(`${host.url}/eservices/kb-svc/steps/4/parts/3`);
    /** Presses Tab until the element matching `selector` has focus (fails after 60 presses). */
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 60; i++) {
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
        await page.keyboard.press("Tab");
      }
      throw new Error(`could not reach ${selector} with Tab`);
    };
    for (const name of ["consentDataAccess", "consentAccuracy", "consentTerms"]) {
      await tabTo(`input[name="${name}"]`);
      await page.keyboard.press("Space");
    }
    await tabTo('button[value="next"]');
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/steps\/4\/check$/);
    await tabTo('form[action$="/submit"] button');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("ยืนยันการส่งข้อมูล");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/steps\/4$/);
    const [step] = await host.deps.db.select().from(eserviceSteps).where(and(eq(eserviceSteps.eserviceId, "kb-svc"), eq(eserviceSteps.stepNo, 4)));
    expect(step!.state).toBe("in_review");
  });
});
