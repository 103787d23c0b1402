/**
 * Every action says what happened: the Thai notice on the page after the
 * redirect (once), with and without htmx; upload errors beside the file field
 * and linked from the summary at the top; CSRF tokens never accepted from a URL.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { universities } from "../../src/db/schema";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import { agencyServiceAt, Browser, createTestApp, createUser, type TestApp, validRequestForm } from "./helpers";
import { PDF_BYTES, png } from "../support/fuzz";

let t: TestApp;
const HX = { "hx-request": "true" };

beforeEach(async () => {
  t = await createTestApp();
  await t.db.insert(universities).values({ id: "uni-x", code: "00100", nameTh: "จุฬาลงกรณ์มหาวิทยาลัย", nameEn: "Chulalongkorn University" });
  await createUser(t, { role: "university", username: "uni.x", password: "Univ#2567", orgId: "uni-x" });
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
});
afterEach(() => t.close());

/** The notice in the page's live region (as text), or null. */
function flashOf(html: string): string | null {
  const raw = /<div id="flash-region"[^>]*>\s*<div class="flash">([^<]*)<\/div>/.exec(html)?.[1];
  return raw === undefined ? null : raw.replaceAll("&#39;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
}

/** Follows a POST's answer the way the browser would: the 303's Location, or htmx's HX-Redirect. */
async function follow(b: Browser, r: { status: number; location: string | null; res: Response }) {
  const to = r.location ?? r.res.headers.get("hx-redirect");
  expect(to, `status ${r.status} with no redirect`).toBeTruthy();
  return b.get(to!);
}

async function draft(uni: Browser) {
  await uni.get("/university/requests/new");
  const saved = await uni.post("/university/requests", { ...validRequestForm(DEMO_CITIZENS[0]!.pid), intent: "check" });
  return /\/university\/requests\/([\w-]+)\/check/.exec(saved.location!)![1]!;
}

async function submitted(uni: Browser) {
  const id = await draft(uni);
  await uni.get(`/university/requests/${id}/check`);
  await uni.post(`/university/requests/${id}/submit`, {});
  return id;
}

const pdf = (name: string) => new File([PDF_BYTES], name, { type: "application/pdf" });

describe("flash after a state change", () => {
  it("says the ticket number after a submission, once, and is a polite live region at the top of main", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const id = await draft(uni);
    await uni.get(`/university/requests/${id}/check`);
    const page = await follow(uni, await uni.post(`/university/requests/${id}/submit`, {}));
    expect(flashOf(page.text)).toBe("ยื่นคำขอเรียบร้อยแล้ว เลขที่ 2569-00100-0001");
    expect(page.text).toMatch(/<main id="main"[^>]*>\s*<div id="flash-region" role="status" aria-live="polite">/);
    expect(flashOf((await uni.get(`/requests/${id}`)).text)).toBeNull();
  });

  it("says which officer action was recorded, with and without htmx", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const id = await submitted(uni);
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    await officer.get(`/requests/${id}`);
    const plain = await officer.post(`/requests/${id}/actions`, { action: "receive", receiptNo: "1548", expectedStatus: "submitted" });
    expect(plain.status).toBe(303);
    expect(flashOf((await follow(officer, plain)).text)).toBe("บันทึกการดำเนินการ 'รับเรื่อง' แล้ว");
    const hx = await officer.post(`/requests/${id}/actions`, { action: "start_doc_review", expectedStatus: "received" }, { headers: HX });
    expect(hx.status).toBe(200);
    expect(hx.res.headers.get("hx-redirect")).toBe(`/requests/${id}`);
    expect(flashOf((await follow(officer, hx)).text)).toBe("บันทึกการดำเนินการ 'เริ่มตรวจสอบเอกสาร' แล้ว");
  });

  it("names the uploaded document, with and without htmx", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const id = await submitted(uni);
    await uni.get(`/requests/${id}`);
    const plain = await uni.upload(`/requests/${id}/documents`, { file: pdf("แบบ ก.พ.ว. 1.pdf") });
    expect(flashOf((await follow(uni, plain)).text)).toBe("อัปโหลดเอกสาร แบบ ก.พ.ว. 1.pdf แล้ว");
    const hx = await uni.upload(`/requests/${id}/documents`, { file: pdf("ผลงาน.pdf") }, { headers: HX });
    expect(flashOf((await follow(uni, hx)).text)).toBe("อัปโหลดเอกสาร ผลงาน.pdf แล้ว");
  });

  it("puts a notice answered in an htmx fragment into the live region out of band", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const id = await submitted(uni);
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    await officer.get(`/requests/${id}`);
    const r = await officer.post(`/requests/${id}/pid`, {}, { headers: HX });
    expect(r.status).toBe(200);
    expect(r.text).toContain('<div id="flash-region" role="status" aria-live="polite" hx-swap-oob="true"><div class="flash">แสดงเลขประจำตัวประชาชนแล้ว');
  });

  it("confirms an officer's review of an e-service step, and the agency's submit", async () => {
    const { agency, officer } = await agencyServiceAt(t, ["done", "in_review", "locked", "locked", "locked", "locked", "locked"]);
    await officer.get("/eservices/svc-1/steps/2");
    const review = await officer.post("/eservices/svc-1/steps/2/review", { decision: "approve" }, { headers: HX });
    expect(review.res.headers.get("hx-redirect")).toBe("/officer/reviews");
    expect(flashOf((await follow(officer, review)).text)).toBe("ส่งผลการตรวจสอบขั้นตอนที่ 2 แล้ว");
    // The agency's own page carries no notice meant for the officer.
    expect(flashOf((await agency.get("/eservices/svc-1/steps/3")).text)).toBeNull();
  });
});

