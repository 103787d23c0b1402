/**
 * The e-Service onboarding overview on hand-made services: the funnel, each step's
 * median days (a returned step's whole stay counted) and return rate, the next
 * four batches across a Monday-noon cutoff, the idle rule, the agency's "days in
 * this step" line, and the page and its two files.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies, auditEvents, eservices, eserviceSteps } from "../../src/db/schema";
import { timeSummary } from "../../src/domain/insight";
import { approvedStepDays, type StepTimes } from "../../src/domain/onboarding-insight";
import type { StepState } from "../../src/domain/onboarding/workflow";
import { onboardingOverview, stepTimeLines, typicalStepTimes } from "../../src/services/insight-onboarding";
import { readWorkbook } from "../../src/services/xlsx/read";
import { Browser, createTestApp, createUser, TEST_ORIGIN, type TestApp } from "./helpers";

const DAY = 86_400_000;
let t: TestApp;
let now: number;

interface Made {
  id: string;
  agencyId: string;
  createdAgo: number;
  /** Per step: its state and, for an approved step, how many days ago it was approved (null: never stamped). */
  steps: [StepState, number | null][];
  updatedAgo?: number;
  launchedAgo?: number;
  batch?: string;
  /** Officers' decisions as the review use case records them: [step, "return" | "approve"]. */
  decisions?: [number, "return" | "approve"][];
}

const L: [StepState, null] = ["locked", null];
const allDone = (firstApprovedAgo: number, every: number): [StepState, number][] => Array.from({ length: 7 }, (_, i) => ["done", firstApprovedAgo - i * every]);

const SERVICES: Made[] = [
  // Step 1 took 10 days; step 2 was returned once and took 20 days in all; step 3 open for 10 days.
  { id: "s1", agencyId: "ag-1", createdAgo: 40, steps: [["done", 30], ["done", 10], ["in_progress", null], L, L, L, L], decisions: [[1, "approve"], [2, "return"], [2, "approve"]] },
  // Step 1 took 6 days; step 2 waits for an officer.
  { id: "s2", agencyId: "ag-1", createdAgo: 20, steps: [["done", 14], ["in_review", null], L, L, L, L, L], decisions: [[1, "approve"]] },
  // Step 1 sent back.
  { id: "s3", agencyId: "ag-1", createdAgo: 5, steps: [["returned", null], L, L, L, L, L, L], decisions: [[1, "return"]] },
  // Every step 4 days, launched in a past batch.
  { id: "s4", agencyId: "ag-1", createdAgo: 40, steps: allDone(36, 4), launchedAgo: 6, batch: "2026-11-17" },
  // Every step 4 days, booked for this week's batch.
  { id: "s5", agencyId: "ag-1", createdAgo: 40, steps: allDone(36, 4), batch: "2026-11-24" },
  // Idle: nothing changed for 45 days.
  { id: "s6", agencyId: "ag-2", createdAgo: 100, updatedAgo: 45, steps: [["in_progress", null], L, L, L, L, L, L] },
  // All approved before reviews were stamped (no times), booked three weeks out.
  { id: "s7", agencyId: "ag-1", createdAgo: 60, steps: Array.from({ length: 7 }, () => ["done", null] as [StepState, null]), batch: "2026-12-15" },
];

const ago = (days: number) => new Date(now - days * DAY);

function stepTimes(m: Made): StepTimes[] {
  return m.steps.map(([state, approvedAgo], i) => ({ stepNo: i + 1, state, submittedAt: approvedAgo === null ? null : now - (approvedAgo + 1) * DAY, reviewedAt: approvedAgo === null ? null : now - approvedAgo * DAY }));
}

