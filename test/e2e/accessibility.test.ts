/**
 * axe-core on the pages of every role, at a phone and a desktop width: no serious
 * or critical violations.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../src/db/seed";
import { launchChromium } from "./browser";

const baseUrl = inject("baseUrl");
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 900 },
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(role: string | null, viewport: { width: number; height: number }): Promise<Page> {
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

async function seriousViolations(page: Page, path: string): Promise<string[]> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForLoadState("networkidle");
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${path}: ${v.id} (${v.impact}) — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

/** A link's href found on a page, to reach records whose ids are random. */
async function firstHref(page: Page, path: string, selector: string): Promise<string | null> {
  await page.goto(`${baseUrl}${path}`);
  const href = await page.locator(selector).first().getAttribute("href");
  return href ?? null;
}

const PAGES: Record<string, (page: Page) => Promise<string[]>> = {
  anonymous: async (page) => {
    await page.goto(`${baseUrl}/login`);
    await page.getByRole("button", { name: "สแกน QR Code ด้วยโทรศัพท์" }).click();
    await page.waitForURL(/\/login\/qr\//);
    const qr = new URL(page.url()).pathname;
    return ["/", "/login", "/contact", "/no-such-page", qr, `/q/${qr.split("/").pop()}`];
  },
  applicant: async (page) => {
    const request = await firstHref(page, "/me", "a.ticket-link");
    return ["/me", "/contact", ...(request ? [request] : [])];
  },
  university: async (page) => {
    const request = await firstHref(page, "/university", "a.ticket-link");
    return ["/university", "/university/requests/new", ...(request ? [request] : [])];
  },
  officer: async (page) => {
    const request = await firstHref(page, "/officer", "a.ticket-link");
    const agency = await firstHref(page, "/officer/agencies", "td a");
    return ["/officer", "/officer/reviews", "/officer/agencies", "/officer/batches", ...(request ? [request] : []), ...(agency ? [agency] : []), "/eservices/es-trade-fair/steps/2"];
  },
  agency: async () => [
    "/agency",
    "/agency/eservices",
    "/agency/launched",
    "/agency/batches",
    "/eservices/es-export-permit/steps/1",
    "/eservices/es-exporter-id/steps/3",
    "/eservices/es-training/steps/7",
  ],
  admin: async () => ["/admin", "/admin/contact", "/dev/mail"],
};

describe("accessibility (axe-core, WCAG 2.1 AA)", () => {
  for (const viewport of VIEWPORTS) {
    for (const [role, pagesOf] of Object.entries(PAGES)) {
      it(`has no serious or critical violations for ${role} at ${viewport.name} width`, async () => {
        const page = await signedIn(role === "anonymous" ? null : role, viewport);
        const problems: string[] = [];
        for (const path of await pagesOf(page)) problems.push(...(await seriousViolations(page, path)));
        await page.context().close();
        expect(problems).toEqual([]);
      });
    }
  }
});
