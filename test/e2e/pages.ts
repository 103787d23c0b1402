/**
 * Shared by the page sweeps (axe, overflow): signing in as each demo role, and
 * finding records whose ids are random.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { inject } from "vitest";
import { DEMO_ACCOUNTS } from "../../src/db/seed";

export const baseUrl = inject("baseUrl");

export interface Viewport {
  width: number;
  height: number;
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
/** Each role's signed-in cookies, per browser: a sweep signs in once per role, not once per role and width. */
const sessions = new WeakMap<Browser, Map<string, Promise<StorageState>>>();

/** A new context at this viewport, signed in as the demo account of the role (null: anonymous). */
export async function signedIn(browser: Browser, role: string | null, viewport: Viewport): Promise<Page> {
  const options = { locale: "th-TH", viewport };
  if (!role) return (await browser.newContext(options)).newPage();
  let byRole = sessions.get(browser);
  if (!byRole) sessions.set(browser, (byRole = new Map()));
  let state = byRole.get(role);
  if (!state) {
    state = signIn(browser, role);
    byRole.set(role, state);
  }
  return (await browser.newContext({ ...options, storageState: await state })).newPage();
}

async function signIn(browser: Browser, role: string): Promise<StorageState> {
  const context = await browser.newContext({ locale: "th-TH" });
  try {
    const page = await context.newPage();
    if (role === "applicant") {
      // Through the ThaiD simulator, as demo citizen ทศวรรษ (who owns the manual's two requests).
      await page.goto(`${baseUrl}/login`);
      await page.getByRole("button", { name: "เข้าสู่ระบบด้วย ThaiD บนอุปกรณ์นี้" }).click();
      await page.getByRole("button", { name: "เข้าสู่ระบบเป็น นายทศวรรษ พลพิจิตร" }).click();
      await page.waitForURL(`${baseUrl}/me`);
    } else {
      const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
      await page.goto(`${baseUrl}/login`);
      await page.locator("#f-username").fill(account.username);
      await page.locator("#f-password").fill(account.password);
      // The session cookie comes with the sign-in's redirect: once the next page has loaded, it is set.
      await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click()]);
    }
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** A link's href found on a page, to reach records whose ids are random. */
export async function firstHref(page: Page, path: string, selector: string): Promise<string> {
  await page.goto(`${baseUrl}${path}`);
  const href = await page.locator(selector).first().getAttribute("href");
  if (!href) throw new Error(`no ${selector} on ${path}`);
  return href;
}

/**
 * A background export's page, for the officer signed in on `page`: the demo lists are far
 * under the job threshold, so the job is asked for as the list's form would (the same
 * POST, CSRF token and origin). Its page shows the progress or, done, the download link.
 */
export async function exportJobPath(page: Page): Promise<string> {
  await page.goto(`${baseUrl}/officer`);
  const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
  const res = await page.request.post(`${baseUrl}/officer/exports`, { form: { _csrf: csrf, status: "finished" }, headers: { origin: baseUrl }, maxRedirects: 0 });
  const location = res.headers()["location"];
  if (res.status() !== 303 || !location?.startsWith("/officer/exports/")) throw new Error(`no export job: HTTP ${res.status()}`);
  return location;
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