describe("upload errors", () => {
  it("shows a wrong file's error beside the field and links it from the focused summary at the top", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const id = await submitted(uni);
    await uni.get(`/requests/${id}`);
    const r = await uni.upload(`/requests/${id}/documents`, { file: new File([png(10, 10)], "รูป.pdf") });
    expect(r.status).toBe(422);
    const summary = r.text.indexOf('class="error-summary" role="alert" tabindex="-1" autofocus');
    expect(summary).toBeGreaterThan(0);
    expect(summary).toBeLessThan(r.text.indexOf("<dl class=\"facts\">"));
    expect(r.text).toMatch(/<a href="#f-document">เอกสารประกอบ: ไฟล์นี้ไม่ใช่ PDF/);
    expect(r.text).toMatch(/<p class="field-error" id="f-document-error">.*ไฟล์นี้ไม่ใช่ PDF/s);
    expect(r.text).toMatch(/<input id="f-document"[^>]*aria-invalid="true"[^>]*aria-describedby="f-document-error"/);
  });

  it("lists a step's upload error at the top of the step page, linked to its file input", async () => {
    const { agency } = await agencyServiceAt(t, ["done", "done", "done", "done", "in_progress", "locked", "locked"]);
    await agency.get("/eservices/svc-1/steps/5");
    const r = await agency.upload("/eservices/svc-1/steps/5/screenshots", { file: new File([PDF_BYTES], "shot.png") });
    expect(r.status).toBe(422);
    expect(r.text).toMatch(/<a href="#f-shot">ภาพหน้าจอ: ไฟล์นี้ไม่ใช่ JPG หรือ PNG/);
    expect(r.text).toMatch(/<p class="field-error" id="f-shot-error">/);
    expect(r.text.match(/class="error-summary"/g)).toHaveLength(1);
  });
});

describe("CSRF token in upload forms", () => {
  it("sends the token as a body field, and refuses one only in the URL", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const id = await submitted(uni);
    const page = await uni.get(`/requests/${id}`);
    expect(page.text).not.toContain("_csrf=");
    expect(page.text).toMatch(/action="\/requests\/[\w-]+\/documents"[^>]*>\s*<input type="hidden" name="_csrf"/);
    const inUrl = await uni.upload(`/requests/${id}/documents?_csrf=${encodeURIComponent(uni.csrf!)}`, { file: pdf("a.pdf") }, { csrf: null });
    expect(inUrl.status).toBe(403);
    expect((await uni.upload(`/requests/${id}/documents`, { file: pdf("a.pdf") })).status).toBe(303);
  });
});

describe("deleting asks first", () => {
  it("links to a confirmation page without JS (hx-confirm with JS), whose form deletes and confirms", async () => {
    const { agency } = await agencyServiceAt(t, ["done", "done", "done", "done", "in_progress", "locked", "locked"]);
    await agency.get("/eservices/svc-1/steps/5");
    await agency.upload("/eservices/svc-1/steps/5/screenshots", { file: new File([png(300, 600)], "หน้าแรก.png") });
    const page = await agency.get("/eservices/svc-1/steps/5");
    const link = /<a href="(\/eservices\/svc-1\/steps\/5\/screenshots\/[\w-]+\/delete)" class="button-link delete-link" hx-post="\1" hx-confirm="ต้องการลบภาพหน้าจอ หน้าแรก.png/.exec(page.text);
    expect(link).not.toBeNull();
    const confirm = await agency.get(link![1]!);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain("ต้องการลบภาพหน้าจอ หน้าแรก.pngใช่หรือไม่");
    expect(confirm.text).toContain(`<form method="post" action="${link![1]}">`);
    const done = await agency.post(link![1]!, {});
    expect(flashOf((await follow(agency, done)).text)).toBe("ลบภาพหน้าจอแล้ว");
    expect((await agency.get(link![1]!)).status).toBe(404);
  });
});
