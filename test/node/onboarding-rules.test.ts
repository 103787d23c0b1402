import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, eservices, eserviceSteps, notifications, outboxMail } from "../../src/db/schema";
import type { StepState } from "../../src/domain/onboarding/workflow";
import { agencyServiceAt, Browser, createTestApp, createUser, type TestApp } from "./helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
});
afterEach(() => t.close());

const D = "done" as const;
// Monday 23 Nov 2026, 10:00 in Bangkok: this week's Tuesday (24 Nov) is still open.
const mondayMorning = new Date("2026-11-23T03:00:00Z");


const serviceAt = (states: StepState[]) => agencyServiceAt(t, states, { email: "agency@dept.go.th" });

async function confirmNov24(agency: Browser) {
  await agency.get("/eservices/svc-1/steps/7");
  const res = await agency.post("/eservices/svc-1/steps/7", { requestedDate: "2026-11-24", note: "พร้อม", intent: "confirm" });
  expect(res.status).toBe(303);
}

describe("the officer's comments reach the agency", () => {
  it("shows a return's general comment on the step page, in the notification and in the e-mail", async () => {
    t.clock.set(mondayMorning);
    const { agency, officer } = await serviceAt([D, D, D, D, D, D, "in_progress"]);
    await confirmNov24(agency);
    await officer.get("/eservices/svc-1/steps/7");
    const returned = await officer.post("/eservices/svc-1/steps/7/review", { decision: "return", "comment.general": "วันที่ตรงกับวันหยุดราชการ <b>เลือกใหม่</b>" });
    expect(returned.status).toBe(303);

    const page = await agency.get("/eservices/svc-1/steps/7");
    expect(page.text).toContain("ความเห็นของเจ้าหน้าที่");
    expect(page.text).toContain("วันที่ตรงกับวันหยุดราชการ &lt;b&gt;เลือกใหม่&lt;/b&gt;");
    const notes = await t.db.select().from(notifications).where(eq(notifications.eserviceId, "svc-1"));
    expect(notes.some((n) => n.text.includes("วันที่ตรงกับวันหยุดราชการ"))).toBe(true);
    const mail = await t.db.select().from(outboxMail);
    expect(mail.some((m) => m.to === "agency@dept.go.th" && m.text.includes("ความเห็นทั่วไป: วันที่ตรงกับวันหยุดราชการ"))).toBe(true);
  });

  it("keeps an approval's general comment for the agency too", async () => {
    const { agency, officer } = await serviceAt(["in_review", "locked", "locked", "locked", "locked", "locked", "locked"]);
    await officer.get("/eservices/svc-1/steps/1");
    expect((await officer.post("/eservices/svc-1/steps/1/review", { decision: "approve", "comment.general": "ผ่าน แต่ควรย่อคำอธิบาย" })).status).toBe(303);
    expect((await agency.get("/eservices/svc-1/steps/1")).text).toContain("ผ่าน แต่ควรย่อคำอธิบาย");
  });

  it("refuses a return without any comment, and ignores comments on fields the step does not have", async () => {
    const { officer } = await serviceAt(["in_review", "locked", "locked", "locked", "locked", "locked", "locked"]);
    await officer.get("/eservices/svc-1/steps/1");
    const bare = await officer.post("/eservices/svc-1/steps/1/review", { decision: "return", "comment.notAField": "x" });
    expect(bare.status).toBe(422);
    expect(bare.text).toContain("กรุณาเขียนความเห็นอย่างน้อย 1 ช่องเมื่อส่งกลับแก้ไข");
    const [step] = await t.db.select().from(eserviceSteps).where(eq(eserviceSteps.stepNo, 1));
    expect(step!.state).toBe("in_review");
  });
});

