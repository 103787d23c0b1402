import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { academicRequests } from "../../src/db/schema";
import { seedAcademicDemo } from "../../src/db/seed-academic";
import { pidKeys } from "../../src/services/pid-crypto";
import { estimateRemaining, getRequestFor } from "../../src/services/requests";
import type { SessionUser } from "../../src/services/session";
import { createTestApp, TEST_DATA_KEY, type TestApp } from "./helpers";

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
    const req = (await getRequestFor(t.db, officer, row!.id))!;
    const estimate = await estimateRemaining(t.db, req, t.clock.now());
    expect(estimate?.range ?? null).toBeNull();
  });
});
