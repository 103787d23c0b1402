/**
 * Round trips to the database per page, as the Workers host pays them: there every
 * statement outside a batch is its own HTTP request to Turso, so a page's time is
 * (HTTP requests) × (Worker↔database latency).
 *
 * The authorization matrix's world is built on its libSQL file, then the same app is
 * made a second time with its database being `@libsql/client/web` talking to the Hrana
 * harness that serves that file — the Workers host's client and protocol, without
 * starting workerd (the counts are the client's, not the runtime's). The harness
 * counts the requests it serves. Every GET route of the router is requested by an
 * actor that may see it; sign-in and a few form saves are counted too.
 *
 * Targets (issue 11): a GET page ≤ 2 requests including the session read, sign-in ≤ 3,
 * a form save ≤ 3. A budget above its target names the lever still to pull.
 */
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client/web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHranaHarness, type HranaHarness } from "../../scripts/hrana-harness";
import { createApp } from "../../src/app";
import { createDb } from "../../src/db/client";
import { createDbQrStore } from "../../src/platform/node";
import { BODIES, buildWorld, resolvePath, type ActorName, type RouteDef, type World } from "../support/matrix-fixtures";
import { countQueries, formatStatements, type QueryCounter } from "../support/query-counter";
import { Browser, createUser, TEST_ORIGIN, type TestApp } from "./helpers";

const PAGE_TARGET = 2;
const SIGN_IN_TARGET = 3;
const SAVE_TARGET = 3;

interface PageBudget {
  who: ActorName;
  /** HTTP requests to the database; PAGE_TARGET unless a lever is still to pull (named in `lever`). */
  budget?: number;
  lever?: string;
}

/** Every GET route of the router, by who requests it. A route missing here fails the sweep. */
const PAGES: Record<string, PageBudget> = {
  "GET /healthz": { who: "anonymous" },
  "GET /healthz/mail": { who: "anonymous" },
  "GET /": { who: "anonymous" },
  "GET /contact": { who: "anonymous" },
  "GET /help/thaid": { who: "anonymous" },
  "GET /login": { who: "anonymous" },
  "GET /signed-out": { who: "anonymous" },
  "GET /login/qr/:id": { who: "anonymous" },
  "GET /q/:id": { who: "anonymous" },
  "GET /auth/thaid/callback": { who: "anonymous" },
  "GET /me": { who: "applicantA" },
  "GET /requests/:id": { who: "applicantA" },
  "GET /track/:token": { who: "applicantA" },
  "GET /requests/:id/documents/:documentId": { who: "applicantA" },
  "GET /university": { who: "universityX" },
  "GET /university/requests/new": { who: "universityX" },
  "GET /university/requests/:id/edit": { who: "universityX" },
  "GET /university/requests/:id/check": { who: "universityX" },
  "GET /officer": { who: "officer" },
  "GET /officer/reviews": { who: "officer" },
  "GET /officer/batches": { who: "officer" },
  "GET /officer/batches.csv": { who: "officer" },
  "GET /officer/export.xlsx": { who: "officer" },
  "GET /officer/exports/:id": { who: "officer" },
  "GET /officer/exports/:id/file": { who: "officer" },
  "GET /officer/overview": { who: "officer" },
  "GET /officer/overview.csv": { who: "officer" },
  "GET /officer/overview.xlsx": { who: "officer" },
  "GET /processing-times": { who: "anonymous" },
  "GET /officer/onboarding": { who: "officer" },
  "GET /officer/onboarding.csv": { who: "officer" },
  "GET /officer/onboarding.xlsx": { who: "officer" },
  "GET /officer/agencies": { who: "officer" },
  "GET /officer/agencies/:id": { who: "officer" },
  "GET /admin": { who: "admin" },
  "GET /admin/contact": { who: "admin" },
  "GET /admin/mail": { who: "admin" },
  "GET /dev/mail": { who: "admin" },
  "GET /admin/universities": { who: "admin" },
  "GET /admin/universities/:id": { who: "admin" },
  "GET /staff": { who: "officer" },
  "GET /staff/new": { who: "officer" },
  "GET /staff/:id": { who: "officer" },
  "GET /admin/audit": { who: "admin" },
  "GET /admin/audit/export.csv": { who: "admin" },
  "GET /admin/audit/export.xlsx": { who: "admin" },
  "GET /admin/audit/exports/:id": { who: "admin" },
  "GET /admin/audit/exports/:id/file": { who: "admin" },
  "GET /audit/requests/:id": { who: "officer" },
  "GET /audit/eservices/:id": { who: "officer" },
  "GET /audit/agencies/:id": { who: "officer" },
  "GET /audit/users/:id": { who: "officer" },
  "GET /account/setup": { who: "agencyA" },
  "GET /account": { who: "agencyA" },
  "GET /account/password": { who: "agencyA" },
  "GET /account/email/:token": { who: "anonymous" },
  "GET /forgot-password": { who: "anonymous" },
  "GET /reset-password/:token": { who: "anonymous" },
  "GET /agency": { who: "agencyA" },
  "GET /agency/eservices": { who: "agencyA" },
  "GET /agency/launched": { who: "agencyA" },
  "GET /agency/batches": { who: "agencyA" },
  "GET /eservices/:id": { who: "agencyA" },
  "GET /eservices/:id/steps/:no": { who: "agencyA" },
  "GET /eservices/:id/steps/:no/check": { who: "agencyA" },
  "GET /eservices/:id/files/:fileId": { who: "agencyA" },
  "GET /eservices/:id/steps/4/parts/:part": { who: "agencyA" },
  "GET /eservices/:id/steps/4/check": { who: "agencyA" },
  "GET /eservices/:id/steps/5/screenshots/:fid/delete": { who: "agencyA" },
  "GET /eservices/:id/steps/:no/testers/new": { who: "agencyA" },
  "GET /eservices/:id/steps/:no/testers/:tid/edit": { who: "agencyA" },
  "GET /eservices/:id/steps/:no/testers/:tid/delete": { who: "agencyA" },
  "GET /eservices/:id/steps/:no/attempts/:aid/file": { who: "agencyA" },
  "GET /eservices/:id/steps/:no/attempts/:aid/edit": { who: "agencyA" },
  "GET /eservices/:id/steps/:no/attempts/:aid/delete": { who: "agencyA" },
  "GET /eservices/:id/golive.ics": { who: "agencyA" },
};

