import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appCredentials, eservices, eserviceSteps } from "../../src/db/schema";
import type { StepState } from "../../src/domain/onboarding/workflow";
import { sha256Hex } from "../../src/services/crypto";
import { agencyServiceAt, Browser, createTestApp, createUser, type TestApp } from "./helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
});
afterEach(() => t.close());

const serviceAt = (states: StepState[]) => agencyServiceAt(t, states);


function png(width: number, height: number): File {
  const b = new Uint8Array(64);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  b.set([8, 6, 0, 0, 0], 24);
  return new File([b], `icon-${width}x${height}.png`, { type: "image/png" });
}

const D = "done" as const;
const L = "locked" as const;

describe("step 5: pre-production", () => {
  it("shows the Consumer Key once, keeps only its hash, and lets an officer reset it", async () => {
    const { agency, officer } = await serviceAt([D, D, D, D, "in_progress", L, L]);
    await agency.get("/eservices/svc-1/steps/5");
    const first = await agency.post("/eservices/svc-1/credentials", {});
    expect(first.status).toBe(200);
    expect(first.res.headers.get("cache-control")).toBe("no-store");
    const key = /id="consumer-key" readonly="" value="(ck_[\w-]+)"/.exec(first.text)![1]!;
    const [row] = await t.db.select().from(appCredentials).where(eq(appCredentials.eserviceId, "svc-1"));
    expect(row!.keyHash).toBe(await sha256Hex(key));
    expect(JSON.stringify(row)).not.toContain(key);

    const again = await agency.post("/eservices/svc-1/credentials", {});
    expect(again.status).toBe(303);
    const page = await agency.get("/eservices/svc-1/steps/5");
    expect(page.text).not.toContain(key);
    expect(page.text).toContain(`••••••••${key.slice(-4)}`);

    await officer.get("/eservices/svc-1/steps/5");
    await officer.post("/eservices/svc-1/credentials/reset", {});
    await agency.get("/eservices/svc-1/steps/5");
    const renewed = await agency.post("/eservices/svc-1/credentials", {});
    const newKey = /value="(ck_[\w-]+)"/.exec(renewed.text)![1]!;
    expect(newKey).not.toBe(key);
  });

  it("refuses an icon that is too small or not square, by its real pixels, and accepts 120×120", async () => {
    const { agency } = await serviceAt([D, D, D, D, "in_progress", L, L]);
    await agency.get("/eservices/svc-1/steps/5");
    const small = await agency.upload("/eservices/svc-1/steps/5/icon", { file: png(100, 100) });
    expect(small.status).toBe(422);
    expect(small.text).toContain("ไอคอนต้องมีขนาดอย่างน้อย 120×120 พิกเซล (ไฟล์นี้ 100×100 พิกเซล)");
    const wide = await agency.upload("/eservices/svc-1/steps/5/icon", { file: png(240, 120) });
    expect(wide.text).toContain("ไอคอนต้องเป็นสี่เหลี่ยมจัตุรัส");
    expect((await agency.upload("/eservices/svc-1/steps/5/icon", { file: png(120, 120) })).status).toBe(303);
    expect((await agency.get("/eservices/svc-1/steps/5")).text).toContain("icon-120x120.png");
  });

  it("keeps screenshots in the agency's order and requires icon, screenshots, profile access and a tester before submitting", async () => {
    const { agency } = await serviceAt([D, D, D, D, "in_progress", L, L]);
    await agency.get("/eservices/svc-1/steps/5");
    const submit = await agency.post("/eservices/svc-1/steps/5/submit", {});
    expect(submit.status).toBe(422);
    expect(submit.text).toContain("กรุณาอัปโหลดไอคอนบริการ");
    expect(submit.text).toContain("กรุณาเพิ่มภาพหน้าจออย่างน้อย 1 ภาพ");
    expect(submit.text).toContain("กรุณาเพิ่มผู้ทดสอบอย่างน้อย 1 คน");

    for (const n of [1, 2, 3]) await agency.upload("/eservices/svc-1/steps/5/screenshots", { file: new File([png(300, 600)], `screen-${n}.png`) });
    let page = await agency.get("/eservices/svc-1/steps/5");
    const ids = [...new Set([...page.text.matchAll(/screenshots\/([\w-]+)\/delete/g)].map((m) => m[1]!))];
    await agency.post(`/eservices/svc-1/steps/5/screenshots/${ids[2]}/up`, {});
    await agency.post(`/eservices/svc-1/steps/5/screenshots/${ids[0]}/delete`, {});
    page = await agency.get("/eservices/svc-1/steps/5");
    const order = [...page.text.matchAll(/>(screen-\d\.png)</g)].map((m) => m[1]);
    expect(order).toEqual(["screen-3.png", "screen-2.png"]);

    await agency.upload("/eservices/svc-1/steps/5/icon", { file: png(512, 512) });
    await agency.post("/eservices/svc-1/steps/5/testers", {
      fullName: "สมชาย ทดสอบ",
      organisation: "กรมทดสอบ",
      email: "somchai@dept.go.th",
      phone: "0812345678",
      nationalId: "1101700230368",
      os: "ios",
    });
    await agency.post("/eservices/svc-1/steps/5", { profileAccess: "mtoken", landingUrl: "https://preprod.dept.go.th/", intent: "check" });
    expect((await agency.post("/eservices/svc-1/steps/5/submit", {})).status).toBe(303);
    const [step] = await t.db.select().from(eserviceSteps).where(eq(eserviceSteps.stepNo, 5));
    expect(step!.state).toBe("in_review");
  });
});

