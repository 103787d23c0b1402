/**
 * Shared by the page sweeps (axe, overflow): signing in as each demo role, and
 * finding records whose ids are random.
 */
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { DEMO_ACCOUNTS } from "../../src/db/seed";

export const baseUrl = inject("baseUrl");

export interface Viewport {
  width: number;
  height: number;
}

/** A new context at this viewport, signed in as the demo account of the role (null: anonymous). */
export async function signedIn(browser: Browser, role: string | null, viewport: Viewport): Promise<Page> {
  const page = await (await browser.newContext({ locale: "th-TH", viewport })).newPage();
  if (!role) return page;
  if (role === "applicant") {
    // Through the ThaiD simulator, as demo citizen ทศวรรษ (who owns the manual's two requests).
    await page.goto(`${baseUrl}/login`);
    await page.getByRole("button", { name: "เข้าสู่ระบบด้วย ThaiD บนอุปกรณ์นี้" }).click();
    await page.getByRole("button", { name: "เข้าสู่ระบบเป็น นายทศวรรษ พลพิจิตร" }).click();
    await page.waitForURL(`${baseUrl}/me`);
    return page;
  }
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
  await page.goto(`${baseUrl}/login`);
  await page.locator("#f-username").fill(account.username);
  await page.locator("#f-password").fill(account.password);
  // Wait for the sign-in's own redirect: the login page is already idle, so waiting
  // for "networkidle" could return before the POST left it (and the next goto cut it off).
  await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click()]);
  await page.waitForLoadState("networkidle");
  return page;
}

/** A link's href found on a page, to reach records whose ids are random. */
export async function firstHref(page: Page, path: string, selector: string): Promise<string> {
  await page.goto(`${baseUrl}${path}`);
  const href = await page.locator(selector).first().getAttribute("href");
  if (!href) throw new Error(`no ${selector} on ${path}`);
  return href;
}

/** A page to check: a path, or how to find one (records have random ids). */
export type Target = string | ((page: Page) => Promise<string>);

/** The QR sign-in page, opened from the login page (its id is random). */
export async function qrLoginPath(page: Page): Promise<string> {
  await page.goto(`${baseUrl}/login`);
  await page.getByRole("button", { name: "สแกน QR Code ด้วยโทรศัพท์" }).click();
  await page.waitForURL(/\/login\/qr\//);
  return new URL(page.url()).pathname;
}