beforeAll(async () => {
  t = await createTestApp();
  // Monday 23 Nov 2026, 10:00 in Bangkok: before the cutoff for Tuesday the 24th.
  now = t.clock.now().getTime();
  await t.db.insert(agencies).values([
    { id: "ag-1", nameTh: "กรมเคลื่อนไหว", nameEn: "Busy", ministry: "กระทรวง", createdAt: ago(200) },
    { id: "ag-2", nameTh: "กรมเงียบ", nameEn: "Quiet", ministry: "กระทรวง", createdAt: ago(200) },
  ]);
  for (const m of SERVICES) {
    const updatedAt = ago(m.updatedAgo ?? 0);
    await t.db.insert(eservices).values({
      id: m.id,
      agencyId: m.agencyId,
      name: `บริการ ${m.id}`,
      createdAt: ago(m.createdAgo),
      updatedAt,
      launchedAt: m.launchedAgo === undefined ? null : ago(m.launchedAgo),
      goliveBatchDate: m.batch ?? null,
      goliveConfirmedAt: m.batch ? ago(10) : null,
    });
    await t.db.insert(eserviceSteps).values(
      stepTimes(m).map((s) => ({ eserviceId: m.id, stepNo: s.stepNo, state: s.state as StepState, submittedAt: s.submittedAt === null ? null : new Date(s.submittedAt), reviewedAt: s.reviewedAt === null ? null : new Date(s.reviewedAt), updatedAt })),
    );
    for (const [stepNo, decision] of m.decisions ?? []) {
      await t.db.insert(auditEvents).values({ at: ago(1), actorId: "officer-1", action: `eservice.step.${decision}`, subjectType: "eservice", subjectId: m.id, data: { stepNo } });
    }
  }
  // A save by the agency is no decision and must not count.
  await t.db.insert(auditEvents).values({ at: ago(1), actorId: "agency-1", action: "eservice.step.save_draft", subjectType: "eservice", subjectId: "s3", data: { stepNo: 1 } });
});
afterAll(() => t.close());

describe("onboarding overview service", () => {
  it("counts services that reached each step, and whose move it is at their open step", async () => {
    const o = await onboardingOverview({ db: t.db, clock: t.clock });
    expect(o.total).toBe(7);
    expect(o.funnel.map((f) => f.reached)).toEqual([7, 5, 4, 3, 3, 3, 3]);
    expect(o.funnel.map((f) => f.withAgency)).toEqual([2, 0, 1, 0, 0, 0, 0]);
    expect(o.funnel.map((f) => f.withOfficer)).toEqual([0, 1, 0, 0, 0, 0, 0]);
    expect({ launched: o.launched, awaitingLaunch: o.awaitingLaunch }).toEqual({ launched: 1, awaitingLaunch: 2 });
  });

  it("gives each step the median days approved steps took, as timeSummary does over every step history", async () => {
    const o = await onboardingOverview({ db: t.db, clock: t.clock });
    const perService = SERVICES.map((m) => approvedStepDays(now - m.createdAgo * DAY, stepTimes(m)));
    const expected = [1, 2, 3, 4, 5, 6, 7].map((no) => timeSummary(perService.flatMap((d) => (d.has(no) ? [d.get(no)!] : [])), 1));
    expect(o.stepTimes.map((s) => s.summary)).toEqual(expected);
    // Step 1: 10, 6, 4, 4 days; step 2: 20 (returned once), 4, 4.
    expect(o.stepTimes[0]!.summary).toEqual({ medianDays: 5, p80Days: 8, count: 4 });
    expect(o.stepTimes[1]!.summary).toEqual({ medianDays: 4, p80Days: 14, count: 3 });
  });

  it("rates returns among the officers' decisions on each step", async () => {
    const o = await onboardingOverview({ db: t.db, clock: t.clock });
    expect(o.stepTimes.slice(0, 3).map((s) => [s.returns, s.approvals, s.returnRate])).toEqual([
      [1, 2, 1 / 3],
      [1, 1, 0.5],
      [0, 0, null],
    ]);
  });

  it("lists the next four Tuesday batches with their counts, moving on a week at Monday noon", async () => {
    const before = await onboardingOverview({ db: t.db, clock: t.clock });
    expect(before.batches).toEqual([
      { date: "2026-11-24", count: 1 },
      { date: "2026-12-01", count: 0 },
      { date: "2026-12-08", count: 0 },
      { date: "2026-12-15", count: 1 },
    ]);
    const noon = { db: t.db, clock: { now: () => new Date("2026-11-23T05:00:00Z") } };
    expect((await onboardingOverview(noon)).batches.map((b) => [b.date, b.count])).toEqual([
      ["2026-12-01", 0],
      ["2026-12-08", 0],
      ["2026-12-15", 1],
      ["2026-12-22", 0],
    ]);
  });

  it("names agencies with a service unchanged for over 30 days and not launched", async () => {
    const o = await onboardingOverview({ db: t.db, clock: t.clock });
    expect(o.idleAgencies).toEqual([{ id: "ag-2", name: "กรมเงียบ", services: 1, since: ago(45) }]);
    const later = { db: t.db, clock: { now: () => ago(-31) } };
    // A month on, every service not launched is idle (s4 was launched).
    expect((await onboardingOverview(later)).idleAgencies.map((a) => [a.id, a.services])).toEqual([
      ["ag-2", 1],
      ["ag-1", 5],
    ]);
  });
});