describe("step 6: pre-production tests", () => {
  it("works like step 3: needs an attempt before it can be submitted", async () => {
    const { agency } = await serviceAt([D, D, D, D, D, "in_progress", L]);
    await agency.get("/eservices/svc-1/steps/6");
    const res = await agency.post("/eservices/svc-1/steps/6/submit", {});
    expect(res.status).toBe(422);
    expect(res.text).toContain("กรุณาเพิ่มผลการทดสอบอย่างน้อย 1 ครั้งก่อนส่ง");
    expect(res.text).toContain("ผลการทดสอบผ่าน Pre-Production");
  });
});


describe("step 7 and the Tuesday batch job", () => {
  // Monday 23 Nov 2026, 10:00 in Bangkok: before the 12:00 cutoff, so this week's Tuesday (24 Nov) is open.
  const mondayMorning = new Date("2026-11-23T03:00:00Z");

  it("shows the batch a date gets, asks once more, confirms for good, and offers an .ics", async () => {
    t.clock.set(mondayMorning);
    const { agency } = await serviceAt([D, D, D, D, D, D, "in_progress"]);
    const page = await agency.get("/eservices/svc-1/steps/7");
    expect(page.text).toContain("เปิดให้บริการตามรอบทุกวันอังคาร");
    expect(page.text).toContain('data-deadline="2026-11-23T05:00:00.000Z"');

    // One required mark on the date's legend, not "* *".
    expect(page.text).not.toMatch(/\*\s*<span class="required"/);
    expect(page.text).toContain('name="requestedDate-month"');
    expect(page.text).not.toContain('type="date"');

    const box = (d: string, m: string, y: string) => ({ "requestedDate-day": d, "requestedDate-month": m, "requestedDate-year": y });
    const preview = await agency.post("/eservices/svc-1/steps/7/preview", box("25", "11", "2569"), { headers: { "hx-request": "true" } });
    expect(preview.text).toContain("วันอังคารที่ 1 ธ.ค. 2569");

    const past = await agency.post("/eservices/svc-1/steps/7", { ...box("1", "11", "2569"), note: "ยังเก็บไว้", intent: "review" });
    expect(past.status).toBe(422);
    expect(past.text).toContain("วันที่ต้องการเปิดใช้งานต้องไม่เป็นวันที่ผ่านมาแล้ว");
    expect(past.text).toContain("ยังเก็บไว้");
    expect(past.text).toMatch(/name="requestedDate-year"[^>]*value="2569"/);
    const noDay = await agency.post("/eservices/svc-1/steps/7", { ...box("31", "11", "2569"), intent: "review" });
    expect(noDay.text).toContain("ไม่มีวันที่ 31 พฤศจิกายน 2569 ในปฏิทิน");

    const review = await agency.post("/eservices/svc-1/steps/7", { requestedDate: "2026-11-24", note: "พร้อมแล้ว", intent: "review" });
    expect(review.status).toBe(200);
    expect(review.text).toContain("เมื่อยืนยันแล้วจะไม่สามารถแก้ไขได้");
    expect(review.text).toContain("วันอังคารที่ 24 พ.ย. 2569");
    const confirmed = await agency.post("/eservices/svc-1/steps/7", { requestedDate: "2026-11-24", note: "พร้อมแล้ว", intent: "confirm" });
    expect(confirmed.location).toBe("/eservices/svc-1/steps/7?confirmed=1");
    const done = await agency.get(confirmed.location!);
    expect(done.text).toContain("ยืนยันวันเปิดให้บริการแล้ว");
    expect(done.text).toContain("รอเจ้าหน้าที่ตรวจสอบ แล้วจึงเปิดให้บริการตามรอบ");
    // Confirmed: the countdown to the cutoff no longer concerns this service.
    expect(done.text).not.toContain("เหลือเวลาก่อนตัดรอบ");
    expect(done.text).not.toContain("data-deadline");
    expect((await agency.post("/eservices/svc-1/steps/7", { requestedDate: "2026-12-08", intent: "confirm" })).status).toBe(409);

    const ics = await agency.request("/eservices/svc-1/golive.ics");
    expect(ics.res.headers.get("content-type")).toContain("text/calendar");
    expect(ics.text).toContain("DTSTART;VALUE=DATE:20261124");
  });

  it("launches a due, approved service exactly once, catches up missed weeks, and lists it as launched", async () => {
    t.clock.set(mondayMorning);
    const { agency, officer } = await serviceAt([D, D, D, D, D, D, "in_progress"]);
    await agency.get("/eservices/svc-1/steps/7");
    await agency.post("/eservices/svc-1/steps/7", { requestedDate: "2026-11-24", intent: "confirm" });
    await officer.get("/eservices/svc-1/steps/7");
    expect((await officer.post("/eservices/svc-1/steps/7/review", { decision: "approve" })).status).toBe(303);
    // An older service whose batch passed while the host was down.
    await t.db.insert(eservices).values({ id: "svc-old", agencyId: "ag-1", name: "บริการรอบที่พลาด", createdAt: t.clock.now(), updatedAt: t.clock.now(), goliveConfirmedAt: new Date("2026-11-01T00:00:00Z"), goliveBatchDate: "2026-11-10" });
    await t.db.insert(eserviceSteps).values([1, 2, 3, 4, 5, 6, 7].map((n) => ({ eserviceId: "svc-old", stepNo: n, state: D, updatedAt: t.clock.now() })));
    // Confirmed and due, but step 7 still waits for an officer: never launched.
    await t.db.insert(eservices).values({ id: "svc-unreviewed", agencyId: "ag-1", name: "บริการรอตรวจ", createdAt: t.clock.now(), updatedAt: t.clock.now(), goliveConfirmedAt: new Date("2026-11-01T00:00:00Z"), goliveBatchDate: "2026-11-10" });
    await t.db.insert(eserviceSteps).values([1, 2, 3, 4, 5, 6, 7].map((n) => ({ eserviceId: "svc-unreviewed", stepNo: n, state: n === 7 ? ("in_review" as const) : D, updatedAt: t.clock.now() })));

    const { runScheduled } = await import("../../src/jobs");
    const deps = { db: t.db, clock: t.clock, mail: null, mailFrom: "x@y", appUrl: t.deps.config.appUrl };
    // Before Tuesday in Bangkok only the missed one is due.
    expect((await runScheduled("5 17 * * 1", deps)).ran).toEqual(["golive-batch"]);
    let rows = await t.db.select().from(eservices);
    expect(rows.find((r) => r.id === "svc-old")!.launchedAt).not.toBeNull();
    expect(rows.find((r) => r.id === "svc-1")!.launchedAt).toBeNull();
    expect(rows.find((r) => r.id === "svc-unreviewed")!.launchedAt).toBeNull();

    t.clock.set(new Date("2026-11-23T17:05:00Z")); // Tuesday 00:05 in Bangkok
    await runScheduled("5 17 * * 1", deps);
    const launchedAt = (await t.db.select().from(eservices).where(eq(eservices.id, "svc-1")))[0]!.launchedAt;
    expect(launchedAt?.toISOString()).toBe("2026-11-23T17:05:00.000Z");
    t.clock.advance(60_000);
    await runScheduled("5 17 * * 1", deps);
    rows = await t.db.select().from(eservices).where(eq(eservices.id, "svc-1"));
    expect(rows[0]!.launchedAt).toEqual(launchedAt);
    const { auditEvents } = await import("../../src/db/schema");
    const launches = (await t.db.select().from(auditEvents)).filter((e) => e.action === "eservice.launched" && e.subjectId === "svc-1");
    expect(launches).toHaveLength(1);
    const steps = await t.db.select().from(eserviceSteps).where(eq(eserviceSteps.eserviceId, "svc-1"));
    expect(steps.find((s) => s.stepNo === 7)!.state).toBe("done");

    // Fourteen hours on, both must sign in again.
    const agencyAgain = new Browser(t);
    await agencyAgain.login("agency.user", "Agency#2567");
    expect((await agencyAgain.get("/agency/launched")).text).toContain("บริการทดสอบ");
    const officerAgain = new Browser(t);
    await officerAgain.login("officer", "Officer#2567");
    const csv = await officerAgain.request("/officer/batches.csv");
    expect(csv.text).toContain("2026-11-24,บริการทดสอบ,กรมทดสอบ,เปิดให้บริการแล้ว");
  });

  it("lets an officer move a confirmed service to another Tuesday, and refuses other days in Thai", async () => {
    t.clock.set(mondayMorning);
    const { agency, officer } = await serviceAt([D, D, D, D, D, D, "in_progress"]);
    await agency.get("/eservices/svc-1/steps/7");
    await agency.post("/eservices/svc-1/steps/7", { requestedDate: "2026-11-24", intent: "confirm" });
    await officer.get("/eservices/svc-1/steps/7");
    const wrong = await officer.post("/eservices/svc-1/golive/move", { "batchDate-day": "2", "batchDate-month": "12", "batchDate-year": "2569" });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain("รอบเปิดให้บริการต้องเป็นวันอังคาร");
    expect((await officer.post("/eservices/svc-1/golive/move", { "batchDate-day": "1", "batchDate-month": "12", "batchDate-year": "2569" })).status).toBe(303);
    const [row] = await t.db.select().from(eservices).where(eq(eservices.id, "svc-1"));
    expect(row!.goliveBatchDate).toBe("2026-12-01");
    expect((await officer.get("/officer/batches")).text).toContain("บริการทดสอบ");
  });
});

