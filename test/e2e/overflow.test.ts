/**
 * Every page of every role at two phone widths (320×640, 390×844): nothing runs past
 * the right edge of the screen. The table of pages is checked against the router, so
 * a new page is either swept here or skipped below with a reason.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type AppDeps } from "../../src/app";
import { routesOf } from "../support/matrix-fixtures";
import { launchChromium } from "./browser";
import { baseUrl, exportJobPath, firstHref, qrLoginPath, signedIn, type Target } from "./pages";

const VIEWPORTS = [
  { width: 320, height: 640 },
  { width: 390, height: 844 },
];
/** The lists, where wide tables live, also at a desktop width. */
const DESKTOP = { width: 1280, height: 900 };
const DESKTOP_LISTS: Record<string, string[]> = {
  applicant: ["/me"],
  university: ["/university"],
  officer: ["/officer", "/staff", "/officer/agencies"],
  agency: ["/agency/eservices"],
  admin: ["/admin/audit", "/admin/mail", "/admin/universities"],
};

const requestOf = (page: Page, list: string) => firstHref(page, list, "a.ticket-link");
/** A draft of the demo university's own, saved from the new-request form (the demo drafts belong to others). */
async function draftId(page: Page): Promise<string> {
  await page.goto(`${baseUrl}/university/requests/new`);
  // A long unbroken answer, as people paste them: it must wrap, not widen the page.
  await page.locator('[name="fieldEn"]').fill("Nuclear-Technology-and-Radiation-Engineering-Applications");
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith("/new")), page.locator('button[name="intent"][value="draft"]').click()]);
  const id = /\/requests\/([^/]+)/.exec(new URL(page.url()).pathname)?.[1];
  if (!id) throw new Error(`no draft id in ${page.url()}`);
  return id;
}
const idOf = async (page: Page, list: string, selector: string) => (await firstHref(page, list, selector)).split("/").pop()!;

/** Route pattern → the page to open for it, per role (the role that sees the page in full). */
const SWEEP: Record<string, Record<string, Target>> = {
  anonymous: {
    "/": "/",
    "/login": "/login",
    "/forgot-password": "/forgot-password",
    "/help/thaid": "/help/thaid",
    "/signed-out": "/signed-out",
    "/contact": "/contact",
    "/processing-times": "/processing-times",
    "/login/qr/:id": qrLoginPath,
    "/q/:id": async (page) => `/q/${(await qrLoginPath(page)).split("/").pop()}`,
    // An unknown token shows the "link no longer valid" page, the one most people see late.
    "/reset-password/:token": "/reset-password/no-such-token",
    "/account/email/:token": "/account/email/no-such-token",
  },
  applicant: {
    "/me": "/me",
    "/requests/:id": (page) => requestOf(page, "/me"),
  },
  university: {
    "/university": "/university",
    "/university/requests/new": "/university/requests/new",
    "/university/requests/:id/edit": async (page) => `/university/requests/${await draftId(page)}/edit`,
    "/university/requests/:id/check": async (page) => `/university/requests/${await draftId(page)}/check`,
  },
  officer: {
    "/officer": "/officer",
    "/officer/reviews": "/officer/reviews",
    "/officer/agencies": "/officer/agencies",
    "/officer/agencies/:id": (page) => firstHref(page, "/officer/agencies", "td a"),
    "/officer/batches": "/officer/batches",
    "/officer/overview": "/officer/overview",
    "/officer/onboarding": "/officer/onboarding",
    "/officer/exports/:id": exportJobPath,
    "/requests/:id": (page) => requestOf(page, "/officer"),
    "/staff": "/staff",
    "/staff/new": "/staff/new",
    "/staff/:id": (page) => firstHref(page, "/staff", "td a"),
    "/audit/requests/:id": async (page) => `/audit/requests/${await idOf(page, "/officer", "a.ticket-link")}`,
    "/audit/eservices/:id": "/audit/eservices/es-trade-fair",
    "/audit/agencies/:id": async (page) => `/audit/agencies/${await idOf(page, "/officer/agencies", "td a")}`,
    "/audit/users/:id": async (page) => `/audit/users/${await idOf(page, "/staff", "td a")}`,
    "/account": "/account",
    "/account/password": "/account/password",
    "/eservices/:id": "/eservices/es-trade-fair",
    "/eservices/:id/steps/:no": "/eservices/es-trade-fair/steps/2",
  },
  agency: {
    "/agency": "/agency",
    "/agency/eservices": "/agency/eservices",
    "/agency/launched": "/agency/launched",
    "/agency/batches": "/agency/batches",
    "/eservices/:id": "/eservices/es-exporter-id",
    "/eservices/:id/steps/:no": "/eservices/es-export-permit/steps/1",
    "/eservices/:id/steps/:no/check": "/eservices/es-export-permit/steps/1/check",
    "/eservices/:id/steps/4/parts/:part": "/eservices/es-origin-cert/steps/4/parts/1",
    "/eservices/:id/steps/4/check": "/eservices/es-origin-cert/steps/4/check",
    "/eservices/:id/steps/:no/testers/new": "/eservices/es-trade-mark/steps/5/testers/new",
    "/eservices/:id/steps/:no/testers/:tid/edit": "/eservices/es-trade-mark/steps/5/testers/tester-demo-1/edit",
    "/eservices/:id/steps/:no/testers/:tid/delete": "/eservices/es-trade-mark/steps/5/testers/tester-demo-1/delete",
    "/eservices/:id/steps/5/screenshots/:fid/delete": "/eservices/es-trade-mark/steps/5/screenshots/file-demo-screen/delete",
    "/eservices/:id/steps/:no/attempts/:aid/edit": "/eservices/es-export-stats/steps/6/attempts/attempt-demo-1/edit",
    "/eservices/:id/steps/:no/attempts/:aid/delete": "/eservices/es-export-stats/steps/6/attempts/attempt-demo-1/delete",
  },
  admin: {
    "/admin": "/admin",
    "/admin/contact": "/admin/contact",
    "/admin/mail": "/admin/mail",
    "/dev/mail": "/dev/mail",
    "/admin/universities": "/admin/universities",
    "/admin/universities/:id": (page) => firstHref(page, "/admin/universities", "td a"),
    "/admin/audit": "/admin/audit",
  },
};

