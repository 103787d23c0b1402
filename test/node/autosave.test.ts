/**
 * Autosave while typing: partial answers are stored (incomplete is fine), an
 * invalid value does not replace a valid stored one, and the write rules of the
 * onboarding declaration hold (a step sent for review refuses).
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eserviceSteps } from "../../src/db/schema";
import { agencyServiceAt, createTestApp, createUser, type TestApp } from "./helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
});
afterEach(() => t.close());

const answersOf = async (stepNo: number) =>
  ((await t.db.select().from(eserviceSteps).where(and(eq(eserviceSteps.eserviceId, "svc-1"), eq(eserviceSteps.stepNo, stepNo))))[0]!.answers ?? {}) as Record<string, unknown>;
const htmx = { headers: { "hx-request": "true" } };

describe("autosave of step 1", () => {
  it("stores a half-filled form and answers the Thai notice with the Bangkok time", async () => {
    const { agency } = await agencyServiceAt(t, ["in_progress", "locked", "locked", "locked", "locked", "locked", "locked"]);
    await agency.get("/eservices/svc-1/steps/1");
    const res = await agency.post("/eservices/svc-1/steps/1/draft", { shortDescription: "ยื่นคำขอออนไลน์" }, htmx);
    expect(res.status).toBe(200);
    // The test clock stands at 03:00 UTC: 10:00 in Bangkok.
    expect(res.text).toContain("บันทึกร่างแล้ว เวลา 10:00");
    expect(res.text).not.toContain("<html");
    expect((await answersOf(1)).shortDescription).toBe("ยื่นคำขอออนไลน์");
  });

  it("keeps a valid stored launch date when the one being typed is invalid, but stores a cleared field", async () => {
    const { agency } = await agencyServiceAt(t, ["in_progress", "locked", "locked", "locked", "locked", "locked", "locked"]);
    await agency.get("/eservices/svc-1/steps/1");
    await agency.post("/eservices/svc-1/steps/1/draft", { launchDate: "2027-03-01", fullDescription: "รายละเอียด" }, htmx);
    const res = await agency.post("/eservices/svc-1/steps/1/draft", { launchDate: "2099-01-01", fullDescription: "" }, htmx);
    expect(res.status).toBe(200);
    const stored = await answersOf(1);
    expect(stored.launchDate).toBe("2027-03-01");
    expect(stored.fullDescription).toBe("");
  });

  it("refuses on a step sent for review and writes nothing", async () => {
    const { agency } = await agencyServiceAt(t, ["in_review", "locked", "locked", "locked", "locked", "locked", "locked"]);
    await agency.get("/eservices/svc-1/steps/1");
    const res = await agency.post("/eservices/svc-1/steps/1/draft", { shortDescription: "ไม่ควรบันทึก" }, htmx);
    expect(res.status).toBe(409);
    expect(res.text).toContain("บันทึกร่างไม่ได้");
    expect((await answersOf(1)).shortDescription).toBeUndefined();
  });

  it("refuses on a locked step", async () => {
    const { agency } = await agencyServiceAt(t, ["in_progress", "locked", "locked", "locked", "locked", "locked", "locked"]);
    await agency.get("/eservices/svc-1/steps/1");
    const res = await agency.post("/eservices/svc-1/steps/2/draft", { landingUrl: "https://a.go.th/" }, htmx);
    expect(res.status).toBe(409);
    expect((await answersOf(2)).landingUrl).toBeUndefined();
  });
});

describe("autosave of a step-4 part", () => {
  it("stores one part's partial answers without touching the other parts", async () => {
    const D = "done" as const;
    const { agency } = await agencyServiceAt(t, [D, D, D, "in_progress", "locked", "locked", "locked"]);
    await agency.get("/eservices/svc-1/steps/4/parts/2");
    const res = await agency.post("/eservices/svc-1/steps/4/parts/2/draft", { description: "คำอธิบายบริการ" }, htmx);
    expect(res.status).toBe(200);
    expect(res.text).toContain("บันทึกร่างแล้ว");
    const stored = await answersOf(4);
    expect(stored.description).toBe("คำอธิบายบริการ");
    const page = await agency.get("/eservices/svc-1/steps/4/parts/2");
    expect(page.text).toContain("คำอธิบายบริการ");
    expect(page.text).toContain('hx-post="/eservices/svc-1/steps/4/parts/2/draft"');
  });
});
