import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../src/db/seed";
import { launchChromium } from "./browser";

const baseUrl = inject("baseUrl");
const officer = DEMO_ACCOUNTS.find((a) => a.role === "officer")!;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("a demo officer in Chromium", () => {
  it("signs in, lands on the officer home, and signs out", async () => {
    const context = await browser.newContext({ locale: "th-TH", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/officer`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await expect.poll(() => page.evaluate(() => typeof (window as { htmx?: unknown }).htmx)).toBe("object");

    await page.getByLabel("ชื่อผู้ใช้").fill(officer.username);
    await page.getByLabel("รหัสผ่าน").fill("not-the-password");
    await page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click();
    await expect.poll(() => page.locator(".error-summary").textContent()).toContain("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");

    await page.getByLabel("รหัสผ่าน").fill(officer.password);
    await page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click();
    await page.waitForURL(`${baseUrl}/officer`);
    await expect.poll(() => page.locator("h1").textContent()).toContain("งานของเจ้าหน้าที่");
    expect(await page.locator(".user-name").textContent()).toBe(officer.displayName);

    await page.getByRole("button", { name: "ออกจากระบบ" }).click();
    await page.waitForURL(`${baseUrl}/`);
    expect(await page.locator(".flash").textContent()).toBe("ออกจากระบบเรียบร้อยแล้ว");
    await page.goto(`${baseUrl}/officer`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });

  it("signs in with JavaScript turned off, through the plain form", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("ชื่อผู้ใช้").fill(officer.username);
    await page.getByLabel("รหัสผ่าน").fill(officer.password);
    await page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click();
    await page.waitForURL(`${baseUrl}/officer`);
    expect(await page.locator("h1").textContent()).toContain("งานของเจ้าหน้าที่");
    await context.close();
  });
});