/** Pages again with another read path than their PAGES row takes (a filter, another role), held at the page target with a 200. */
const VARIANTS: { label: string; who: ActorName; path: (w: World) => string }[] = [
  { label: "GET /staff (as admin: every role)", who: "admin", path: () => "/staff" },
  { label: "GET /staff/:id (as admin: the role form's universities)", who: "admin", path: (w) => `/staff/${w.admin.staffUserId}` },
  { label: "GET /admin/mail?to= (its own filtered total)", who: "admin", path: () => "/admin/mail?to=example&status=cancelled" },
  { label: "GET /admin/audit?actor= (filtered)", who: "admin", path: (w) => `/admin/audit?actor=${w.userIds.officer}&subjectType=request` },
  { label: "GET /officer/overview.csv?university= (the filter's name)", who: "officer", path: (w) => `/officer/overview.csv?university=${w.primary.universityId}` },
];

interface FormSave extends PageBudget {
  name: string;
  route: string;
  fields: Record<string, string>;
}

/** A few representative saves: a draft, records' edits, a status change with its timeline event. */
const SAVES: FormSave[] = [
  { name: "e-service step 1 draft", who: "agencyA", route: "/eservices/:id/steps/:no", fields: { shortDescription: "ยื่นขอใบอนุญาตส่งออกสินค้าทางออนไลน์", intent: "draft" } },
  { name: "tester edit", who: "agencyA", route: "/eservices/:id/steps/:no/testers/:tid", fields: BODIES["POST /eservices/:id/steps/:no/testers/:tid"]! },
  { name: "document status", who: "officer", route: "/requests/:id/documents/:documentId/status", fields: BODIES["POST /requests/:id/documents/:documentId/status"]! },
  { name: "e-service step 1 autosave", who: "agencyA", route: "/eservices/:id/steps/:no/draft", fields: { shortDescription: "ยื่นขอใบอนุญาตส่งออกสินค้าทางออนไลน์ (ร่างอัตโนมัติ)" } },
  { name: "e-service step 4 part draft", who: "agencyA", route: "/eservices/:id/steps/4/parts/:part", fields: { agencyNameTh: "กรมทดสอบการนับรอบ", intent: "draft" } },
  { name: "attempt edit", who: "agencyA", route: "/eservices/:id/steps/:no/attempts/:aid", fields: BODIES["POST /eservices/:id/steps/:no/attempts/:aid"]! },
];

interface Counted {
  label: string;
  status: number;
  requests: number;
  budget: number;
  target: number;
  lever?: string;
  /** What it ran, for the failure message. */
  statements: string;
  variant?: boolean;
}

let world: World;
let harness: HranaHarness;
let webClient: Client;
let edge: TestApp;
let queries: QueryCounter;
const browsers = new Map<ActorName, Browser>();
const counted: Counted[] = [];

/** The same app and deps as the world's, but its database reached over HTTP, as on Workers. */
function edgeApp(t: TestApp, client: Client): TestApp {
  const db = createDb(client);
  const deps = { ...t.deps, db, qr: createDbQrStore(db, t.clock) };
  return { ...t, app: createApp(deps), deps, db };
}

/** A browser on the edge app carrying the actor's session from the world. */
function browserOf(who: ActorName): Browser {
  let b = browsers.get(who);
  if (!b) {
    const own = world.clients[who].browser;
    b = new Browser(edge, TEST_ORIGIN, world.clients[who].ip);
    for (const [k, v] of own.cookies) b.cookies.set(k, v);
    b.csrf = own.csrf;
    browsers.set(who, b);
  }
  return b;
}