describe("a confirmed go-live date", () => {
  it("cannot be changed by the agency once confirmed", async () => {
    t.clock.set(mondayMorning);
    const { agency } = await serviceAt([D, D, D, D, D, D, "in_progress"]);
    await confirmNov24(agency);
    const again = await agency.post("/eservices/svc-1/steps/7", { requestedDate: "2026-12-08", intent: "confirm" });
    expect(again.status).toBe(409);
    const [row] = await t.db.select().from(eservices).where(eq(eservices.id, "svc-1"));
    expect(row!.goliveBatchDate).toBe("2026-11-24");
  });

  it("is cancelled outright when an officer returns step 7: one state for the agency, nothing for the batch job", async () => {
    t.clock.set(mondayMorning);
    const { agency, officer } = await serviceAt([D, D, D, D, D, D, "in_progress"]);
    await confirmNov24(agency);
    await officer.get("/eservices/svc-1/steps/7");
    expect((await officer.post("/eservices/svc-1/steps/7/review", { decision: "return", "comment.general": "เลือกวันใหม่" })).status).toBe(303);

    const [row] = await t.db.select().from(eservices).where(eq(eservices.id, "svc-1"));
    expect(row!.goliveConfirmedAt).toBeNull();
    expect(row!.goliveBatchDate).toBeNull();
    const cancelled = (await t.db.select().from(auditEvents)).filter((e) => e.action === "eservice.golive_cancelled");
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.data).toMatchObject({ batchDate: "2026-11-24", reason: { general: "เลือกวันใหม่" } });
    const notes = await t.db.select().from(notifications).where(eq(notifications.eserviceId, "svc-1"));
    expect(notes.some((n) => n.text.includes("ยกเลิกการจองรอบเปิดให้บริการ"))).toBe(true);

    const page = await agency.get("/eservices/svc-1/steps/7");
    expect(page.text).toContain("ส่งกลับแก้ไข");
    expect(page.text).not.toContain("รอเปิดให้บริการตามรอบ");
    expect(page.text).not.toContain("golive.ics");
    expect(page.text).toContain('name="requestedDate-day"');
    // An officer cannot move a cancelled booking either.
    expect((await officer.post("/eservices/svc-1/golive/move", { batchDate: "2026-12-01" })).status).toBe(409);

    const { runScheduled } = await import("../../src/jobs");
    t.clock.set(new Date("2026-11-23T17:05:00Z"));
    await runScheduled("5 17 * * 1", { db: t.db, clock: t.clock, mail: null, mailFrom: "x@y", appUrl: t.deps.config.appUrl });
    const [after] = await t.db.select().from(eservices).where(eq(eservices.id, "svc-1"));
    expect(after!.launchedAt).toBeNull();

    // A new date can be chosen, once.
    t.clock.set(mondayMorning);
    const rebooked = await agency.post("/eservices/svc-1/steps/7", { requestedDate: "2026-12-01", intent: "confirm" });
    expect(rebooked.status).toBe(303);
    expect((await t.db.select().from(eservices).where(eq(eservices.id, "svc-1")))[0]!.goliveBatchDate).toBe("2026-12-01");
  });
});

describe("dashboard counts follow the declared states", () => {
  it("does not count a service approved at step 7 but not yet launched as launched", async () => {
    t.clock.set(mondayMorning);
    const { agency, officer } = await serviceAt([D, D, D, D, D, D, "in_progress"]);
    await confirmNov24(agency);
    await officer.get("/eservices/svc-1/steps/7");
    expect((await officer.post("/eservices/svc-1/steps/7/review", { decision: "approve" })).status).toBe(303);
    const dashboard = await agency.get("/agency");
    expect(dashboard.text).toContain("เปิดให้บริการแล้ว 0%");
    expect(dashboard.text).toContain("ยังไม่นับ");
    expect((await agency.get("/eservices/svc-1/steps/7")).text).toContain("ผ่านการตรวจสอบแล้ว รอเปิดให้บริการตามรอบ");
  });

  it("shows each agency's e-service count to officers", async () => {
    const { officer } = await serviceAt(["in_progress", "locked", "locked", "locked", "locked", "locked", "locked"]);
    await t.db.insert(eservices).values({ id: "svc-2", agencyId: "ag-1", name: "บริการที่สอง", createdAt: t.clock.now(), updatedAt: t.clock.now() });
    const page = await officer.get("/officer/agencies");
    expect(page.text).toMatch(/data-label="e-Service">2</);
  });
});