describe("step 4: the long form in three parts", () => {
  const part1 = {
    agencyNameTh: "กองทัพเรือ",
    agencyNameEn: "Royal Thai Navy",
    agencyAbbrTh: "ทร.",
    agencyAbbrEn: "RTN",
    parentTh: "กระทรวงกลาโหม",
    parentEn: "Ministry of Defence",
    addrNo: "2",
    addrRoad: "อรุณอมรินทร์",
    subdistrict: "ศิริราช",
    district: "บางกอกน้อย",
    province: "กรุงเทพมหานคร",
    postcode: "10700",
    agencyType: "central",
    assigneeName: "สมชาย ใจดี",
    assigneePid: "1101700230368",
    assigneeDivision: "กองเทคโนโลยีสารสนเทศ",
    assigneePosition: "นักวิชาการคอมพิวเตอร์",
    assigneeOfficePhone: "02-123-4567",
    assigneeMobile: "081-234-5678",
    assigneeEmail: "somchai@gmail.com",
    adminSame: "yes",
    contactChannel: "callcenter",
    callcenterPhone: "1111",
    callcenterEmail: "callcenter@navy.mi.th",
  };
  const part2 = {
    targetUsers: "juristic",
    launchDate: "2027-09-01",
    serviceName: "ขอรับเงินสงเคราะห์",
    description: "ยื่นคำขอรับเงินสงเคราะห์ผ่านแอปพลิเคชันทางรัฐ",
    accessUrl: "https://service.navy.mi.th/welfare",
    wantsPersonalData: "no",
    juristicData: "juristic_id",
    identityLevel: "none",
    canDownload: "no",
    wantsNotification: "yes",
    smartTracking: "no",
    profileAccess: "mtoken",
    landingUrl: "https://service.navy.mi.th/mtoken",
  };
  const part3 = { consentDataAccess: "agree", consentAccuracy: "agree", consentTerms: "agree" };
  const pdf = new File([new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF")], "หนังสือมอบหมาย.pdf");

  it("walks three pages with an error on each, keeps drafts across back/next, checks, submits, and is approved", async () => {
    const { agency, officer } = await serviceAt([D, D, D, "in_progress", L, L, L]);
    const base = "/eservices/svc-1/steps/4";
    // Part 1: a bad postcode and no letter yet → 422 with both, values kept, free-mail warned.
    await agency.get(`${base}/parts/1`);
    const bad1 = await agency.post(`${base}/parts/1`, { ...part1, postcode: "107", intent: "next" });
    expect(bad1.status).toBe(422);
    expect(bad1.text).toContain("กรุณาอัปโหลดหนังสือมอบหมาย (PDF) ที่ลงนามแล้ว");
    expect(bad1.text).toContain('value="107"');
    expect(bad1.text).toContain("class=\"warning\"");
    expect((await agency.upload(`${base}/auth-letter`, { file: pdf })).status).toBe(303);
    const ok1 = await agency.post(`${base}/parts/1`, { ...part1, intent: "next" });
    expect(ok1.location).toBe(`${base}/parts/2`);

    // Part 2: juristic users but no juristic data chosen → error; htmx refresh shows the group.
    await agency.get(`${base}/parts/2`);
    const refresh = await agency.post(`${base}/parts/2/refresh`, { ...part2, juristicData: "" }, { headers: { "hx-request": "true" } });
    expect(refresh.text).toContain('name="juristicData"');
    const bad2 = await agency.post(`${base}/parts/2`, { ...part2, juristicData: "", intent: "next" });
    expect(bad2.status).toBe(422);
    expect(bad2.text).toContain("ข้อมูลนิติบุคคล");
    // Back keeps what was typed on part 2.
    expect((await agency.post(`${base}/parts/2`, { ...part2, intent: "back" })).location).toBe(`${base}/parts/1`);
    const again2 = await agency.get(`${base}/parts/2`);
    expect(again2.text).toContain("https://service.navy.mi.th/welfare");
    expect((await agency.post(`${base}/parts/2`, { ...part2, intent: "next" })).location).toBe(`${base}/parts/3`);

    // Part 3: a consent missing → its message.
    const consents = await agency.get(`${base}/parts/3`);
    // The consent names the agency it is given to: DGA (สพร.), not the manual's typo.
    expect(consents.text).toContain("ข้าพเจ้ายินยอมให้สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) หรือ สพร.");
    const bad3 = await agency.post(`${base}/parts/3`, { consentDataAccess: "agree", consentAccuracy: "agree", intent: "next" });
    expect(bad3.status).toBe(422);
    expect(bad3.text).toContain("กรุณากด ตกลง เพื่อยอมรับข้อกำหนดและเงื่อนไข");
    expect((await agency.post(`${base}/parts/3`, { ...part3, intent: "next" })).location).toBe(`${base}/check`);

    const check = await agency.get(`${base}/check`);
    expect(check.status).toBe(200);
    expect(check.text).toContain("หนังสือมอบหมาย.pdf");
    expect(check.text).toContain("กองทัพเรือ");
    expect(check.text).toContain("1 ก.ย. 2570");
    expect(check.text).not.toContain("2027-09-01");
    expect((await agency.post(`${base}/submit`, {})).status).toBe(303);
    expect((await agency.get(base)).text).toContain("อยู่ระหว่างการตรวจสอบ");

    await officer.get(base);
    await officer.post(`${base}/review`, { decision: "approve" });
    const [step5] = await t.db.select().from(eserviceSteps).where(eq(eserviceSteps.stepNo, 5));
    expect(step5!.state).toBe("in_progress");
  });

  it("prefills part 2 from steps 1 and 2", async () => {
    const { agency } = await serviceAt([D, D, D, "in_progress", L, L, L]);
    await t.db.update(eserviceSteps).set({ answers: { launchDate: "2027-05-01", fullDescription: "บริการจากขั้นตอนที่ 1", wantsNotification: "yes" } }).where(eq(eserviceSteps.stepNo, 1));
    await t.db.update(eserviceSteps).set({ answers: { profileAccess: "mtoken", landingUrl: "https://from-step-2.go.th/" } }).where(eq(eserviceSteps.stepNo, 2));
    const page = await agency.get("/eservices/svc-1/steps/4/parts/2");
    expect(page.text).toContain("บริการจากขั้นตอนที่ 1");
    expect(page.text).toContain("https://from-step-2.go.th/");
    // Shown as day / Thai month / พ.ศ. year boxes, not an ISO date.
    expect(page.text).toMatch(/name="launchDate-day"[^>]*value="1"/);
    expect(page.text).toMatch(/<option value="5" selected="">พฤษภาคม<\/option>/);
    expect(page.text).toMatch(/name="launchDate-year"[^>]*value="2570"/);
    expect(page.text).not.toContain("2027-05-01");
  });
});