describe("the agency's days in the current step", () => {
  /** A listed service as the list hands it over: states and step times from the rows it read. */
  const listed = (id: string) => {
    const m = SERVICES.find((x) => x.id === id)!;
    return { id, createdAt: ago(m.createdAgo), states: m.steps.map(([state]) => state), times: stepTimes(m) };
  };

  it("counts from the approval of the step before, or creation for step 1, and skips finished services", async () => {
    const lines = await stepTimeLines({ db: t.db, clock: t.clock }, ["s1", "s2", "s3", "s4"].map(listed));
    expect(Object.fromEntries(lines)).toEqual({ s1: "อยู่ขั้นนี้ 10 วัน", s2: "อยู่ขั้นนี้ 14 วัน", s3: "อยู่ขั้นนี้ 5 วัน" });
  });

  it("adds the typical time only once 20 services informed it", async () => {
    expect((await typicalStepTimes({ db: t.db, clock: t.clock })).get(1)).toBeNull();
    // Twenty more services whose step 1 took 9 days.
    for (let i = 0; i < 20; i++) {
      const id = `t${i}`;
      await t.db.insert(eservices).values({ id, agencyId: "ag-1", name: `เพิ่ม ${i}`, createdAt: ago(30), updatedAt: ago(0) });
      await t.db.insert(eserviceSteps).values([
        { eserviceId: id, stepNo: 1, state: "done", submittedAt: ago(23), reviewedAt: ago(21), updatedAt: ago(0) },
        { eserviceId: id, stepNo: 2, state: "in_progress", updatedAt: ago(0) },
      ]);
    }
    // The agency's typical times are kept for an hour.
    expect((await stepTimeLines({ db: t.db, clock: t.clock }, ["s3"].map(listed))).get("s3")).toBe("อยู่ขั้นนี้ 5 วัน");
    t.clock.advance(61 * 60_000);
    const lines = await stepTimeLines({ db: t.db, clock: t.clock }, ["s3", "s2"].map(listed));
    expect(lines.get("s3")).toBe("อยู่ขั้นนี้ 5 วัน · ปกติ 9 วัน");
    expect(lines.get("s2")).toBe("อยู่ขั้นนี้ 14 วัน");
  });

  it("shows the line on the agency's dashboard and e-service list", async () => {
    await createUser(t, { role: "agency", username: "agency.one", password: "Agency#2567", orgId: "ag-1" });
    const agency = new Browser(t);
    await agency.login("agency.one", "Agency#2567");
    const dashboard = await agency.get("/agency?service=s3");
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain("อยู่ขั้นนี้ 5 วัน · ปกติ 9 วัน");
    const list = await agency.get(`/agency/eservices?${new URLSearchParams({ q: "บริการ s" })}`);
    expect(list.text).toContain("อยู่ขั้นนี้ 10 วัน");
    expect(list.text).toContain("อยู่ขั้นนี้ 14 วัน");
  });
});

describe("/officer/onboarding", () => {
  let officer: Browser;
  beforeAll(async () => {
    await createUser(t, { role: "officer", username: "officer.one", password: "Officer#2567" });
    officer = new Browser(t);
    await officer.login("officer.one", "Officer#2567");
  });

  it("renders the charts with their tables, the batches in Buddhist dates and links to the idle agency", async () => {
    const page = await officer.get("/officer/onboarding");
    expect(page.status).toBe(200);
    expect(page.text).toContain("ภาพรวมการเชื่อมต่อ e-Service");
    expect(page.text.match(/<svg class="chart chart-bars"/g)?.length).toBe(3);
    expect(page.text.match(/<caption/g)?.length).toBe(4);
    expect(page.text).toContain("24 พ.ย. 2569");
    expect(page.text).toContain('href="/officer/agencies/ag-2"');
    expect(page.text).toContain('href="/officer/batches"');
  });

  it("exports the same tables as CSV (BOM, formula-safe) and as a workbook", async () => {
    const csv = await officer.get("/officer/onboarding.csv");
    expect(csv.res.headers.get("content-type")).toContain("text/csv");
    expect(csv.text).toContain("เปิดให้บริการแล้ว,1");
    expect(csv.text).toContain("2026-11-24,1");

    // Read the bytes as they come (Browser reads the body as text).
    const xlsx = await t.app.request(`${TEST_ORIGIN}/officer/onboarding.xlsx`, { headers: { cookie: [...officer.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
    expect(xlsx.status).toBe(200);
    const [sheet] = readWorkbook(new Uint8Array(await xlsx.arrayBuffer()));
    const rows = sheet!.rows.map((r) => r.cells);
    expect(rows).toContainEqual(["1. ขอ Credential", "27", "2", "0"]);
    expect(rows).toContainEqual(["กรมเงียบ", "ag-2", "1", expect.stringContaining("2569")]);
  });
});