describe("a double click creates once, and a repeated submit answers like the first", () => {
  const onceOf = (html: string, action: string) => {
    const form = html.slice(html.indexOf(`action="${action}`));
    return /name="_once" value="([^"]+)"/.exec(form)![1]!;
  };
  const TESTER = { fullName: "สมชาย ใจดี", organisation: "กรมทดสอบ", email: "somchai@dept.go.th", phone: "0812345678", nationalId: "1101700230368", os: "ios" };

  it("adds one tester for two identical posts of the same form", async () => {
    const { agency } = await serviceAt([D, "in_progress", "locked", "locked", "locked", "locked", "locked"]);
    const form = await agency.get("/eservices/svc-1/steps/2/testers/new");
    const once = onceOf(form.text, "/eservices/svc-1/steps/2/testers");
    const [a, b] = await Promise.all([agency.post("/eservices/svc-1/steps/2/testers", { ...TESTER, _once: once }), agency.post("/eservices/svc-1/steps/2/testers", { ...TESTER, _once: once })]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.location).toBe(b.location);
    const { testers } = await import("../../src/db/schema");
    expect(await t.db.select().from(testers)).toHaveLength(1);
    // A freshly rendered form is a new tester.
    const again = await agency.get("/eservices/svc-1/steps/2/testers/new");
    await agency.post("/eservices/svc-1/steps/2/testers", { ...TESTER, _once: onceOf(again.text, "/eservices/svc-1/steps/2/testers") });
    expect(await t.db.select().from(testers)).toHaveLength(2);
  });

  it("answers a second submit of a step like the first, submitting once", async () => {
    const { agency } = await serviceAt([D, D, "in_progress", "locked", "locked", "locked", "locked"]);
    const { testResults } = await import("../../src/db/schema");
    await t.db.insert(testResults).values({ id: "att-1", eserviceId: "svc-1", stepNo: 3, attemptNo: 1, details: "x", fileKey: "k", fileName: "t.xlsx", size: 1, status: "pending", createdAt: t.clock.now() });
    const page = await agency.get("/eservices/svc-1/steps/3");
    const once = onceOf(page.text, "/eservices/svc-1/steps/3/submit");
    const first = await agency.post("/eservices/svc-1/steps/3/submit", { _once: once });
    const second = await agency.post("/eservices/svc-1/steps/3/submit", { _once: once });
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.location).toBe(first.location);
    const submits = (await t.db.select().from(auditEvents)).filter((e) => e.action === "eservice.step.submit");
    expect(submits).toHaveLength(1);
    // Without the form's token a second submit is refused: the step is already under review.
    expect((await agency.post("/eservices/svc-1/steps/3/submit", {})).status).toBe(409);
  });

  it("answers a second click of the go-live confirmation with the same booking", async () => {
    t.clock.set(mondayMorning);
    const { agency } = await serviceAt([D, D, D, D, D, D, "in_progress"]);
    await agency.get("/eservices/svc-1/steps/7");
    const review = await agency.post("/eservices/svc-1/steps/7", { requestedDate: "2026-11-24", intent: "review" });
    const once = onceOf(review.text, "/eservices/svc-1/steps/7");
    const first = await agency.post("/eservices/svc-1/steps/7", { requestedDate: "2026-11-24", intent: "confirm", _once: once });
    const second = await agency.post("/eservices/svc-1/steps/7", { requestedDate: "2026-11-24", intent: "confirm", _once: once });
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.location).toBe(first.location);
    expect((await t.db.select().from(auditEvents)).filter((e) => e.action === "eservice.golive_confirmed")).toHaveLength(1);
  });
});
