/**
 * Forms posted after the session expired are parked, not lost: a 401 page with a
 * sign-in link, the text fields kept for the user whose session it was (never
 * password fields), given back once on the form's page to that same user only.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eserviceSteps, parkedForms, users } from "../../src/db/schema";
import { runScheduled } from "../../src/jobs";
import { SESSION_IDLE_MS } from "../../src/services/session";
import { agencyServiceAt, Browser, createTestApp, createUser, type TestApp } from "./helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
});
afterEach(() => t.close());

const OPEN_STEP_1 = ["in_progress", "locked", "locked", "locked", "locked", "locked", "locked"] as const;
const TYPED = { shortDescription: "ข้อความที่พิมพ์ไว้ <b>นาน</b>", fullDescription: "รายละเอียดยาวมาก", password: "ไม่ควรเก็บ" };
const NOTICE = "กู้คืนข้อมูลที่ท่านกรอกไว้แล้ว กรุณาตรวจสอบและกดบันทึก";

async function userId(username: string) {
  return (await t.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
}

/** The agency's step-1 form, posted after the session went idle. */
async function postTooLate(agency: Browser) {
  await agency.get("/eservices/svc-1/steps/1");
  t.clock.advance(SESSION_IDLE_MS + 60_000);
  return agency.post("/eservices/svc-1/steps/1", TYPED);
}

describe("a form posted after the session expired", () => {
  it("is parked for the user whose session it was, without password fields, and answered 401 with a sign-in link", async () => {
    const { agency } = await agencyServiceAt(t, [...OPEN_STEP_1]);
    const res = await postTooLate(agency);
    expect(res.status).toBe(401);
    expect(res.text).toContain("หมดเวลาการใช้งาน");
    expect(res.text).toContain("ข้อมูลที่ท่านกรอกไว้ถูกเก็บไว้ชั่วคราวแล้ว กรุณาเข้าสู่ระบบอีกครั้ง");
    expect(res.text).toContain(`href="/login?next=${encodeURIComponent("/eservices/svc-1/steps/1")}"`);
    const rows = await t.db.select().from(parkedForms);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.userId).toBe(await userId("agency.user"));
    expect(rows[0]!.fields.shortDescription).toBe(TYPED.shortDescription);
    expect(rows[0]!.fields).not.toHaveProperty("password");
    expect(rows[0]!.fields).not.toHaveProperty("_csrf");
    // Nothing was saved on the step by the refused post.
    const [step] = await t.db.select().from(eserviceSteps).where(and(eq(eserviceSteps.eserviceId, "svc-1"), eq(eserviceSteps.stepNo, 1)));
    expect(step!.answers).toBeNull();
  });

  it("parks an autosave that arrives too late under the form's page, answering a short notice", async () => {
    const { agency } = await agencyServiceAt(t, [...OPEN_STEP_1]);
    await agency.get("/eservices/svc-1/steps/1");
    t.clock.advance(SESSION_IDLE_MS + 60_000);
    const res = await agency.post("/eservices/svc-1/steps/1/draft", { fullDescription: "ร่างอัตโนมัติ" }, { headers: { "hx-request": "true" } });
    expect(res.status).toBe(401);
    expect(res.text).not.toContain("<html");
    expect(res.text).toContain("เข้าสู่ระบบอีกครั้ง");
    const [row] = await t.db.select().from(parkedForms);
    expect(row!.pagePath).toBe("/eservices/svc-1/steps/1");
  });

  it("comes back filled, escaped and once, when the same user signs in again", async () => {
    const { agency } = await agencyServiceAt(t, [...OPEN_STEP_1]);
    await postTooLate(agency);
    // The 401 page's link: the sign-in form carries `next` back to the form's page.
    await agency.get(`/login?next=${encodeURIComponent("/eservices/svc-1/steps/1")}`);
    const signedIn = await agency.post("/login", { username: "agency.user", password: "Agency#2567", next: "/eservices/svc-1/steps/1" });
    expect(signedIn.location).toBe("/eservices/svc-1/steps/1");
    const page = await agency.get("/eservices/svc-1/steps/1");
    expect(page.text).toContain(NOTICE);
    expect(page.text).toContain("ข้อความที่พิมพ์ไว้ &lt;b&gt;นาน&lt;/b&gt;");
    expect(page.text).toContain("รายละเอียดยาวมาก");
    expect(await t.db.select().from(parkedForms)).toHaveLength(0);
    const again = await agency.get("/eservices/svc-1/steps/1");
    expect(again.text).not.toContain(NOTICE);
    expect(again.text).not.toContain("รายละเอียดยาวมาก");
  });

  it("is never shown to another user signing in on that browser, and is discarded", async () => {
    const { agency } = await agencyServiceAt(t, [...OPEN_STEP_1]);
    await createUser(t, { role: "agency", username: "agency.other", password: "Agency#2567", orgId: "ag-1" });
    await postTooLate(agency);
    await agency.login("agency.other", "Agency#2567");
    const page = await agency.get("/eservices/svc-1/steps/1");
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(NOTICE);
    expect(page.text).not.toContain("รายละเอียดยาวมาก");
    expect(await t.db.select().from(parkedForms)).toHaveLength(0);
  });

  it("is swept by the every-minute job once its two hours are over", async () => {
    const { agency } = await agencyServiceAt(t, [...OPEN_STEP_1]);
    await postTooLate(agency);
    const deps = { db: t.db, clock: t.clock, mail: null, mailFrom: "t@example.com", appUrl: t.deps.config.appUrl };
    await runScheduled("* * * * *", deps);
    expect(await t.db.select().from(parkedForms)).toHaveLength(1);
    t.clock.advance(2 * 3600_000 + 60_000);
    await runScheduled("* * * * *", deps);
    expect(await t.db.select().from(parkedForms)).toHaveLength(0);
  });

  it("parks the university's request form and gives it back on the new-request page", async () => {
    const now = t.clock.now();
    const { universities } = await import("../../src/db/schema");
    await t.db.insert(universities).values({ id: "u-1", code: "01", nameTh: "มหาวิทยาลัยทดสอบ", nameEn: "Test University", createdAt: now } as never);
    await createUser(t, { role: "university", username: "uni.user", password: "Uni#2567pw", orgId: "u-1" });
    const uni = new Browser(t);
    await uni.login("uni.user", "Uni#2567pw");
    await uni.get("/university/requests/new");
    t.clock.advance(SESSION_IDLE_MS + 60_000);
    const res = await uni.post("/university/requests", { applicantFirstName: "เอกชัย", applicantPid: "1101700230368", fieldTh: "ฟิสิกส์" });
    expect(res.status).toBe(401);
    const [row] = await t.db.select().from(parkedForms);
    expect(row!.fields).not.toHaveProperty("applicantPid");
    await uni.login("uni.user", "Uni#2567pw");
    const page = await uni.get("/university/requests/new");
    expect(page.text).toContain(NOTICE);
    expect(page.text).toContain("เอกชัย");
  });
});
