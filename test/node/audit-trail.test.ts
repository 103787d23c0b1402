/**
 * The audit trail as people read it: real changes made through their use cases
 * and pages show up on the record's trail page (newest first, Thai labels, who
 * and from where), paged; only officers and admins read them; the admin's search
 * finds exactly the matching events and exports them as CSV and Excel.
 */
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { academicRequests, auditEvents, universities, users } from "../../src/db/schema";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import type { Role } from "../../src/domain/roles";
import { auditFile } from "../../src/services/audit-export";
import { recordAudit } from "../../src/services/audit";
import { auditCursorOf, auditExportHead, auditExportPages } from "../../src/services/audit-trail";
import { readWorkbook } from "../../src/services/xlsx/read";
import { streamBytes } from "../../src/services/xlsx/write";
import { createAgency, createEservice } from "../../src/services/agencies";
import type { SessionUser } from "../../src/services/session";
import { setContactText } from "../../src/services/settings";
import { Browser, contextFor, createTestApp, createUser, type TestApp, validRequestForm } from "./helpers";

let t: TestApp;
const ids = {} as Record<"officer" | "admin" | "uni" | "agency", string>;
const browsers = {} as Record<"officer" | "admin" | "uni" | "agency", Browser>;
let agencyId = "";
let serviceId = "";
let requestId = "";

const OFFICER_IP = "198.51.100.7";
const UNI_IP = "203.0.113.20";
const A = DEMO_CITIZENS[0]!;

function who(id: string, role: Role, displayName: string, orgId: string | null = null): SessionUser {
  return { id, role, displayName, username: displayName, orgId, pidHmac: null, mustChangePassword: false };
}
const officerUser = () => who(ids.officer, "officer", "สมศรี ตรวจดี");
const adminUser = () => who(ids.admin, "admin", "ผู้ดูแล ระบบ");

const minute = 60_000;
const eventsOf = (html: string) => html.match(/class="audit-event"/g)?.length ?? 0;
const positions = (text: string, ...parts: string[]) => parts.map((p) => text.indexOf(p));

beforeAll(async () => {
  t = await createTestApp();
  await t.db.insert(universities).values({ id: "uni-x", code: "00100", nameTh: "จุฬาลงกรณ์มหาวิทยาลัย", nameEn: "Chulalongkorn University" });
  ids.officer = await createUser(t, { role: "officer", username: "Officer.One", password: "Officer#2567", displayName: "สมศรี ตรวจดี" });
  ids.admin = await createUser(t, { role: "admin", username: "admin", password: "Admin#2567pw", displayName: "ผู้ดูแล ระบบ" });
  ids.uni = await createUser(t, { role: "university", username: "uni.x", password: "Univ#2567", displayName: "เจ้าหน้าที่ จุฬา", orgId: "uni-x" });

  // An agency and its e-service, made through their use cases by the officer.
  const agency = await createAgency(contextFor(t, officerUser(), OFFICER_IP), { nameTh: "กรมทดสอบ", nameEn: "Test Dept", ministry: "กระทรวงทดสอบ" });
  agencyId = agency.id;
  t.clock.advance(minute);
  const svc = await createEservice(contextFor(t, officerUser(), OFFICER_IP), agencyId, "ระบบจองคิว");
  if (!svc.ok) throw new Error("e-service refused");
  serviceId = svc.id;
  ids.agency = await createUser(t, { role: "agency", username: "agency.a", password: "Agency#2567", displayName: "เจ้าหน้าที่ กรม", orgId: agencyId });

  for (const [k, username, password, ip] of [
    ["officer", "officer.one", "Officer#2567", OFFICER_IP],
    ["admin", "admin", "Admin#2567pw", "192.0.2.1"],
    ["uni", "uni.x", "Univ#2567", UNI_IP],
    ["agency", "agency.a", "Agency#2567", "192.0.2.9"],
  ] as const) {
    browsers[k] = new Browser(t, undefined, ip);
    expect((await browsers[k].login(username, password)).status).toBe(303);
  }

  // A request filed and submitted by the university, then received by the officer (a status change).
  t.clock.advance(minute);
  const uni = browsers.uni;
  await uni.get("/university/requests/new");
  const saved = await uni.post("/university/requests", { ...validRequestForm(A.pid), intent: "check" });
  requestId = /\/university\/requests\/([\w-]+)\/check/.exec(saved.location!)![1]!;
  t.clock.advance(minute);
  await uni.get(`/university/requests/${requestId}/check`);
  expect((await uni.post(`/university/requests/${requestId}/submit`, {})).status).toBe(303);
  t.clock.advance(minute);
  await browsers.officer.get(`/requests/${requestId}`);
  expect((await browsers.officer.post(`/requests/${requestId}/actions`, { action: "receive", receiptNo: "1548" })).status).toBe(303);
}, 30_000);
afterAll(() => t?.close());

