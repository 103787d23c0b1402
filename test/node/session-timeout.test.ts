/**
 * When the timeout warning's countdown runs out, the page posts its unsaved fields to
 * /session/timeout and goes to /signed-out: the fields are parked for the same user,
 * the session ends, and signing in again leads back to the form, filled. Nothing
 * typed is lost, whether the server had already ended the session or not.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, parkedForms } from "../../src/db/schema";
import { SESSION_IDLE_MS } from "../../src/services/session";
import { agencyServiceAt, createTestApp, createUser, TEST_ORIGIN, type Browser, type TestApp } from "./helpers";

let t: TestApp;
let agency: Browser;
beforeEach(async () => {
  t = await createTestApp();
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
  ({ agency } = await agencyServiceAt(t, ["in_progress", "locked", "locked", "locked", "locked", "locked", "locked"]));
});
afterEach(() => t.close());

const FORM = "/eservices/svc-1/steps/1";
const TYPED = "คำอธิบายที่พิมพ์ไว้ก่อนหมดเวลา";

/** As static/js/session-timeout.js posts it: the CSRF header, the form's fields, the page as Referer. */
function timeout(fields: Record<string, string>) {
  return agency.request("/session/timeout", {
    method: "POST",
    body: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", "x-csrf-token": agency.csrf!, origin: TEST_ORIGIN, referer: `${TEST_ORIGIN}${FORM}` },
  });
}

describe("the end of the timeout warning's countdown", () => {
  it("parks the unsaved form, signs out, and the form comes back filled after signing in again", async () => {
    const page = await agency.get(FORM);
    expect(page.text).toContain('data-timeout="/session/timeout"');
    const res = await timeout({ _csrf: agency.csrf!, shortDescription: TYPED });
    expect(res.status).toBe(204);
    expect(await t.db.select().from(parkedForms)).toHaveLength(1);
    const [logout] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.logout"));
    expect(logout?.data).toEqual({ reason: "idle" });

    // Signed out: the form's page now sends to sign-in.
    expect((await agency.get(FORM)).location).toContain("/login");
    const out = await agency.get(`/signed-out?next=${encodeURIComponent(FORM)}`);
    expect(out.status).toBe(200);
    expect(out.text).toContain("ออกจากระบบแล้วเนื่องจากไม่มีการใช้งาน");
    expect(out.text).toContain("ข้อมูลที่ท่านกรอกไว้และยังไม่ได้บันทึกถูกเก็บไว้ชั่วคราวแล้ว");
    expect(out.text).toContain(`href="/login?next=${encodeURIComponent(FORM)}"`);

    await agency.login("agency.user", "Agency#2567");
    const back = await agency.get(FORM);
    expect(back.text).toContain(TYPED);
    expect(back.text).toContain("กู้คืนข้อมูลที่ท่านกรอกไว้แล้ว");
  });

  it("parks the same way when the server had already ended the session", async () => {
    await agency.get(FORM);
    t.clock.advance(SESSION_IDLE_MS + 1000);
    const res = await timeout({ _csrf: agency.csrf!, shortDescription: TYPED });
    expect(res.status).toBe(401);
    expect((await t.db.select().from(parkedForms))[0]?.pagePath).toBe(FORM);
  });

  it("with nothing typed, signs out and says so without promising a form", async () => {
    await agency.get(FORM);
    expect((await timeout({})).status).toBe(204);
    expect(await t.db.select().from(parkedForms)).toEqual([]);
    const out = await agency.get("/signed-out");
    expect(out.text).toContain("ออกจากระบบแล้วเนื่องจากไม่มีการใช้งาน");
    expect(out.text).not.toContain("ถูกเก็บไว้ชั่วคราว");
    expect(out.text).toContain('href="/login"');
  });

  it("is refused without the page's CSRF token, and the session goes on", async () => {
    await agency.get(FORM);
    const res = await agency.request("/session/timeout", { method: "POST", headers: { origin: TEST_ORIGIN } });
    expect(res.status).toBe(403);
    expect((await agency.get(FORM)).status).toBe(200);
  });

  it("sends a signed-in visitor of /signed-out on to the page asked for", async () => {
    const res = await agency.get(`/signed-out?next=${encodeURIComponent(FORM)}`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(FORM);
  });
});
