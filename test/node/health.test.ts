import { describe, expect, it } from "vitest";
import { createTestApp } from "./helpers";

describe("GET /healthz", () => {
  it("answers 200 with ok and db ok when the database answers", async () => {
    const t = await createTestApp();
    const res = await t.app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: "ok" });
    t.close();
  });

  it("answers 503 when the database is gone", async () => {
    const t = await createTestApp();
    t.close();
    const res = await t.app.request("/healthz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, db: "error" });
  });
});