describe("a record's trail page", () => {
  it("shows the request's changes newest first, in Thai, with who (name and role) and from where", async () => {
    const page = await browsers.officer.get(`/audit/requests/${requestId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("ประวัติการเปลี่ยนแปลง: คำขอ");
    expect(page.text).toContain(`href="/requests/${requestId}"`);
    const [received, submitted, drafted] = positions(page.text, "เปลี่ยนสถานะคำขอ: รับเรื่อง", "ยื่นคำขอ</strong>", "สร้างร่างคำขอ");
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(submitted!);
    expect(submitted).toBeLessThan(drafted!);
    expect(page.text).toContain("สมศรี ตรวจดี <span class=\"secondary\">(เจ้าหน้าที่ผู้ตรวจสอบ)</span>");
    expect(page.text).toContain("เจ้าหน้าที่ จุฬา <span class=\"secondary\">(เจ้าหน้าที่มหาวิทยาลัย)</span>");
    expect(page.text).toContain(`IP: ${OFFICER_IP}`);
    expect(page.text).toContain(`IP: ${UNI_IP}`);
    // The status change in words: before → after, and the receipt number.
    expect(page.text).toMatch(/รอรับเรื่อง <span aria-hidden="true">→<\/span>.*รับเรื่อง/s);
    expect(page.text).toContain("<dt>หมายเลขรับเอกสาร</dt><dd>1548</dd>");
    // Buddhist date and Bangkok time (the test clock starts 2026-11-23 03:00 UTC = 10:00 in Bangkok).
    expect(page.text).toMatch(/23 พ\.ย\. 2569 เวลา 10:0\d/);
    expect(eventsOf(page.text)).toBe(3);
  });

  it("shows the agency's own events and its e-services', and the e-service's on its page", async () => {
    const agencyPage = await browsers.officer.get(`/audit/agencies/${agencyId}`);
    expect(agencyPage.status).toBe(200);
    expect(agencyPage.text).toContain("ประวัติการเปลี่ยนแปลง: หน่วยงาน กรมทดสอบ");
    const [svc, ag] = positions(agencyPage.text, "สร้าง e-Service", "เพิ่มหน่วยงาน");
    expect(svc).toBeGreaterThan(0);
    expect(svc).toBeLessThan(ag!);
    expect(agencyPage.text).toContain(`href="/audit/eservices/${serviceId}"`);
    const svcPage = await browsers.officer.get(`/audit/eservices/${serviceId}`);
    expect(svcPage.text).toContain("ประวัติการเปลี่ยนแปลง: e-Service ระบบจองคิว (กรมทดสอบ)");
    expect(svcPage.text).toContain("สร้าง e-Service");
    expect(svcPage.text).not.toContain("เพิ่มหน่วยงาน");
    expect(eventsOf(svcPage.text)).toBe(1);
  });

  it("is linked from the request, e-service and agency pages officers use", async () => {
    expect((await browsers.officer.get(`/requests/${requestId}`)).text).toContain(`href="/audit/requests/${requestId}"`);
    expect((await browsers.officer.get(`/eservices/${serviceId}/steps/1`)).text).toContain(`href="/audit/eservices/${serviceId}"`);
    expect((await browsers.officer.get(`/officer/agencies/${agencyId}`)).text).toContain(`href="/audit/agencies/${agencyId}"`);
    expect((await browsers.uni.get(`/requests/${requestId}`)).text).not.toContain("/audit/");
  });

  it("pages 50 at a time, newest first, with the total and previous/next links", async () => {
    // 120 events on an account that never signed in, one a minute.
    const quiet = "user-quiet";
    await t.db.insert(users).values({ id: quiet, role: "agency", displayName: "บัญชี เงียบ", orgId: agencyId, createdAt: t.clock.now() });
    for (let i = 0; i < 120; i++) {
      await recordAudit(t.db, new Date(Date.UTC(2026, 0, 1) + i * minute), { actorId: null, action: "user.profile_updated", subjectType: "user", subjectId: quiet, data: { seq: i }, ip: null });
    }
    const base = `/audit/users/${quiet}`;
    const first = await browsers.admin.get(base);
    expect(first.status).toBe(200);
    expect(first.text).toContain("ทั้งหมด 120 รายการ (หน้า 1 จาก 3)");
    expect(eventsOf(first.text)).toBe(50);
    expect(first.text).toContain(`href="${base}?page=2"`);
    expect(first.text).not.toContain("ก่อนหน้า");
    expect(first.text).toContain("<dd>119</dd>");
    expect(first.text).not.toContain("<dd>69</dd>");
    expect(first.text).toContain("ระบบ</span>");
    // The admin also gets the way to what this account did.
    expect(first.text).toContain(`href="/admin/audit?actor=${quiet}"`);
    const last = await browsers.admin.get(`${base}?page=3`);
    expect(eventsOf(last.text)).toBe(20);
    expect(last.text).toContain(`href="${base}?page=2"`);
    expect(last.text).not.toContain("ถัดไป");
    expect(last.text.indexOf("<dd>19</dd>")).toBeLessThan(last.text.indexOf("<dd>0</dd>"));
    // A page past the end shows the last one; nonsense is the first.
    expect(eventsOf((await browsers.admin.get(`${base}?page=99`)).text)).toBe(20);
    expect(eventsOf((await browsers.admin.get(`${base}?page=abc`)).text)).toBe(50);
  });

  it("escapes whatever the data holds, shows unknown actions as recorded, and other shapes as before → after", async () => {
    await recordAudit(t.db, t.clock.now(), {
      actorId: ids.officer,
      action: "something.new",
      subjectType: "eservice",
      subjectId: serviceId,
      data: { before: "<b>old</b>", after: "<script>alert(1)</script>", note: { nested: "<img src=x>" } },
      ip: "2001:db8::1",
    });
    const page = await browsers.officer.get(`/audit/eservices/${serviceId}`);
    expect(page.text).toContain("<strong>something.new</strong>");
    expect(page.text).toContain("&lt;b&gt;old&lt;/b&gt;");
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.text).toContain("<dt>หมายเหตุ</dt><dd>nested: &lt;img src=x&gt;</dd>");
    expect(page.text).not.toContain("<script>alert(1)");
    expect(page.text).toContain("IP: 2001:db8::1");
    await t.db.delete(auditEvents).where(eq(auditEvents.action, "something.new"));
  });

  it("is for officers and admins only, and 404 for an unknown record", async () => {
    const path = `/audit/requests/${requestId}`;
    expect((await browsers.admin.get(path)).status).toBe(200);
    expect((await browsers.uni.get(path)).status).toBe(403);
    expect((await browsers.agency.get(`/audit/eservices/${serviceId}`)).status).toBe(403);
    const anonymous = await new Browser(t).get(path);
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toContain("/login?next=");
    for (const kind of ["requests", "eservices", "agencies", "users"]) {
      expect((await browsers.officer.get(`/audit/${kind}/no-such-record`)).status).toBe(404);
    }
    expect((await browsers.officer.get("/admin/audit")).status).toBe(403);
  });
});

describe("the admin's search", () => {
  it("finds exactly the events of an actor, by username in any case or by id", async () => {
    const mine = await t.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.actorId, ids.officer));
    const byName = await browsers.admin.get("/admin/audit?actor=OFFICER.ONE");
    expect(byName.status).toBe(200);
    expect(byName.text).toContain(`ทั้งหมด ${mine.length} รายการ`);
    expect(eventsOf(byName.text)).toBe(mine.length);
    expect(byName.text).not.toContain("เจ้าหน้าที่ จุฬา <span");
    expect(byName.text).toContain('value="OFFICER.ONE"');
    const byId = await browsers.admin.get(`/admin/audit?actor=${ids.officer}`);
    expect(eventsOf(byId.text)).toBe(mine.length);
    expect(eventsOf((await browsers.admin.get("/admin/audit?actor=nobody")).text)).toBe(0);
  });

  it("finds exactly a subject's events, and an action's", async () => {
    const page = await browsers.admin.get(`/admin/audit?subjectType=request&subjectId=${requestId}`);
    expect(page.text).toContain("ทั้งหมด 3 รายการ");
    const action = await browsers.admin.get(`/admin/audit?action=agency.created`);
    expect(action.text).toContain("ทั้งหมด 1 รายการ");
    expect(action.text).toContain(`href="/audit/agencies/${agencyId}"`);
  });

  it("takes the date range as Bangkok calendar days", async () => {
    const admin = contextFor(t, adminUser(), "192.0.2.1");
    // Bangkok is UTC+7: 16:59 UTC on 30 Nov is 23:59 in Bangkok, 17:00 UTC is already 1 Dec.
    const now = t.clock.now();
    for (const at of ["2026-11-30T16:59:00Z", "2026-11-30T17:00:00Z", "2026-12-01T16:59:00Z", "2026-12-01T17:00:00Z"]) {
      t.clock.set(new Date(at));
      expect((await setContactText(admin, `ติดต่อ ${at}`)).ok).toBe(true);
    }
    // Back to now, so the admin's session is not idle for a week.
    t.clock.set(now);
    const one = await browsers.admin.get("/admin/audit?action=settings.contact&from=2026-12-01&to=2026-12-01");
    expect(one.status).toBe(200);
    expect(one.text).toContain("ทั้งหมด 2 รายการ");
    expect(one.text).toContain("1 ธ.ค. 2569 เวลา 0:00");
    expect(one.text).toContain("1 ธ.ค. 2569 เวลา 23:59");
    expect(eventsOf((await browsers.admin.get("/admin/audit?action=settings.contact&from=2026-12-01")).text)).toBe(3);
    expect(eventsOf((await browsers.admin.get("/admin/audit?action=settings.contact&to=2026-11-30")).text)).toBe(1);
  });

  it("refuses bad filters with a Thai message beside the field (422), keeping what was typed", async () => {
    const bad = await browsers.admin.get("/admin/audit?from=2026-02-30&to=2026-01-01&subjectType=secrets&action=drop.table&actor=OFFICER.ONE");
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("กรุณากรอกวันที่เริ่มต้นให้ถูกต้อง");
    expect(bad.text).toContain("กรุณาเลือกประเภทข้อมูลจากรายการ");
    expect(bad.text).toContain("กรุณาเลือกการกระทำจากรายการ");
    expect(bad.text).toContain('value="2026-02-30"');
    expect(bad.text).toContain('value="OFFICER.ONE"');
    expect(bad.text).toContain('class="error-summary"');
    expect(eventsOf(bad.text)).toBe(0);
    const backwards = await browsers.admin.get("/admin/audit?from=2026-12-02&to=2026-12-01");
    expect(backwards.status).toBe(422);
    expect(backwards.text).toContain("วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น");
    expect((await browsers.admin.get("/admin/audit/export.csv?from=nope")).status).toBe(422);
  });
});

describe("the exports", () => {
  it("writes CSV with a BOM, a header and exactly the matching rows", async () => {
    const r = await browsers.admin.request(`/admin/audit/export.csv?subjectType=request&subjectId=${requestId}`);
    expect(r.status).toBe(200);
    expect(r.res.headers.get("content-type")).toContain("text/csv");
    const raw = new Uint8Array(await (await t.app.request(`http://localhost:3000/admin/audit/export.csv?subjectType=request&subjectId=${requestId}`, {
      headers: { cookie: [...browsers.admin.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = r.text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("เวลา,เวลา (ISO),ผู้กระทำ,บทบาท,รหัสผู้กระทำ,การกระทำ,รหัสการกระทำ,ประเภทข้อมูล,รหัสข้อมูล,รายละเอียด,IP");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain("สมศรี ตรวจดี,เจ้าหน้าที่ผู้ตรวจสอบ");
    expect(lines[1]).toContain("เปลี่ยนสถานะคำขอ: รับเรื่อง,request.receive,คำขอ");
    expect(lines[1]).toContain(OFFICER_IP);
    expect(lines[3]).toContain("request.draft_created");
  });

  it("writes an Excel workbook exceljs opens, with the same rows", async () => {
    const cookie = [...browsers.admin.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await t.app.request(`http://localhost:3000/admin/audit/export.xlsx?subjectType=request&subjectId=${requestId}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe("บันทึกการใช้งาน");
    expect(sheet.actualRowCount).toBe(4);
    expect(sheet.getRow(1).getCell(1).value).toBe("เวลา");
    expect(sheet.getRow(2).getCell(7).value).toBe("request.receive");
    expect(sheet.getRow(2).getCell(11).value).toBe(OFFICER_IP);
    expect(sheet.getRow(4).getCell(7).value).toBe("request.draft_created");
  });

  it("holds every matching event, read in keyset pages that neither skip nor repeat one", async () => {
    const filters = { subjectType: "request", subjectId: requestId } as const;
    const pages: number[][] = [];
    for await (const page of auditExportPages(t.db, filters, 2)) pages.push(page.map((e) => e.id));
    expect(pages.map((p) => p.length)).toEqual([2, 1]);
    const ids = pages.flat();
    expect(new Set(ids).size).toBe(3);
    const csv = new TextDecoder().decode(await streamBytes(auditFile(t.db, filters, "csv"))).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(csv).toHaveLength(4);
    expect(csv.slice(1).map((l) => l.split(",")[6])).toEqual(["request.receive", expect.any(String), "request.draft_created"]);
    const sheet = readWorkbook(await streamBytes(auditFile(t.db, filters, "xlsx")))[0]!;
    expect(sheet.rows.map((r) => r.cells[6])).toEqual(["รหัสการกระทำ", ...csv.slice(1).map((l) => l.split(",")[6])]);
  });

  it("counts and reads the first page in one go, and picks up after any event it was left at", async () => {
    const filters = { subjectType: "request", subjectId: requestId } as const;
    const all: number[] = [];
    for await (const page of auditExportPages(t.db, filters, 10)) all.push(...page.map((e) => e.id));
    const head = await auditExportHead(t.db, filters, 2);
    expect(head.total).toBe(3);
    expect(head.first.map((e) => e.id)).toEqual(all.slice(0, 2));
    const rest: number[] = [];
    for await (const page of auditExportPages(t.db, filters, 2, { from: auditCursorOf(head.first[1]!) })) rest.push(...page.map((e) => e.id));
    expect(rest).toEqual(all.slice(2));
    // A head already read is not read again.
    const resumed: number[] = [];
    for await (const page of auditExportPages(t.db, filters, 2, { first: head.first })) resumed.push(...page.map((e) => e.id));
    expect(resumed).toEqual(all);
  });
});

describe("viewing a full national ID is recorded", () => {
  const pidViews = () => t.db.select().from(auditEvents).where(eq(auditEvents.action, "pid.viewed"));

  it("shows the officer a masked ID; the button shows it in full and records who, whose and from where", async () => {
    const officer = browsers.officer;
    const before = (await pidViews()).length;
    const page = await officer.get(`/requests/${requestId}`);
    expect(page.text).toContain("1-1017-xxxxx-36-8");
    expect(page.text).not.toContain("1-1017-00230-36-8");
    expect(page.text).toContain("แสดงเลขประจำตัวประชาชนเต็ม");
    expect((await pidViews()).length).toBe(before);

    const shown = await officer.post(`/requests/${requestId}/pid`, {});
    expect(shown.status).toBe(200);
    expect(shown.text).toContain("1-1017-00230-36-8");
    const views = await pidViews();
    expect(views).toHaveLength(before + 1);
    expect(views.at(-1)).toMatchObject({ actorId: ids.officer, subjectType: "request", subjectId: requestId, ip: OFFICER_IP, data: { whose: "applicant" } });
    // Shown once: the page is masked again afterwards.
    expect((await officer.get(`/requests/${requestId}`)).text).not.toContain("1-1017-00230-36-8");
    // htmx swaps just the field.
    const fragment = await officer.post(`/requests/${requestId}/pid`, {}, { headers: { "hx-request": "true" } });
    expect(fragment.text.startsWith('<dd id="applicant-id">')).toBe(true);
    expect(fragment.text).toContain("1-1017-00230-36-8");
    expect((await pidViews()).length).toBe(before + 2);
    // And the trail says so.
    expect((await officer.get(`/audit/requests/${requestId}`)).text).toContain("ดูเลขประจำตัวประชาชนเต็ม");
  });

  it("offers the university no full ID: masked on its request, no button, and the post refused", async () => {
    const uni = browsers.uni;
    const page = await uni.get(`/requests/${requestId}`);
    expect(page.text).toContain("1-1017-xxxxx-36-8");
    expect(page.text).not.toContain("แสดงเลขประจำตัวประชาชนเต็ม");
    const before = (await pidViews()).length;
    expect((await uni.post(`/requests/${requestId}/pid`, {})).status).toBe(403);
    expect((await pidViews()).length).toBe(before);
  });

  it("does not prefill a draft's ID in its edit form; a blank one keeps it, a new one replaces it", async () => {
    const uni = browsers.uni;
    await uni.get("/university/requests/new");
    const saved = await uni.post("/university/requests", { ...validRequestForm(A.pid), intent: "save" });
    const id = /\/university\/requests\/([\w-]+)\/edit/.exec(saved.location!)![1]!;
    const pidOf = async () => (await t.db.select({ h: academicRequests.applicantPidHmac }).from(academicRequests).where(eq(academicRequests.id, id)))[0]!.h;
    const stored = await pidOf();
    const form = await uni.get(`/university/requests/${id}/edit`);
    expect(form.text).not.toContain("1-1017-00230-36-8");
    expect(form.text).not.toContain("1101700230368");
    expect(form.text).toContain("เลขที่บันทึกไว้ 1-1017-xxxxx-36-8 กรอกใหม่หากต้องการแก้ไข");
    expect((await uni.post(`/university/requests/${id}`, { ...validRequestForm(""), fieldTh: "ฟิสิกส์", intent: "check" })).status).toBe(303);
    expect(await pidOf()).toBe(stored);
    const check = await uni.get(`/university/requests/${id}/check`);
    expect(check.text).toContain("1-1017-xxxxx-36-8");
    expect(check.text).toContain("ฟิสิกส์");
    expect((await uni.post(`/university/requests/${id}`, { ...validRequestForm(DEMO_CITIZENS[1]!.pid), intent: "save" })).status).toBe(303);
    expect(await pidOf()).not.toBe(stored);
  });
});

describe("a tester's full national ID", () => {
  it("is masked on the step page; the agency's and the officer's views are recorded; the edit form keeps it when left blank", async () => {
    // Step 2 open for the agency (step 1 done).
    const { eserviceSteps, testers } = await import("../../src/db/schema");
    await t.db.update(eserviceSteps).set({ state: "done" }).where(and(eq(eserviceSteps.eserviceId, serviceId), eq(eserviceSteps.stepNo, 1)));
    await t.db.update(eserviceSteps).set({ state: "in_progress" }).where(and(eq(eserviceSteps.eserviceId, serviceId), eq(eserviceSteps.stepNo, 2)));
    const agency = browsers.agency;
    const s2 = `/eservices/${serviceId}/steps/2`;
    await agency.get(`${s2}/testers/new`);
    const tester = { fullName: "สมชาย ทดสอบ", organisation: "กรมทดสอบ", email: "somchai@dept.go.th", phone: "081-234-5678", nationalId: "1-1017-00230-36-8", os: "android" };
    expect((await agency.post(`${s2}/testers`, tester)).status).toBe(303);
    const [row] = await t.db.select().from(testers).where(eq(testers.eserviceId, serviceId));
    const page = await agency.get(s2);
    expect(page.text).toContain("1-1017-xxxxx-36-8");
    expect(page.text).not.toContain("1-1017-00230-36-8");

    const shown = await agency.post(`${s2}/testers/${row!.id}/pid`, {});
    expect(shown.status).toBe(200);
    expect(shown.text).toContain("1-1017-00230-36-8");
    expect(shown.text).toContain(`href="${s2}#testers-heading"`);
    const officerShown = await browsers.officer.post(`${s2}/testers/${row!.id}/pid`, {}, { headers: { "hx-request": "true" } });
    expect(officerShown.text).toMatch(/^<div id="tester-pid-[\w-]+">เลขบัตร 1-1017-00230-36-8/);
    const views = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "pid.viewed"), eq(auditEvents.subjectId, serviceId)));
    expect(views.map((v) => [v.actorId, v.subjectType, v.data])).toEqual([
      [ids.agency, "eservice", { whose: "tester", testerId: row!.id, stepNo: 2 }],
      [ids.officer, "eservice", { whose: "tester", testerId: row!.id, stepNo: 2 }],
    ]);
    expect(views.map((v) => v.ip)).toEqual(["192.0.2.9", OFFICER_IP]);

    const edit = await agency.get(`${s2}/testers/${row!.id}/edit`);
    expect(edit.text).not.toContain("1-1017-00230-36-8");
    expect(edit.text).toContain("กรอกใหม่หากต้องการแก้ไข");
    expect((await agency.post(`${s2}/testers/${row!.id}`, { ...tester, nationalId: "", fullName: "สมชาย แก้ชื่อ" })).status).toBe(303);
    const [after] = await t.db.select().from(testers).where(eq(testers.id, row!.id));
    expect(after!.fullName).toBe("สมชาย แก้ชื่อ");
    expect(after!.pidEnc).toBe(row!.pidEnc);
    // A new tester still needs one.
    await agency.get(`${s2}/testers/new`);
    expect((await agency.post(`${s2}/testers`, { ...tester, nationalId: "" })).status).toBe(422);
  });
});
