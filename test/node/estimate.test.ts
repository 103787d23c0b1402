import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { academicRequests } from "../../src/db/schema";
import { seedAcademicDemo } from "../../src/db/seed-academic";
import { pidKeys } from "../../src/services/pid-crypto";
import { estimateRemaining, getRequestFor } from "../../src/services/requests";
import type { SessionUser } from "../../src/services/session";
import { contextFor, createTestApp, TEST_DATA_KEY, type TestApp } from "./helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await seedAcademicDemo(t.db, await pidKeys(TEST_DATA_KEY), t.clock.now());
});
afterEach(() => t.close());

const officer: SessionUser = { id: "o", role: "officer", displayName: "o", username: "o", orgId: null, pidHmac: null, mustChangePassword: false };

describe("the honest time range", () => {
  it("comes from the real durations of finished requests of the same position and stage, and flags an old one", async () => {
    const [row] = await t.db.select({ id: academicRequests.id }).from(academicRequests).where(eq(academicRequests.ticketNo, "2567-00100-0003"));
    const req = (await getRequestFor(t.db, officer, row!.id))!;
    const estimate = (await estimateRemaining(t.db, req, t.clock.now()))!;
    expect(estimate.range!.samples).toBeGreaterThanOrEqual(20);
    expect(estimate.range!.lowDays).toBeLessThanOrEqual(estimate.range!.highDays);
    // The manual's request has sat in its stage since 2024: past the 80th percentile.
    expect(estimate.overdue).toBe(true);
  });

  it("says nothing for a position with too few finished requests", async () => {
    const [row] = await t.db.select({ id: academicRequests.id }).from(academicRequests).where(eq(academicRequests.ticketNo, "2567-00500-0005"));
    // The demo finishes 20+ requests of every position (the public processing times show
    // them all); leave this one's position, รศ., with a handful.
    const finishedAssociates = await t.db
      .select({ id: academicRequests.id })
      .from(academicRequests)
      .where(and(eq(academicRequests.position, "associate_professor"), eq(academicRequests.status, "finished")));
    expect(finishedAssociates.length).toBeGreaterThanOrEqual(20);
    for (const { id } of finishedAssociates.slice(5)) await t.db.update(academicRequests).set({ position: "professor" }).where(eq(academicRequests.id, id));
    const req = (await getRequestFor(t.db, officer, row!.id))!;
    const estimate = await estimateRemaining(t.db, req, t.clock.now());
    expect(estimate?.range ?? null).toBeNull();
  });
});

describe("the stored time ranges", () => {
  it("are computed once, then recomputed when a request of the same position has finished since", async () => {
    const { applyOfficerAction } = await import("../../src/services/requests");
    const { durationEstimates } = await import("../../src/db/schema");
    const [row] = await t.db.select({ id: academicRequests.id }).from(academicRequests).where(eq(academicRequests.ticketNo, "2567-00100-0003"));
    const req = (await getRequestFor(t.db, officer, row!.id))!;
    const first = (await estimateRemaining(t.db, req, t.clock.now()))!;
    const stored = await t.db.select().from(durationEstimates).where(eq(durationEstimates.position, req.position!));
    expect(stored.find((e) => e.status === req.status)).toMatchObject({ samples: first.range!.samples, p80Days: first.range!.p80Days });

    // A request of the same position, in committee, finishes now.
    const [other] = await t.db
      .select({ id: academicRequests.id })
      .from(academicRequests)
      .where(and(eq(academicRequests.position, req.position!), eq(academicRequests.status, "committee")))
      .limit(1);
    t.clock.advance(60_000);
    const done = await applyOfficerAction(contextFor(t, officer), other!.id, "finish", { note: "อนุมัติ" });
    expect(done.ok).toBe(true);
    await estimateRemaining(t.db, req, t.clock.now());
    const [again] = await t.db
      .select()
      .from(durationEstimates)
      .where(and(eq(durationEstimates.position, req.position!), eq(durationEstimates.status, req.status)));
    expect(again!.basisFinishedAt!.getTime()).toBe(t.clock.now().getTime());
  });
});

describe("queue numbers on list pages", () => {
  it("equal each request's place in the live queue order, on every page of the officer's list", async () => {
    const { queueOrder, searchRequests, listForApplicant } = await import("../../src/services/requests");
    const order = new Map((await queueOrder(t.db)).map((q) => [q.id, q.queueNo]));
    const keys = await pidKeys(TEST_DATA_KEY);
    for (let page = 1; page <= 2; page++) {
      const { rows } = await searchRequests(t.db, officer, { page }, { keys, now: t.clock.now() });
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.queueNo, row.ticketNo ?? row.id).toBe(order.get(row.id) ?? null);
    }
    const { DEMO_CITIZENS } = await import("../../src/db/demo-citizens");
    const { pidLookupHash } = await import("../../src/services/pid-crypto");
    const applicant: SessionUser = { ...officer, role: "applicant", pidHmac: await pidLookupHash(keys, DEMO_CITIZENS[0]!.pid) };
    const mine = await listForApplicant(t.db, applicant);
    expect(mine.map((m) => m.ticketNo).sort()).toEqual(["2567-00100-0003", "2567-00500-0005"]);
    expect(mine.find((m) => m.ticketNo === "2567-00100-0003")!.queueNo).toBe(1);
  });
});
