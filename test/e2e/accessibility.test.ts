/**
 * axe-core on the pages of every role, at a phone and a desktop width: no serious
 * or critical violations.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./axe";
import { launchChromium } from "./browser";
import { baseUrl, exportJobPath, firstHref, qrLoginPath, signedIn, type Target } from "./pages";

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

async function violationsOn(page: Page, path: string): Promise<string[]> {
  // Server-rendered pages: "load" (goto's default) has everything axe needs.
  await page.goto(`${baseUrl}${path}`);
  return seriousViolations(page, path);
}

const PAGES: Record<string, Record<string, Target>> = {
  anonymous: {
    home: "/",
    login: "/login",
    "forgot password": "/forgot-password",
    contact: "/contact",
    "processing times": "/processing-times",
    "ThaiD help": "/help/thaid",
    "signed out": "/signed-out",
    "not found": "/no-such-page",
    "QR sign-in": qrLoginPath,
    "QR phone page": async (page) => `/q/${(await qrLoginPath(page)).split("/").pop()}`,
  },
  applicant: { "my requests": "/me", contact: "/contact", request: (page) => firstHref(page, "/me", "a.ticket-link") },
  university: { requests: "/university", "new request": "/university/requests/new", request: (page) => firstHref(page, "/university", "a.ticket-link") },
  officer: {
    queue: "/officer",
    reviews: "/officer/reviews",
    agencies: "/officer/agencies",
    batches: "/officer/batches",
    overview: "/officer/overview",
    "onboarding overview": "/officer/onboarding",
    "background export": exportJobPath,
    request: (page) => firstHref(page, "/officer", "a.ticket-link"),
    agency: (page) => firstHref(page, "/officer/agencies", "td a"),
    "step under review": "/eservices/es-trade-fair/steps/2",
    staff: "/staff",
    "new staff account": "/staff/new",
    "staff account": (page) => firstHref(page, "/staff", "td a"),
    "request history": async (page) => `/audit/requests/${(await firstHref(page, "/officer", "a.ticket-link")).split("/").pop()}`,
    "my account": "/account",
    "change password": "/account/password",
  },
  agency: {
    dashboard: "/agency",
    "e-services": "/agency/eservices",
    launched: "/agency/launched",
    batches: "/agency/batches",
    "step 1 form": "/eservices/es-export-permit/steps/1",
    "step 3 attempts": "/eservices/es-exporter-id/steps/3",
    "step 7": "/eservices/es-training/steps/7",
    "step 4 part 1": "/eservices/es-origin-cert/steps/4/parts/1",
    "step 4 part 2": "/eservices/es-origin-cert/steps/4/parts/2",
    "step 4 part 3": "/eservices/es-origin-cert/steps/4/parts/3",
    "step 4 check": "/eservices/es-origin-cert/steps/4/check",
    "step 5 testers and screenshots": "/eservices/es-trade-mark/steps/5",
    "new tester": "/eservices/es-trade-mark/steps/5/testers/new",
    "edit tester": "/eservices/es-trade-mark/steps/5/testers/tester-demo-1/edit",
    "delete tester": "/eservices/es-trade-mark/steps/5/testers/tester-demo-1/delete",
    "delete screenshot": "/eservices/es-trade-mark/steps/5/screenshots/file-demo-screen/delete",
    "edit test attempt": "/eservices/es-export-stats/steps/6/attempts/attempt-demo-1/edit",
    "delete test attempt": "/eservices/es-export-stats/steps/6/attempts/attempt-demo-1/delete",
  },
  admin: {
    home: "/admin",
    contact: "/admin/contact",
    outbox: "/admin/mail",
    "dev mail": "/dev/mail",
    universities: "/admin/universities",
    university: (page) => firstHref(page, "/admin/universities", "td a"),
    "audit search": "/admin/audit",
  },
};

// One test per page, each signed in once per role: a slow page shows as itself.
describe("accessibility (axe-core, WCAG 2.1 AA)", () => {
  for (const viewport of VIEWPORTS) {
    for (const [role, pages] of Object.entries(PAGES)) {
      describe(`${role} at ${viewport.name} width`, () => {
        let page: Page;
        beforeAll(async () => {
          page = await signedIn(browser, role === "anonymous" ? null : role, viewport);
        });
        afterAll(async () => {
          await page?.context().close();
        });
        for (const [name, target] of Object.entries(pages)) {
          it(`has no serious or critical violations on ${name}`, async () => {
            const path = typeof target === "string" ? target : await target(page);
            expect(await violationsOn(page, path)).toEqual([]);
          });
        }
      });
    }
  }
});
