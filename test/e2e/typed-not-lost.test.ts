/**
 * Nothing typed is lost, in Chromium: autosaved drafts of step 1, a step-4 part and
 * the university's request form survive leaving the page; when the timeout warning
 * runs out, what was not saved yet comes back after signing in again (the page's
 * clock is faked for that); and a form posted after the session expired comes
 * back filled after signing in again. The host's clock is ours, so the session
 * expires by moving it past the idle limit.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eservices, eserviceSteps } from "../../src/db/schema";
import { DEMO_ACCOUNTS } from "../../src/db/seed";
import { DEMO_AGENCY_ID } from "../../src/db/seed-onboarding";
import { startNodeHost, type NodeHost } from "../../src/node";
import { SESSION_IDLE_MS } from "../../src/services/session";
import { launchChromium } from "./browser";

const agencyAccount = DEMO_ACCOUNTS.find((a) => a.role === "agency")!;
const universityAccount = DEMO_ACCOUNTS.find((a) => a.role === "university")!;
let now = new Date("2026-11-23T03:00:00Z");
let browser: Browser;
let host: NodeHost;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "tidtam-e2e-typed-"));
  host = await startNodeHost({
    env: {
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(dir, "typed.db")}`,
      FILES_DIR: join(dir, "files"),
      SESSION_SECRET: "e2e-secret-0123456789abcdef0123456789",
      DATA_ENCRYPTION_KEY: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    },
    clock: { now: () => new Date(now) },
    scheduler: false,
    log: () => {},
  });
  const { db } = host.deps;
  for (const [id, open] of [["typed-1", 1], ["typed-4", 4]] as const) {
    await db.insert(eservices).values({ id, agencyId: DEMO_AGENCY_ID, name: `บริการ ${id}`, createdAt: now, updatedAt: now });
    await db.insert(eserviceSteps).values(
      [1, 2, 3, 4, 5, 6, 7].map((n) => ({ eserviceId: id, stepNo: n, state: n < open ? ("done" as const) : n === open ? ("in_progress" as const) : ("locked" as const), updatedAt: now })),
    );
  }
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

async function signIn(page: Page, next?: string, account = agencyAccount) {
  await page.goto(`${host.url}/login${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  await page.locator("#f-username").fill(account.username);
  await page.locator("#f-password").fill(account.password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click()]);
}

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext({ locale: "th-TH" })).newPage();
  // The leave warning would keep the page where it is; these journeys leave on purpose.
  page.on("dialog", (d) => void d.accept());
  return page;
}

describe("typed input is not lost", () => {
  it("autosaves step 1 while typing, and the text is there after leaving and coming back", async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${host.url}/eservices/typed-1/steps/1`);
    await page.locator("#f-fullDescription").fill("รายละเอียดที่พิมพ์ไว้ระหว่างประชุม");
    await expect.poll(() => page.locator("#autosave-status").textContent(), { timeout: 10_000 }).toContain("บันทึกร่างแล้ว เวลา 10:00");
    await page.goto(`${host.url}/agency`);
    await page.goto(`${host.url}/eservices/typed-1/steps/1`);
    expect(await page.locator("#f-fullDescription").inputValue()).toBe("รายละเอียดที่พิมพ์ไว้ระหว่างประชุม");
    await page.context().close();
  });

  it("autosaves a step-4 part the same way", async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${host.url}/eservices/typed-4/steps/4/parts/2`);
    await page.locator('[name="description"]').fill("คำอธิบายบริการที่ยังไม่เสร็จ");
    await expect.poll(() => page.locator("#autosave-status").textContent(), { timeout: 10_000 }).toContain("บันทึกร่างแล้ว");
    await page.goto(`${host.url}/eservices/typed-4/steps/4`);
    await page.goto(`${host.url}/eservices/typed-4/steps/4/parts/2`);
    expect(await page.locator('[name="description"]').inputValue()).toBe("คำอธิบายบริการที่ยังไม่เสร็จ");
    await page.context().close();
  });

  it("autosaves the university's request form, and the text is there after leaving and coming back", async () => {
    const page = await newPage();
    await signIn(page, undefined, universityAccount);
    await page.goto(`${host.url}/university/requests/new`);
    await page.locator("#f-fieldTh").fill("วิศวกรรมนิวเคลียร์ที่พิมพ์ค้างไว้");
    await expect.poll(() => page.locator("#autosave-status").textContent(), { timeout: 10_000 }).toContain("บันทึกร่างแล้ว เวลา");
    // The new form's page is now its draft's: leaving and coming back finds it.
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/university\/requests\/[^/]+\/edit$/);
    const draft = new URL(page.url()).pathname;
    await page.goto(`${host.url}/university`);
    await page.goto(`${host.url}${draft}`);
    expect(await page.locator("#f-fieldTh").inputValue()).toBe("วิศวกรรมนิวเคลียร์ที่พิมพ์ค้างไว้");
    await page.context().close();
  });

  it("signs out when the timeout warning runs out, keeping what was not saved yet for after signing in", async () => {
    const page = await newPage();
    await page.clock.install();
    await signIn(page, undefined, universityAccount);
    await page.goto(`${host.url}/university/requests/new`);
    await page.locator("#f-fieldEn").fill("Nuclear Engineering");
    // Half an e-mail address: the autosave keeps the rest, this stays unsaved on the page.
    await page.locator("#f-coordinatorEmail").fill("jane@");
    await page.clock.runFor(2_500);
    await expect.poll(() => page.locator("#autosave-status").textContent(), { timeout: 10_000 }).toContain("ยกเว้นช่องที่ยังไม่ถูกต้อง");
    const form = new URL(page.url()).pathname;
    // Nobody answers the warning: the countdown runs out.
    await page.clock.runFor(SESSION_IDLE_MS);
    await page.waitForURL((url) => url.pathname === "/signed-out");
    await page.getByRole("heading", { name: "ออกจากระบบแล้วเนื่องจากไม่มีการใช้งาน" }).waitFor();
    await page.getByText("ข้อมูลที่ท่านกรอกไว้และยังไม่ได้บันทึกถูกเก็บไว้ชั่วคราวแล้ว").waitFor();
    await page.getByRole("link", { name: "เข้าสู่ระบบอีกครั้ง" }).click();
    await page.locator("#f-username").fill(universityAccount.username);
    await page.locator("#f-password").fill(universityAccount.password);
    await Promise.all([page.waitForURL((url) => url.pathname === form), page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click()]);
    await page.getByText("กู้คืนข้อมูลที่ท่านกรอกไว้แล้ว กรุณาตรวจสอบและกดบันทึก").waitFor();
    expect(await page.locator("#f-coordinatorEmail").inputValue()).toBe("jane@");
    expect(await page.locator("#f-fieldEn").inputValue()).toBe("Nuclear Engineering");
    await page.context().close();
  });

  it("parks a form posted after the session expired and gives it back after signing in", async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${host.url}/eservices/typed-1/steps/1`);
    // The session expires while the form is open (before the autosave could run).
    now = new Date(now.getTime() + SESSION_IDLE_MS + 60_000);
    await page.locator("#f-shortDescription").fill("ข้อความก่อนหมดเวลา");
    await page.getByRole("button", { name: "บันทึกร่าง" }).click();
    await page.getByText("ข้อมูลที่ท่านกรอกไว้ถูกเก็บไว้ชั่วคราวแล้ว").waitFor();
    await page.getByRole("link", { name: "เข้าสู่ระบบ" }).last().click();
    await page.locator("#f-username").fill(agencyAccount.username);
    await page.locator("#f-password").fill(agencyAccount.password);
    await Promise.all([page.waitForURL(/\/eservices\/typed-1\/steps\/1/), page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click()]);
    await page.getByText("กู้คืนข้อมูลที่ท่านกรอกไว้แล้ว กรุณาตรวจสอบและกดบันทึก").waitFor();
    expect(await page.locator("#f-shortDescription").inputValue()).toBe("ข้อความก่อนหมดเวลา");
    await page.context().close();
  });
});
