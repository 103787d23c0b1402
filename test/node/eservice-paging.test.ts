/**
 * The agency's e-service list pages and filters in SQL, and the dashboard counts
 * groups of services: both must say exactly what the workflow's own definitions
 * (`currentStep` through `matchesStepFilter`, `dashboardBuckets`) say over every
 * service in memory, on random step states.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies, eservices, eserviceSteps } from "../../src/db/schema";
import { prng } from "../../src/db/prng";
import { dashboardCounts, matchesStepFilter } from "../../src/domain/onboarding/eservice-list";
import { dashboardBuckets, STEP_COUNT, STEP_STATES, type StepState } from "../../src/domain/onboarding/workflow";
import { pageServices, serviceShapes } from "../../src/services/onboarding/service";
import type { SessionUser } from "../../src/services/session";
import { createTestApp, type TestApp } from "./helpers";

const SEED = Number(process.env.PROPERTY_SEED ?? 20261202);
const rng = prng(SEED);
const agencyUser: SessionUser = { id: "ag-user", role: "agency", displayName: "ผู้ใช้หน่วยงาน", username: "ag", orgId: "ag-1", pidHmac: null, mustChangePassword: false };

let t: TestApp;
const made: { id: string; name: string; states: StepState[]; launched: boolean }[] = [];

/** Mostly the shapes the workflow makes (approved steps, then the current one, then locked), some anything. */
function randomStates(): StepState[] {
  if (rng.chance(0.2)) return Array.from({ length: STEP_COUNT }, () => rng.pick(STEP_STATES));
  const done = rng.int(0, STEP_COUNT);
  return Array.from({ length: STEP_COUNT }, (_, i) => (i < done ? "done" : i === done ? rng.pick(["in_progress", "in_review", "returned"] as const) : "locked"));
}

beforeAll(async () => {
  t = await createTestApp();
  const now = t.clock.now();
  await t.db.insert(agencies).values([
    { id: "ag-1", nameTh: "กรมหนึ่ง", nameEn: "One", ministry: "กระทรวง", createdAt: now },
    { id: "ag-2", nameTh: "กรมสอง", nameEn: "Two", ministry: "กระทรวง", createdAt: now },
  ]);
  for (let i = 0; i < 90; i++) {
    const states = randomStates();
    const launched = states.every((s) => s === "done") && rng.chance(0.6);
    // Names repeat, so the order must fall back to the id to page without gaps.
    const svc = { id: `es-${String(i).padStart(3, "0")}`, name: `บริการ ${rng.pick(["ก", "ข", "ค", "ง", "จ", "ฉ"])}${rng.int(1, 12)}`, states, launched };
    const agencyId = i % 9 === 0 ? "ag-2" : "ag-1";
    await t.db.insert(eservices).values({ id: svc.id, agencyId, name: svc.name, createdAt: now, updatedAt: now, launchedAt: launched ? now : null });
    await t.db.insert(eserviceSteps).values(states.map((state, k) => ({ eserviceId: svc.id, stepNo: k + 1, state, updatedAt: now })));
    if (agencyId === "ag-1") made.push(svc);
  }
});
afterAll(() => t.close());

const byNameThenId = (a: { name: string; id: string }, b: { name: string; id: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe(`agency e-service list and dashboard in SQL (seed ${SEED}; PROPERTY_SEED replays)`, () => {
  it("pages every step and state filter exactly as the workflow's definition filters in memory", async () => {
    const filters: { step?: number; state?: string }[] = [{}, ...[1, 2, 3, 4, 5, 6, 7].map((step) => ({ step })), ...STEP_STATES.map((state) => ({ state })), { step: 3, state: "returned" }, { step: 7, state: "in_review" }];
    let nonEmpty = 0;
    for (const f of filters) {
      const expected = made.filter((s) => matchesStepFilter(s.states, f.step, f.state)).sort(byNameThenId);
      const seen: { id: string; states: StepState[] }[] = [];
      let total = -1;
      for (let page = 1; page <= 100; page++) {
        const result = await pageServices(t.db, agencyUser, f, { page, pageSize: 7 });
        total = page === 1 ? result.total : total;
        if (result.rows.length === 0) break;
        seen.push(...result.rows);
      }
      expect(seen.map((s) => s.id), JSON.stringify(f)).toEqual(expected.map((s) => s.id));
      expect(seen.map((s) => s.states)).toEqual(expected.map((s) => s.states));
      expect(total, JSON.stringify(f)).toBe(expected.length);
      if (expected.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(10);
  });

  it("counts the dashboard's cards from grouped rows as the per-service predicates do", async () => {
    const shapes = await serviceShapes(t.db, "ag-1");
    expect(shapes.length).toBeLessThan(made.length);
    const perService = dashboardCounts(made.map((s) => ({ states: s.states, launched: s.launched, count: 1 })));
    expect(dashboardCounts(shapes)).toEqual(perService);
    expect(perService.total).toBe(made.length);
    // The sums are not all zero, so the comparison says something.
    const buckets = made.map((s) => dashboardBuckets(s.states, s.launched));
    expect(buckets.some((b) => b.waitingOnAgency) && buckets.some((b) => b.waitingOnOfficer) && buckets.some((b) => b.launched)).toBe(true);
  });
});