/** GET routes that are not a page of their own, or that the demo data cannot reach. */
const SKIPPED: Record<string, string> = {
  "/healthz": "health check: plain text for the host, not a page",
  "/healthz/mail": "health check: plain text for the host, not a page",
  "/auth/thaid/callback": "redirect after ThaiD sign-in",
  "/track/:token": "shows the request page (/requests/:id, swept) for the token's request",
  "/account/setup": "redirects unless the account signs in with temporary credentials (the demo accounts don't)",
  "/requests/:id/documents/:documentId": "file download",
  "/officer/batches.csv": "export (CSV file)",
  "/officer/export.xlsx": "export (Excel file)",
  "/officer/exports/:id/file": "export (Excel file)",
  "/officer/overview.csv": "export (CSV file)",
  "/officer/overview.xlsx": "export (Excel file)",
  "/officer/onboarding.csv": "export (CSV file)",
  "/officer/onboarding.xlsx": "export (Excel file)",
  "/admin/audit/export.csv": "export (CSV file)",
  "/admin/audit/export.xlsx": "export (Excel file)",
  "/admin/audit/exports/:id": "the background export's page (views/pages/export-job.tsx), swept as /officer/exports/:id; only its words differ",
  "/admin/audit/exports/:id/file": "export (CSV or Excel file)",
  "/eservices/:id/files/:fileId": "file download",
  "/eservices/:id/steps/:no/attempts/:aid/file": "file download",
  "/eservices/:id/golive.ics": "calendar file",
};

