import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { preparedOnce } from "../../src/db/client";
import { bind, runBound } from "../../src/db/prepared-batch";
import { rateLimits, universities } from "../../src/db/schema";
import { boundRateLimitHit, rateLimitHit } from "../../src/services/rate-limit";
import { createTestApp, type TestApp } from "./helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await t.db.insert(universities).values([
    { id: "uni-a", code: "00100", nameTh: "มหาวิทยาลัยเอ", nameEn: "University A" },
    { id: "uni-b", code: "00200", nameTh: "มหาวิทยาลัยบี", nameEn: "University B" },
  ]);
});
afterEach(() => t.close());

const byId = preparedOnce((db) => db.select().from(universities).where(eq(universities.id, sql.placeholder("id"))).prepare());
const codes = preparedOnce((db) => db.select({ code: universities.code }).from(universities).orderBy(universities.code).prepare());

describe("queries prepared once and sent as one batch", () => {
  it("gives what db.batch gives for the same queries built each time", async () => {
    const bound = await runBound(t.db, [bind(byId(t.db), { id: "uni-b" }), bind(codes(t.db), {}), bind(byId(t.db), { id: "nobody" })] as const);
    const built = await t.db.batch([
      t.db.select().from(universities).where(eq(universities.id, "uni-b")),
      t.db.select({ code: universities.code }).from(universities).orderBy(universities.code),
      t.db.select().from(universities).where(eq(universities.id, "nobody")),
    ]);
    expect(bound).toEqual(built);
    expect(bound[0][0]!.nameTh).toBe("มหาวิทยาลัยบี");
    // The same handle, the same prepared query object: built once.
    expect(byId(t.db)).toBe(byId(t.db));
  });

  it("binds a rate-limit hit to the same upsert as the builder, counting and refusing alike", async () => {
    const rule = { limit: 2, windowMs: 60_000 };
    const now = t.clock.now();
    const [first] = await runBound(t.db, [boundRateLimitHit(t.db, "k:bound", rule, now)] as const);
    const [second] = await t.db.batch([rateLimitHit(t.db, "k:bound", rule, now)]);
    const [third] = await runBound(t.db, [boundRateLimitHit(t.db, "k:bound", rule, now)] as const);
    expect([first, second, third]).toEqual([[{ windowStart: now.getTime() }], [{ windowStart: now.getTime() }], []]);
    const [row] = await t.db.select().from(rateLimits).where(eq(rateLimits.key, "k:bound"));
    expect(row!.count).toBe(2);
    // A new window starts over.
    const later = new Date(now.getTime() + rule.windowMs);
    const [fresh] = await runBound(t.db, [boundRateLimitHit(t.db, "k:bound", rule, later)] as const);
    expect(fresh).toEqual([{ windowStart: later.getTime() }]);
  });
});
