/**
 * The onboarding declaration swept like the authorization matrix: every unsafe
 * route under /eservices is mapped to the sub-resource it writes; every
 * sub-resource the workflow declares has a route; and for every step, in every
 * state in which the declaration freezes that sub-resource for the route's
 * actor, the route answers 409 and writes nothing. In one state where it is
 * open, the same request does write (so the sweep cannot pass by sending junk).
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies, appCredentials, eserviceFiles, eservices, eserviceSteps, testers, testResults } from "../../src/db/schema";
import { mayWrite, STEP_RESOURCES, STEP_STATES, STEPS, type StepState, type SubResource } from "../../src/domain/onboarding/workflow";
import { encryptPid, pidKeys } from "../../src/services/pid-crypto";
import { PDF_BYTES, png, xlsx } from "../support/fuzz";
import { routesOf } from "../support/matrix-fixtures";
import { Browser, createTestApp, createUser, TEST_DATA_KEY, type TestApp } from "./helpers";

type Actor = "agency" | "officer";
interface Fixture {
  svc: string;
  tester: string;
  attempt: string;
  screenshot: string;
}
interface WriteRoute {
  resource: SubResource;
  as: Actor;
  /** The steps the route can write to; for `:no` routes, each step owning the resource. */
  steps?: number[];
  send(b: Browser, f: Fixture, stepNo: number): Promise<{ status: number }>;
}

let xlsxBytes: Uint8Array<ArrayBuffer>;
const file = (bytes: Uint8Array<ArrayBuffer>, name: string, type: string) => new File([bytes], name, { type });
const TESTER = { fullName: "สมชาย ใจดี", organisation: "กรมทดสอบ", email: "somchai@dept.go.th", phone: "0812345678", nationalId: "1101700230368", os: "ios" };

/** Every unsafe onboarding route that writes a step's sub-resource. */
const WRITES: Record<string, WriteRoute> = {
  "POST /eservices/:id/steps/:no": { resource: "answers", as: "agency", steps: [1, 2, 5], send: (b, f, n) => b.post(`/eservices/${f.svc}/steps/${n}`, { shortDescription: "ร่าง", profileAccess: "mtoken" }) },
  "POST /eservices/:id/steps/4/parts/:part": { resource: "answers", as: "agency", steps: [4], send: (b, f) => b.post(`/eservices/${f.svc}/steps/4/parts/1`, { agencyNameTh: "กรมทดสอบ" }) },
  "POST /eservices/:id/steps/:no/draft": { resource: "answers", as: "agency", steps: [1, 2, 5], send: (b, f, n) => b.post(`/eservices/${f.svc}/steps/${n}/draft`, { shortDescription: "ร่าง", profileAccess: "mtoken" }) },
  "POST /eservices/:id/steps/4/parts/:part/draft": { resource: "answers", as: "agency", steps: [4], send: (b, f) => b.post(`/eservices/${f.svc}/steps/4/parts/1/draft`, { agencyNameTh: "กรมทดสอบ" }) },
  "POST /eservices/:id/icon": { resource: "icon", as: "agency", steps: [1], send: (b, f) => b.upload(`/eservices/${f.svc}/icon`, { file: file(png(120, 120), "i.png", "image/png") }) },
  "POST /eservices/:id/steps/:no/testers": { resource: "testers", as: "agency", send: (b, f, n) => b.post(`/eservices/${f.svc}/steps/${n}/testers`, TESTER) },
  "POST /eservices/:id/steps/:no/testers/:tid": { resource: "testers", as: "agency", send: (b, f, n) => b.post(`/eservices/${f.svc}/steps/${n}/testers/${f.tester}`, { ...TESTER, fullName: "สมหญิง ใจดี" }) },
  "POST /eservices/:id/steps/:no/testers/:tid/delete": { resource: "testers", as: "agency", send: (b, f, n) => b.post(`/eservices/${f.svc}/steps/${n}/testers/${f.tester}/delete`, {}) },
  "POST /eservices/:id/steps/:no/attempts": {
    resource: "attempts",
    as: "agency",
    send: (b, f, n) => b.upload(`/eservices/${f.svc}/steps/${n}/attempts`, { details: "ติดตั้งแล้ว", file: file(xlsxBytes, "t.xlsx", "application/octet-stream") }),
  },
  "POST /eservices/:id/steps/:no/attempts/:aid": { resource: "attempts", as: "agency", send: (b, f, n) => b.post(`/eservices/${f.svc}/steps/${n}/attempts/${f.attempt}`, { details: "แก้ไขแล้ว" }) },
  "POST /eservices/:id/steps/:no/attempts/:aid/delete": { resource: "attempts", as: "agency", send: (b, f, n) => b.post(`/eservices/${f.svc}/steps/${n}/attempts/${f.attempt}/delete`, {}) },
  "POST /eservices/:id/steps/4/auth-letter": { resource: "auth_letter", as: "agency", steps: [4], send: (b, f) => b.upload(`/eservices/${f.svc}/steps/4/auth-letter`, { file: file(PDF_BYTES, "l.pdf", "application/pdf") }) },
  "POST /eservices/:id/credentials": { resource: "credentials", as: "agency", steps: [5], send: (b, f) => b.post(`/eservices/${f.svc}/credentials`, {}) },
  "POST /eservices/:id/credentials/reset": { resource: "credentials", as: "officer", steps: [5], send: (b, f) => b.post(`/eservices/${f.svc}/credentials/reset`, {}) },
  "POST /eservices/:id/steps/5/icon": { resource: "icon", as: "agency", steps: [5], send: (b, f) => b.upload(`/eservices/${f.svc}/steps/5/icon`, { file: file(png(120, 120), "i.png", "image/png") }) },
  "POST /eservices/:id/steps/5/screenshots": { resource: "screenshots", as: "agency", steps: [5], send: (b, f) => b.upload(`/eservices/${f.svc}/steps/5/screenshots`, { file: file(png(300, 600), "s.png", "image/png") }) },
  "POST /eservices/:id/steps/5/screenshots/:fid/:op{up|down|delete}": { resource: "screenshots", as: "agency", steps: [5], send: (b, f) => b.post(`/eservices/${f.svc}/steps/5/screenshots/${f.screenshot}/delete`, {}) },
  "POST /eservices/:id/steps/7": { resource: "booking", as: "agency", steps: [7], send: (b, f) => b.post(`/eservices/${f.svc}/steps/7`, { requestedDate: "2026-12-01", intent: "confirm" }) },
  "POST /eservices/:id/golive/move": { resource: "booking", as: "officer", steps: [7], send: (b, f) => b.post(`/eservices/${f.svc}/golive/move`, { batchDate: "2026-12-08" }) },
};

