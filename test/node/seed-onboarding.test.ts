/**
 * The demo e-services give every agency page something to open: step 4 with its
 * parts answered and ready to submit, step 5 with a tester and a screenshot, step 6
 * with a test attempt still editable; and each follows the workflow (one open step,
 * everything before it approved).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eservices, eserviceSteps } from "../../src/db/schema";
import { DEMO_ACCOUNTS, seedDemoData } from "../../src/db/seed";
import { currentStep, type StepState } from "../../src/domain/onboarding/workflow";
import { IDLE_AGENCY_ID } from "../../src/db/seed-onboarding-history";
import { onboardingOverview } from "../../src/services/insight-onboarding";
import { Browser, createTestApp, type TestApp } from "./helpers";

let t: TestApp;
let agency: Browser;
beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemoData(t.db, t.deps.kdf, t.clock.now(), t.deps.config.dataKey)).toBe(true);
  const account = DEMO_ACCOUNTS.find((a) => a.role === "agency")!;
  agency = new Browser(t);
  await agency.login(account.username, account.password);
});
afterAll(() => t.close());

describe("the demo e-services", () => {
  it("each have every step before the open one approved and none after it reached", async () => {
    const steps = await t.db.select().from(eserviceSteps);
    for (const svc of await t.db.select().from(eservices)) {
      const states = steps.filter((s) => s.eserviceId === svc.id).sort((a, b) => a.stepNo - b.stepNo).map((s) => s.state as StepState);
      const open = currentStep(states);
      if (!open) continue;
      expect(states.slice(0, open.no - 1).every((s) => s === "done"), svc.id).toBe(true);
      expect(states.slice(open.no).every((s) => s === "locked"), svc.id).toBe(true);
    }
  });

  it("open the step-4 parts and a check page with nothing missing, phones formatted", async () => {
    for (const part of [1, 2, 3]) expect((await agency.get(`/eservices/es-origin-cert/steps/4/parts/${part}`)).status).toBe(200);
    const check = await agency.get("/eservices/es-origin-cert/steps/4/check");
    expect(check.status).toBe(200);
    expect(check.text).toContain('<a href="tel:025075555" class="nowrap">02-507-5555</a>');
    expect(check.text).toContain("087-135-7910");
  });

  it("open the step-5 tester and screenshot pages", async () => {
    for (const path of ["testers/new", "testers/tester-demo-1/edit", "testers/tester-demo-1/delete", "screenshots/file-demo-screen/delete"]) {
      expect((await agency.get(`/eservices/es-trade-mark/steps/5/${path}`)).status, path).toBe(200);
    }
  });

  it("open the step-6 attempt's edit and delete pages", async () => {
    for (const path of ["attempts/attempt-demo-1/edit", "attempts/attempt-demo-1/delete"]) {
      expect((await agency.get(`/eservices/es-export-stats/steps/6/${path}`)).status, path).toBe(200);
    }
  });

  it("make the onboarding overview meaningful: every step reached, some returned, launched and booked services, an idle agency", async () => {
    const o = await onboardingOverview({ db: t.db, clock: t.clock });
    expect(o.funnel.every((f, i) => f.reached > 0 && (i === 0 || f.reached <= o.funnel[i - 1]!.reached))).toBe(true);
    expect(o.stepTimes.filter((s) => s.returns > 0).length).toBeGreaterThanOrEqual(4);
    expect(o.stepTimes.every((s) => s.summary !== null)).toBe(true);
    expect(o.launched).toBeGreaterThanOrEqual(8);
    expect(o.batches.filter((b) => b.count > 0).length).toBeGreaterThanOrEqual(2);
    expect(o.idleAgencies.map((a) => a.id)).toEqual([IDLE_AGENCY_ID]);
  });

  it("show the demo agency its service's days in the step with the typical time where enough services finished it", async () => {
    const dashboard = await agency.get("/agency?service=es-exporter-id");
    expect(dashboard.text).toMatch(/อยู่ขั้นนี้ \d+ วัน · ปกติ \d+ วัน/);
  });
});