async function count<T>(work: () => Promise<T>): Promise<{ result: T; requests: number; statements: string }> {
  const before = harness.requests();
  const { result, statements } = await queries.measure(work);
  return { result, requests: harness.requests() - before, statements: formatStatements(statements) };
}

function gets(): RouteDef[] {
  return world.routes.filter((r) => r.method === "GET");
}

beforeAll(async () => {
  world = await buildWorld();
  harness = await startHranaHarness({ dbPath: join(world.t.dir, "test.db") });
  webClient = createClient({ url: harness.url });
  edge = edgeApp(world.t, webClient);
  queries = countQueries(webClient);

  // GET pages: the second view of each, so a first-view cache fill or a session touch is not counted against the page.
  for (const route of gets()) {
    const page = PAGES[route.key];
    if (!page) continue;
    const b = browserOf(page.who);
    const path = resolvePath(route, world);
    await b.get(path);
    const { result, requests, statements } = await count(() => b.get(path));
    counted.push({ label: route.key, status: result.status, requests, statements, budget: page.budget ?? PAGE_TARGET, target: PAGE_TARGET, lever: page.lever });
  }

  // Each step's page reads its own things (icon, testers, attempts, letter, credentials, screenshots),
  // so every one of the seven is counted, on the service whose step it is.
  const agency = browserOf("agencyA");
  for (const no of [1, 2, 3, 4, 5, 6, 7] as const) {
    const path = `/eservices/${world.primary.services[no]}/steps/${no}`;
    await agency.get(path);
    const { result, requests, statements } = await count(() => agency.get(path));
    counted.push({ label: `GET /eservices/:id/steps/${no}`, status: result.status, requests, statements, budget: PAGE_TARGET, target: PAGE_TARGET });
  }

  for (const v of VARIANTS) {
    const b = browserOf(v.who);
    const path = v.path(world);
    await b.get(path);
    const { result, requests, statements } = await count(() => b.get(path));
    counted.push({ label: v.label, status: result.status, requests, statements, budget: PAGE_TARGET, target: PAGE_TARGET, variant: true });
  }

  // Sign-in with a password, from a fresh browser.
  const username = "roundtrip.officer";
  const password = "RoundTrip#2567pw";
  await createUser(world.t, { role: "officer", username, password });
  const visitor = new Browser(edge, TEST_ORIGIN, "203.0.113.50");
  await visitor.get("/login");
  const signIn = await count(() => visitor.post("/login", { username, password }));
  counted.push({ label: "POST /login (password sign-in)", status: signIn.result.status, requests: signIn.requests, statements: signIn.statements, budget: SIGN_IN_TARGET, target: SIGN_IN_TARGET });

  // Form saves, each one a real change (303), as the actor whose form it is.
  for (const save of SAVES) {
    const b = browserOf(save.who);
    const path = resolvePath({ method: "POST", path: save.route, key: `POST ${save.route}` }, world);
    const { result, requests, statements } = await count(() => b.post(path, save.fields));
    counted.push({ label: `POST ${save.route} (${save.name})`, status: result.status, requests, statements, budget: save.budget ?? SAVE_TARGET, target: SAVE_TARGET, lever: save.lever });
  }
}, 120_000);

afterAll(async () => {
  queries?.restore();
  webClient?.close();
  await harness?.close();
  world?.t.close();
  console.log(["HTTP requests to the database per page (over Hrana):", ...counted.map((c) => `  ${String(c.requests).padStart(3)}  ${c.label} (${c.status})`)].join("\n"));
});

describe("round trips to the database per page", () => {
  it("has a budget for every GET route of the router, and none for a route it no longer has", () => {
    const keys = gets().map((r) => r.key);
    const missing = keys.filter((k) => !(k in PAGES));
    const stale = Object.keys(PAGES).filter((k) => !keys.includes(k));
    expect(missing, `GET routes missing from PAGES in ${import.meta.url}:\n  ${missing.join("\n  ")}`).toEqual([]);
    expect(stale, `PAGES entries for routes the router no longer has:\n  ${stale.join("\n  ")}`).toEqual([]);
  });

  it("keeps every page, sign-in and form save within its budget", () => {
    const over = counted.filter((c) => c.requests > c.budget).map((c) => `${c.label}: ${c.requests} > ${c.budget}\n${c.statements}`);
    const failed = counted
      .filter((c) => (c.variant ? c.status !== 200 : c.status >= (c.label.startsWith("POST") ? 400 : 500)))
      .map((c) => `${c.label}: HTTP ${c.status}`);
    expect(failed).toEqual([]);
    expect(over, over.join("\n")).toEqual([]);
  });

  it("names the lever still to pull for every budget above its target", () => {
    const unexplained = counted.filter((c) => c.budget > c.target && !c.lever).map((c) => c.label);
    expect(unexplained).toEqual([]);
  });
});