/** Unsafe routes that are workflow moves (swept by the transition table's tests and the property test) or write nothing. */
const NOT_SUB_RESOURCE_WRITES = new Set([
  "POST /eservices/:id/steps/:no/submit",
  "POST /eservices/:id/steps/:no/review",
  "POST /eservices/:id/steps/7/preview",
  "POST /eservices/:id/steps/4/parts/:part/refresh",
  // Shows a tester's full national ID (recording the view), frozen step or not: it changes no tester.
  "POST /eservices/:id/steps/:no/testers/:tid/pid",
]);

function stepsOf(route: WriteRoute): number[] {
  return route.steps ?? STEPS.filter((s) => STEP_RESOURCES[s.key][route.resource]).map((s) => s.no);
}

/** Consistent states with step `stepNo` in `state`: the ones before approved, the ones after not reached. */
function statesWith(stepNo: number, state: StepState): StepState[] {
  return STEPS.map((s) => (s.no < stepNo ? (state === "locked" && s.no === stepNo - 1 ? "in_progress" : "done") : s.no === stepNo ? state : "locked"));
}

/** Everything a write to service `svc` could change: its own rows, and the shared logs by count. */
async function snapshot(svc: string): Promise<string> {
  const own = await Promise.all(
    ["eservices:id", "eservice_steps:eservice_id", "testers:eservice_id", "test_results:eservice_id", "eservice_files:eservice_id", "app_credentials:eservice_id"].map((spec) => {
      const [table, column] = spec.split(":");
      return t.db.all(sql.raw(`SELECT * FROM "${table}" WHERE "${column}" = '${svc}' ORDER BY rowid`));
    }),
  );
  const logs = await t.db.all(sql`SELECT (SELECT count(*) FROM audit_events) a, (SELECT count(*) FROM notifications) n, (SELECT count(*) FROM outbox_mail) m`);
  return JSON.stringify([own, logs]);
}

/** How many stored files there are: a refused upload must not leave its file behind. */
const storedFiles = () => (existsSync(join(t.dir, "files")) ? readdirSync(join(t.dir, "files"), { recursive: true }).length : 0);

let t: TestApp;
let agency: Browser;
let officer: Browser;
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date("2026-11-23T03:00:00Z")); // Monday 10:00 in Bangkok
  xlsxBytes = await xlsx();
  await t.db.insert(agencies).values({ id: "ag-1", nameTh: "กรมทดสอบ", nameEn: "Test Dept", ministry: "กระทรวงทดสอบ", createdAt: t.clock.now() });
  await createUser(t, { role: "agency", username: "agency.user", password: "Agency#2567", orgId: "ag-1" });
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
  agency = new Browser(t);
  await agency.login("agency.user", "Agency#2567");
  officer = new Browser(t);
  await officer.login("officer", "Officer#2567");
  // Any page gives each browser its CSRF token.
  await agency.get("/agency");
  await officer.get("/officer/reviews");
}, 30_000);
afterAll(() => t?.close());