/** What runs past the right edge: the page itself, or the outermost visible elements that do. */
function overflowsInPage(): string[] {
  const vw = window.innerWidth;
  const found: string[] = [];
  const root = document.documentElement;
  if (root.scrollWidth > vw) found.push(`page is ${root.scrollWidth}px wide (screen ${vw}px)`);
  const culprits: Element[] = [];
  const exempt = (el: Element): boolean => {
    for (let a: Element | null = el; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      // Visually hidden (clipped to nothing) for screen readers only.
      if (s.clip === "rect(0px, 0px, 0px, 0px)" || s.clipPath === "inset(50%)" || s.visibility === "hidden") return true;
      // A container that scrolls sideways on purpose.
      if (a !== el && (s.overflowX === "auto" || s.overflowX === "scroll")) return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= vw + 0.5) continue;
    if (culprits.some((c) => c.contains(el)) || exempt(el)) continue;
    culprits.push(el);
  }
  // A ticket number is read as one token: never broken over lines.
  for (const t of document.querySelectorAll(".ticket-link")) {
    if (t.getClientRects().length > 1) found.push(`ticket no. "${t.textContent}" breaks over ${t.getClientRects().length} lines`);
  }
  // A phone card pairs each label with its value: one element per cell, or the value's pieces fall into the label column.
  for (const td of document.querySelectorAll(".request-table td[data-label]")) {
    // Grid items: each element, and each run of adjacent text.
    let pieces = 0;
    let inText = false;
    for (const n of td.childNodes) {
      if (n.nodeType === Node.ELEMENT_NODE) [pieces, inText] = [pieces + 1, false];
      else if (n.nodeType === Node.TEXT_NODE && !inText && n.textContent!.trim() !== "") [pieces, inText] = [pieces + 1, true];
    }
    if (pieces > 1) found.push(`cell "${td.getAttribute("data-label")}" has its value in ${pieces} pieces`);
  }
  for (const el of culprits.slice(0, 5)) {
    const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") + [...el.classList].map((c) => `.${c}`).join("");
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
    found.push(`${name} "${text}" ends at ${Math.round(el.getBoundingClientRect().right)}px`);
  }
  return found;
}

async function overflows(page: Page, path: string): Promise<string[]> {
  const response = await page.goto(`${baseUrl}${path}`);
  // 410 is the "link no longer valid" page, a page like any other; 403/404/5xx mean the sweep missed its page.
  const status = response?.status() ?? 0;
  if (status === 0 || status === 403 || status === 404 || status >= 500) return [`${path}: status ${status}`];
  if (new URL(page.url()).pathname === "/login" && path !== "/login") return [`${path}: redirected to sign-in`];
  return (await page.evaluate(overflowsInPage)).map((o) => `${path}: ${o}`);
}

describe("the overflow sweep covers every page", () => {
  it("has every GET route of the router in its table or in the skip list with a reason", () => {
    const stub = { config: { appUrl: new URL("http://localhost"), production: false, secureCookies: false } } as unknown as AppDeps;
    const pages = routesOf(createApp(stub))
      .filter((r) => r.method === "GET")
      .map((r) => r.path);
    const swept = new Set(Object.values(SWEEP).flatMap((byRoute) => Object.keys(byRoute)));
    expect(pages.filter((p) => !swept.has(p) && !SKIPPED[p])).toEqual([]);
    // No stale entries either: everything named is still a route.
    expect([...swept, ...Object.keys(SKIPPED)].filter((p) => !pages.includes(p))).toEqual([]);
  });
});

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

// One test per page, signed in once per role: an overflow names its page.
describe("no page runs past the right edge of a phone", () => {
  for (const viewport of VIEWPORTS) {
    for (const [role, pages] of Object.entries(SWEEP)) {
      describe(`${role} at ${viewport.width}×${viewport.height}`, () => {
        let page: Page;
        beforeAll(async () => {
          page = await signedIn(browser, role === "anonymous" ? null : role, viewport);
        });
        afterAll(async () => {
          await page?.context().close();
        });
        for (const [route, target] of Object.entries(pages)) {
          it(`fits ${route}`, async () => {
            const path = typeof target === "string" ? target : await target(page);
            expect(await overflows(page, path)).toEqual([]);
          });
        }
      });
    }
  }
});

describe("the lists fit a desktop screen too", () => {
  for (const [role, paths] of Object.entries(DESKTOP_LISTS)) {
    it(`fits the ${role}'s lists at ${DESKTOP.width}×${DESKTOP.height}`, async () => {
      const page = await signedIn(browser, role, DESKTOP);
      try {
        const found: string[] = [];
        for (const path of paths) found.push(...(await overflows(page, path)));
        expect(found).toEqual([]);
      } finally {
        await page.context().close();
      }
    });
  }
});