/** A fresh service at `states`, with one of everything a write route may name, and a live booking. */
async function fixture(states: StepState[]): Promise<Fixture> {
  const svc = `svc-${++serial}`;
  const now = t.clock.now();
  await t.db.insert(eservices).values({ id: svc, agencyId: "ag-1", name: `บริการ ${serial}`, createdAt: now, updatedAt: now, goliveRequestedDate: "2026-11-24", goliveBatchDate: "2026-11-24", goliveConfirmedAt: now });
  await t.db.insert(eserviceSteps).values(states.map((state, i) => ({ eserviceId: svc, stepNo: i + 1, state, updatedAt: now })));
  const pidEnc = await encryptPid(await pidKeys(TEST_DATA_KEY), "1101700230368");
  const ids = { tester: `${svc}-t`, attempt: `${svc}-a`, screenshot: `${svc}-s` };
  for (const stepNo of [2, 5]) await t.db.insert(testers).values({ id: `${ids.tester}${stepNo === 5 ? "5" : ""}`, eserviceId: svc, stepNo, ...TESTER, os: "ios", pidEnc, createdAt: now });
  for (const stepNo of [3, 6]) {
    await t.db.insert(testResults).values({ id: `${ids.attempt}${stepNo === 6 ? "6" : ""}`, eserviceId: svc, stepNo, attemptNo: 1, details: "x", fileKey: `k-${svc}-${stepNo}`, fileName: "t.xlsx", size: 1, status: "pending", createdAt: now });
  }
  await t.db.insert(eserviceFiles).values({ id: ids.screenshot, eserviceId: svc, stepNo: 5, kind: "screenshot", fileKey: `k-${svc}-s`, fileName: "s.png", contentType: "image/png", size: 1, position: 1, createdAt: now });
  await t.db.insert(appCredentials).values({ eserviceId: svc, appId: `app-${svc}`, keyHash: null, keyHint: null, issuedAt: null, updatedAt: now });
  return { svc, ...ids };
}

/** The ids of the fixture's children for step `stepNo` (testers and attempts exist per step). */
function forStep(f: Fixture, stepNo: number): Fixture {
  return { ...f, tester: stepNo === 5 ? `${f.tester}5` : f.tester, attempt: stepNo === 6 ? `${f.attempt}6` : f.attempt };
}

describe("onboarding sub-resources frozen by the declaration", () => {
  it("maps every unsafe /eservices route of the router, and every declared sub-resource has a route", () => {
    const unsafe = routesOf(t.app).filter((r) => r.method !== "GET" && r.path.startsWith("/eservices"));
    const unmapped = unsafe.filter((r) => !WRITES[r.key] && !NOT_SUB_RESOURCE_WRITES.has(r.key)).map((r) => r.key);
    expect(unmapped, "routes missing from the sweep").toEqual([]);
    const stale = Object.keys(WRITES).filter((k) => !unsafe.some((r) => r.key === k));
    expect(stale, "sweep entries with no route").toEqual([]);

    for (const step of STEPS) {
      for (const resource of Object.keys(STEP_RESOURCES[step.key]) as SubResource[]) {
        const covered = Object.values(WRITES).some((w) => w.resource === resource && stepsOf(w).includes(step.no));
        expect(covered, `step ${step.no} declares ${resource} but no route writes it`).toBe(true);
      }
    }
    for (const [key, w] of Object.entries(WRITES)) {
      for (const stepNo of stepsOf(w)) {
        expect(STEP_RESOURCES[STEPS[stepNo - 1]!.key][w.resource], `${key} writes ${w.resource} of step ${stepNo}, which the workflow does not declare`).toBeDefined();
      }
    }
  });

  it("answers 409 and writes nothing in every frozen state, and writes in an open one", async () => {
    const problems: string[] = [];
    let frozenChecks = 0;
    for (const [key, route] of Object.entries(WRITES)) {
      const browser = route.as === "agency" ? agency : officer;
      for (const stepNo of stepsOf(route)) {
        let wroteWhenOpen = false;
        for (const state of STEP_STATES) {
          const states = statesWith(stepNo, state);
          const allowed = mayWrite(states, stepNo, route.resource, route.as);
          const f = forStep(await fixture(states), stepNo);
          const before = await snapshot(f.svc);
          const filesBefore = storedFiles();
          const res = await route.send(browser, f, stepNo);
          const after = await snapshot(f.svc);
          if (!allowed.ok) {
            frozenChecks++;
            if (res.status !== 409) problems.push(`${key} step ${stepNo} ${state} (${allowed.reason}): ${res.status}, expected 409`);
            if (after !== before) problems.push(`${key} step ${stepNo} ${state}: refused but the database changed`);
            if (storedFiles() !== filesBefore) problems.push(`${key} step ${stepNo} ${state}: refused but a stored file stayed`);
          } else if (!wroteWhenOpen) {
            if (res.status >= 400) problems.push(`${key} step ${stepNo} ${state}: allowed by the workflow but answered ${res.status}`);
            else if (after === before) problems.push(`${key} step ${stepNo} ${state}: allowed, answered ${res.status}, but wrote nothing`);
            else wroteWhenOpen = true;
          }
        }
        if (!wroteWhenOpen) problems.push(`${key} step ${stepNo}: no open state wrote anything`);
      }
    }
    expect(problems).toEqual([]);
    expect(frozenChecks).toBeGreaterThan(50);
  }, 60_000);
});
