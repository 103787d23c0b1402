import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { academicRequests, auditEvents, outboxMail, requestDocuments, requestEvents, universities, users } from "../../src/db/schema";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import { newId } from "../../src/services/crypto";
import { pidKeys, pidLookupHash } from "../../src/services/pid-crypto";
import { queueOrder } from "../../src/services/requests";
import { Browser, createTestApp, createUser, TEST_DATA_KEY, type TestApp, validRequestForm } from "./helpers";

let t: TestApp;
const A = DEMO_CITIZENS[0]!;
const B = DEMO_CITIZENS[1]!;

beforeEach(async () => {
  t = await createTestApp();
  await t.db.insert(universities).values([
    { id: "uni-x", code: "00100", nameTh: "จุฬาลงกรณ์มหาวิทยาลัย", nameEn: "Chulalongkorn University" },
    { id: "uni-y", code: "00500", nameTh: "มหาวิทยาลัยธรรมศาสตร์", nameEn: "Thammasat University" },
  ]);
  await createUser(t, { role: "university", username: "uni.x", password: "Univ#2567", orgId: "uni-x" });
  await createUser(t, { role: "university", username: "uni.y", password: "Univ#2567", orgId: "uni-y" });
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
});
afterEach(() => t.close());


/** University staff files and submits a request; returns its id and ticket. */
async function submit(uni: Browser, pid: string) {
  await uni.get("/university/requests/new");
  const saved = await uni.post("/university/requests", { ...validRequestForm(pid), intent: "check" });
  expect(saved.status).toBe(303);
  const id = /\/university\/requests\/([\w-]+)\/check/.exec(saved.location!)![1]!;
  await uni.get(saved.location!);
  const done = await uni.post(`/university/requests/${id}/submit`, {});
  expect(done.status).toBe(303);
  const [row] = await t.db.select().from(academicRequests).where(eq(academicRequests.id, id));
  return { id, ticketNo: row!.ticketNo! };
}

async function signInApplicant(pid: string) {
  const id = newId();
  await t.db.insert(users).values({
    id,
    role: "applicant",
    displayName: "ผู้สมัคร",
    pidHmac: await pidLookupHash(await pidKeys(TEST_DATA_KEY), pid),
    createdAt: t.clock.now(),
  });
  // Applicants sign in through ThaiD (tested elsewhere); here a session is made directly.
  const { startSession } = await import("../../src/services/auth");
  const s = await startSession(t.db, t.clock.now(), { userId: id, previousToken: null, ip: "127.0.0.1", userAgent: null, method: "thaid" });
  const b = new Browser(t);
  b.cookies.set("tidtam_s", s.token);
  return b;
}

async function act(officer: Browser, id: string, fields: Record<string, string>) {
  await officer.get(`/requests/${id}`);
  return officer.post(`/requests/${id}/actions`, fields);
}

describe("university submission", () => {
  it("saves a draft, shows check-your-answers, and submits with ticket <BE year>-<code>-<running no.>", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const { id, ticketNo } = await submit(uni, A.pid);
    expect(ticketNo).toBe("2569-00100-0001");
    const second = await submit(uni, B.pid);
    expect(second.ticketNo).toBe("2569-00100-0002");
    const events = await t.db.select().from(requestEvents).where(eq(requestEvents.requestId, id));
    expect(events.map((e) => e.label)).toEqual(["ยื่นคำขอ"]);
    const mails = await t.db.select().from(outboxMail);
    expect(mails.map((m) => m.to)).toContain("jennie_@gek.com");
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "request.submitted"));
    expect(audit).toHaveLength(2);
  });

  it("keeps a half-filled draft, and refuses a bad national ID with a Thai message beside the field, keeping the other answers", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    await uni.get("/university/requests/new");
    const bad = await uni.post("/university/requests", { ...validRequestForm("1101700230366"), intent: "draft" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("เลขประจำตัวประชาชนไม่ถูกต้อง");
    expect(bad.text).toContain('value="ประสาทศัลยศาสตร์"');
    expect(await t.db.select().from(academicRequests)).toHaveLength(0);

    const draft = await uni.post("/university/requests", { applicantFirstName: "กมล", intent: "draft" });
    expect(draft.status).toBe(303);
    const edit = await uni.get(draft.location!);
    expect(edit.text).toContain('value="กมล"');
    const id = /requests\/([\w-]+)\/edit/.exec(draft.location!)![1]!;
    const check = await uni.get(`/university/requests/${id}/check`);
    const submitted = await uni.post(`/university/requests/${id}/submit`, {});
    expect(check.status).toBe(200);
    expect(submitted.status).toBe(422);
    expect(submitted.text).toContain("กรุณากรอกเลขประจำตัวประชาชน");
    const [row] = await t.db.select().from(academicRequests);
    expect(row!.status).toBe("draft");
    expect(row!.applicantFirstName).toBe("กมล");
  });

  it("gives distinct, gapless ticket numbers to concurrent submissions", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      await uni.get("/university/requests/new");
      const saved = await uni.post("/university/requests", { ...validRequestForm(A.pid), intent: "check" });
      ids.push(/requests\/([\w-]+)\/check/.exec(saved.location!)![1]!);
    }
    await uni.get("/university");
    await Promise.all(ids.map((id) => uni.post(`/university/requests/${id}/submit`, {})));
    const tickets = (await t.db.select({ n: academicRequests.ticketNo }).from(academicRequests)).map((r) => r.n).sort();
    expect(tickets).toEqual(Array.from({ length: 8 }, (_, i) => `2569-00100-${String(i + 1).padStart(4, "0")}`));
  });
});

describe("officer status work and the queue", () => {
  it("receives, asks for documents (leaving the queue), receives them (back of the queue), and finishes", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const first = await submit(uni, A.pid);
    const second = await submit(uni, B.pid);
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");

    const letters = await act(officer, first.id, { action: "receive", receiptNo: "abc" });
    expect(letters.status).toBe(422);
    // The coordinator's phone and e-mail are links here too, the phone written the one way.
    expect(letters.text).toMatch(/<a href="tel:0\d{8,9}"[^>]*>0\d{1,2}-\d{3}-\d{3,4}<\/a> · <a href="mailto:[^"]+@/);
    expect(letters.text).toContain("หมายเลขรับเอกสารต้องเป็นตัวเลขเท่านั้น");
    expect(letters.text).toMatch(/name="receiptNo"[^>]*value="abc"|value="abc"[^>]*name="receiptNo"/);
    expect((await act(officer, first.id, { action: "receive", receiptNo: "1548" })).status).toBe(303);
    t.clock.advance(60_000);
    expect((await act(officer, second.id, { action: "receive", receiptNo: "1549" })).status).toBe(303);
    expect(await queueOrder(t.db)).toEqual([
      { id: first.id, queueNo: 1 },
      { id: second.id, queueNo: 2 },
    ]);

    t.clock.advance(60_000);
    const missing = await act(officer, first.id, { action: "request_documents" });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain("กรุณากรอกหมายเหตุ");
    await act(officer, first.id, { action: "request_documents", note: "ขาดแบบ ก.พ.ว." });
    expect(await queueOrder(t.db)).toEqual([{ id: second.id, queueNo: 1 }]);

    t.clock.advance(60_000);
    await act(officer, first.id, { action: "documents_received" });
    expect(await queueOrder(t.db)).toEqual([
      { id: second.id, queueNo: 1 },
      { id: first.id, queueNo: 2 },
    ]);
    const page = await officer.get(`/requests/${first.id}`);
    expect(page.text).toMatch(/<dt>คิวที่<\/dt><dd>2<\/dd>/);

    // The document asked for arrives and is found correct, so the documents can be checked.
    await uni.get(`/requests/${first.id}`);
    const pdf = new File([new TextEncoder().encode("%PDF-1.7\n%%EOF")], "แบบ ก.พ.ว..pdf", { type: "application/pdf" });
    expect((await uni.upload(`/requests/${first.id}/documents`, { file: pdf })).status).toBe(303);
    const docId = /\/documents\/([\w-]+)\/status/.exec((await officer.get(`/requests/${first.id}`)).text)![1]!;
    expect((await officer.post(`/requests/${first.id}/documents/${docId}/status`, { status: "ok", note: "" })).status).toBe(303);

    for (const [action, extra] of [
      ["finish_doc_review", {}],
      ["start_peer_review", {}],
      ["propose_committee", {}],
      ["finish", { note: "อนุมัติ" }],
    ] as const) {
      expect((await act(officer, first.id, { action, ...extra })).status).toBe(303);
    }
    const labels = (await t.db.select().from(requestEvents).where(eq(requestEvents.requestId, first.id))).map((e) => e.label);
    expect(labels).toEqual([
      "ยื่นคำขอ",
      "รับเรื่อง (หมายเลขรับเอกสาร: 1548)",
      "ขอเอกสารเพิ่มเติม: ขาดแบบ ก.พ.ว. (ออกจากคิว)",
      "ได้รับเอกสารเพิ่มเติม เข้าคิวใหม่ และอยู่ระหว่างตรวจสอบเอกสาร",
      "ได้รับเอกสาร แบบ ก.พ.ว..pdf",
      "เอกสาร แบบ ก.พ.ว..pdf: ถูกต้อง",
      "ตรวจสอบเอกสารแล้วเสร็จ",
      "อยู่ระหว่างการพิจารณาผลงานโดยผู้ทรงคุณวุฒิ",
      "เสนอสภามหาวิทยาลัย/กกอ.",
      "สิ้นสุด: อนุมัติ",
    ]);
    expect(await queueOrder(t.db)).toEqual([{ id: second.id, queueNo: 1 }]);
  });

  it("rejects an illegal transition with 422 in Thai and changes nothing", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const { id } = await submit(uni, A.pid);
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    const res = await act(officer, id, { action: "finish", note: "x" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("ไม่สามารถดำเนินการนี้ในสถานะปัจจุบันได้");
    const [row] = await t.db.select().from(academicRequests).where(eq(academicRequests.id, id));
    expect(row!.status).toBe("submitted");
  });

  it("keeps queue numbers a clean 1..n when officers act at the same moment", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await submit(uni, A.pid)).id);
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    await officer.get("/officer");
    await Promise.all(ids.map((id, i) => officer.post(`/requests/${id}/actions`, { action: "receive", receiptNo: String(2000 + i) })));
    await Promise.all(ids.slice(0, 3).map((id) => officer.post(`/requests/${id}/actions`, { action: "request_documents", note: "ขาดเอกสาร" })));
    const order = await queueOrder(t.db);
    expect(order.map((o) => o.queueNo)).toEqual([1, 2, 3]);
    expect(new Set(order.map((o) => o.id))).toEqual(new Set(ids.slice(3)));
  });

  it("answers a stale form (someone else moved the request first) with 409", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const { id } = await submit(uni, A.pid);
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    await act(officer, id, { action: "receive", receiptNo: "1", expectedStatus: "submitted" });
    const stale = await officer.post(`/requests/${id}/actions`, { action: "receive", receiptNo: "2", expectedStatus: "submitted" });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain("ถูกเปลี่ยนสถานะโดยผู้อื่นแล้ว");
  });
});

describe("who can see what", () => {
  it("shows applicant A only A's requests, and 404 for B's by id", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const mine = await submit(uni, A.pid);
    const theirs = await submit(uni, B.pid);
    const a = await signInApplicant(A.pid);
    const list = await a.get("/me");
    expect(list.text).toContain(mine.ticketNo);
    expect(list.text).not.toContain(theirs.ticketNo);
    expect((await a.get(`/requests/${mine.id}`)).status).toBe(200);
    const probe = await a.get(`/requests/${theirs.id}`);
    expect(probe.status).toBe(404);
    expect(probe.text).not.toContain(theirs.ticketNo);
    // The national ID is masked for the applicant.
    expect((await a.get(`/requests/${mine.id}`)).text).toContain("1-1017-xxxxx-36-8");
  });

  it("keeps university Y out of university X's requests and their list", async () => {
    const x = new Browser(t);
    await x.login("uni.x", "Univ#2567");
    const req = await submit(x, A.pid);
    const y = new Browser(t);
    await y.login("uni.y", "Univ#2567");
    expect((await y.get(`/requests/${req.id}`)).status).toBe(404);
    expect((await y.get("/university")).text).not.toContain(req.ticketNo);
    expect((await y.get(`/university/requests/${req.id}/edit`)).status).toBe(404);
    expect((await y.get(`/university?q=${req.ticketNo}`)).text).toContain("พบ 0 คำขอ");
  });

  it("round-trips a tracking link through sign-in, and shows it only to its owner", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const mine = await submit(uni, A.pid);
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    await officer.get(`/requests/${mine.id}`);
    const made = await officer.post(`/requests/${mine.id}/tracking-link`, {});
    const url = /id="tracking-url" readonly="" value="([^"]+)"/.exec(made.text)![1]!;
    const path = new URL(url).pathname;

    const anonymous = await new Browser(t).get(path);
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe(`/login?next=${encodeURIComponent(path)}`);

    const a = await signInApplicant(A.pid);
    const page = await a.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain(mine.ticketNo);
    expect(page.res.headers.get("x-robots-tag")).toContain("noindex");
    expect(page.res.headers.get("referrer-policy")).toBe("no-referrer");

    const b = await signInApplicant(B.pid);
    expect((await b.get(path)).status).toBe(404);
    expect((await b.get("/track/not-a-real-token-aaaaaaaaaaaaaa")).status).toBe(404);

    await officer.post(`/requests/${mine.id}/tracking-link/revoke`, {});
    expect((await a.get(path)).status).toBe(404);
  });

  it("keeps applicants and universities off the officer pages and actions", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const { id } = await submit(uni, A.pid);
    expect((await uni.get("/officer")).status).toBe(403);
    await uni.get(`/requests/${id}`);
    expect((await uni.post(`/requests/${id}/actions`, { action: "receive", receiptNo: "1" })).status).toBe(403);
    const a = await signInApplicant(A.pid);
    await a.get(`/requests/${id}`);
    expect((await a.post(`/requests/${id}/tracking-link`, {})).status).toBe(403);
    const [row] = await t.db.select().from(academicRequests).where(eq(academicRequests.id, id));
    expect(row!.status).toBe("submitted");
  });
});

describe("supporting documents", () => {
  const pdf = (name: string) => new File([new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF")], name, { type: "application/pdf" });
  const exe = (name: string) => new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00])], name, { type: "application/pdf" });

  it("takes a PDF from the request's university, shows it as received, and lets the officer mark it", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const { id } = await submit(uni, A.pid);
    await uni.get(`/requests/${id}`);
    const up = await uni.upload(`/requests/${id}/documents`, { file: pdf("แบบ ก.พ.ว. 1.pdf") });
    expect(up.status).toBe(303);
    const page = await uni.get(`/requests/${id}`);
    expect(page.text).toContain("แบบ ก.พ.ว. 1.pdf");
    expect(page.text).toContain("ได้รับแล้ว");
    expect(page.text).toContain("ได้รับเอกสาร แบบ ก.พ.ว. 1.pdf");

    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    const detail = await officer.get(`/requests/${id}`);
    const docId = /\/documents\/([\w-]+)\/status/.exec(detail.text)![1]!;
    expect((await officer.post(`/requests/${id}/documents/${docId}/status`, { status: "needs_fix", note: "ลายมือชื่อไม่ครบ" })).status).toBe(303);
    const a = await signInApplicant(A.pid);
    const seen = await a.get(`/requests/${id}`);
    expect(seen.text).toContain("ต้องแก้ไข");
    expect(seen.text).toContain("ลายมือชื่อไม่ครบ");
    const download = await a.request(`/requests/${id}/documents/${docId}`);
    expect(download.status).toBe(200);
    expect(download.res.headers.get("content-type")).toBe("application/pdf");
  });

  it("refuses a renamed executable with a Thai message and stores nothing", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const { id } = await submit(uni, A.pid);
    await uni.get(`/requests/${id}`);
    const res = await uni.upload(`/requests/${id}/documents`, { file: exe("ผลงาน.pdf") });
    expect(res.status).toBe(422);
    expect(res.text).toContain("ไฟล์นี้ไม่ใช่ PDF");
    expect((await uni.get(`/requests/${id}`)).text).toContain("ยังไม่มีเอกสาร");
  });

  it("refuses an upload without the CSRF token, and one from another university", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const { id } = await submit(uni, A.pid);
    await uni.get(`/requests/${id}`);
    expect((await uni.upload(`/requests/${id}/documents`, { file: pdf("a.pdf") }, { csrf: null })).status).toBe(403);
    const y = new Browser(t);
    await y.login("uni.y", "Univ#2567");
    await y.get("/university");
    expect((await y.upload(`/requests/${id}/documents`, { file: pdf("a.pdf") })).status).toBe(404);
  });
});

describe("the officer's work queue", () => {
  it("filters by status, university and position, searches by ticket, name and national ID, and exports the same list to XLSX", async () => {
    const x = new Browser(t);
    await x.login("uni.x", "Univ#2567");
    const a = await submit(x, A.pid);
    const y = new Browser(t);
    await y.login("uni.y", "Univ#2567");
    const b = await submit(y, B.pid);
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    await act(officer, a.id, { action: "receive", receiptNo: "77" });

    const byStatus = await officer.get("/officer?status=received");
    expect(byStatus.text).toContain(a.ticketNo);
    expect(byStatus.text).not.toContain(b.ticketNo);
    const byUni = await officer.get("/officer?university=uni-y");
    expect(byUni.text).toContain(b.ticketNo);
    expect(byUni.text).not.toContain(a.ticketNo);
    expect((await officer.get(`/officer?q=${b.ticketNo}`)).text).toContain("พบ 1 คำขอ");
    expect((await officer.get(`/officer?q=${encodeURIComponent("พลพิจิตร")}`)).text).toContain("พบ 2 คำขอ");
    const byPid = await officer.get(`/officer?q=${encodeURIComponent("3-1006-00456-78-5")}`);
    expect(byPid.text).toContain(b.ticketNo);
    expect(byPid.text).not.toContain(a.ticketNo);
    expect((await officer.get("/officer?position=professor")).text).toContain("พบ 0 คำขอ");
    // Unknown filter values are ignored, not errors.
    expect((await officer.get("/officer?status=nonsense&age=-4")).status).toBe(200);

    const xlsx = await officer.request("/officer/export.xlsx?university=uni-y");
    expect(xlsx.status).toBe(200);
    expect(xlsx.res.headers.get("content-type")).toContain("spreadsheetml");
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const bytes = await t.app.request("http://localhost:3000/officer/export.xlsx?university=uni-y", {
      headers: { cookie: [...officer.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    await wb.xlsx.load(await bytes.arrayBuffer());
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("Ticket No.");
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe(b.ticketNo);
    expect(sheet.getRow(2).getCell(8).value).toBe("รอรับเรื่อง");
  });
});

describe("tracking-link guessing", () => {
  it("throttles an IP that tries many tokens, with 429 in Thai that says how long to wait", async () => {
    const a = await signInApplicant(A.pid);
    let last = 0;
    for (let i = 0; i < 61; i++) last = (await a.get(`/track/guess-${String(i).padStart(20, "0")}`)).status;
    expect(last).toBe(429);
    const res = await a.get("/track/another-guess-aaaaaaaaaaaaaa");
    expect(res.text).toContain("ส่งคำขอบ่อยเกินไป");
    expect(res.text).toContain("กรุณาลองใหม่ในอีก 10 นาที");
    expect(res.res.headers.get("retry-after")).toBe("600");
  });
});

describe("documents and statuses agree", () => {
  const pdf = (name: string) => new File([new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF")], name, { type: "application/pdf" });

  async function rowCounts() {
    const count = async (table: typeof requestEvents | typeof auditEvents | typeof outboxMail | typeof requestDocuments) =>
      (await t.db.select().from(table)).length;
    return { events: await count(requestEvents), audit: await count(auditEvents), mail: await count(outboxMail), documents: await count(requestDocuments) };
  }

  /** A submitted request of uni.x with the given files uploaded, and the officer signed in. */
  async function requestWithDocuments(files: string[]) {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const { id } = await submit(uni, A.pid);
    await uni.get(`/requests/${id}`);
    for (const f of files) expect((await uni.upload(`/requests/${id}/documents`, { file: pdf(f) })).status).toBe(303);
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    const docs = await t.db.select().from(requestDocuments).where(eq(requestDocuments.requestId, id));
    return { id, uni, officer, docIds: docs.map((d) => d.id) };
  }

  async function markDocument(officer: Browser, id: string, docId: string, status: string, note = "") {
    await officer.get(`/requests/${id}`);
    return officer.post(`/requests/${id}/documents/${docId}/status`, { status, note });
  }

  async function statusOf(id: string) {
    const [row] = await t.db.select().from(academicRequests).where(eq(academicRequests.id, id));
    return row!.status;
  }

  it("refuses ตรวจสอบเอกสารแล้วเสร็จ with 409 while a document needs fixing or is not yet checked, and writes nothing", async () => {
    const { id, officer, docIds } = await requestWithDocuments(["แบบ ก.พ.อ. 03.pdf", "ผลงานทางวิชาการ.pdf"]);
    await act(officer, id, { action: "receive", receiptNo: "1548" });
    await act(officer, id, { action: "start_doc_review" });
    expect((await markDocument(officer, id, docIds[0]!, "ok")).status).toBe(303);
    expect((await markDocument(officer, id, docIds[1]!, "needs_fix", "ลายมือชื่อไม่ครบ")).status).toBe(303);

    // The page does not offer it, and a crafted POST is refused.
    const page = await officer.get(`/requests/${id}`);
    expect(page.text).not.toContain('value="finish_doc_review"');
    expect(page.text).toContain("ยังมีเอกสารที่ต้องแก้ไขหรือยังไม่ได้ตรวจ");
    const before = await rowCounts();
    const refused = await officer.post(`/requests/${id}/actions`, { action: "finish_doc_review", expectedStatus: "doc_review" });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("ยังมีเอกสารที่ต้องแก้ไขหรือยังไม่ได้ตรวจ");
    expect(await rowCounts()).toEqual(before);
    expect(await statusOf(id)).toBe("doc_review");

    // Back to "received" (not checked) is still not enough; checked is.
    await markDocument(officer, id, docIds[1]!, "received");
    expect((await act(officer, id, { action: "finish_doc_review" })).status).toBe(409);
    await markDocument(officer, id, docIds[1]!, "checked");
    expect((await act(officer, id, { action: "finish_doc_review" })).status).toBe(303);
    expect(await statusOf(id)).toBe("doc_checked");
  });

  it("refuses ตรวจสอบเอกสารแล้วเสร็จ for a request with no documents: there is nothing to check", async () => {
    const { id, officer } = await requestWithDocuments([]);
    await act(officer, id, { action: "receive", receiptNo: "1548" });
    await act(officer, id, { action: "start_doc_review" });
    const before = await rowCounts();
    const refused = await act(officer, id, { action: "finish_doc_review" });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("ยังไม่มีเอกสารให้ตรวจสอบ");
    expect(await rowCounts()).toEqual(before);
    expect(await statusOf(id)).toBe("doc_review");
  });

  it("keeps the documents as checked once ตรวจสอบเอกสารแล้วเสร็จ: no upload, no status change, until more are asked for", async () => {
    const { id, uni, officer, docIds } = await requestWithDocuments(["แบบ ก.พ.อ. 03.pdf"]);
    await act(officer, id, { action: "receive", receiptNo: "1548" });
    await act(officer, id, { action: "start_doc_review" });
    await markDocument(officer, id, docIds[0]!, "ok");
    expect((await act(officer, id, { action: "finish_doc_review" })).status).toBe(303);

    const page = await officer.get(`/requests/${id}`);
    expect(page.text).not.toContain("/status\"");
    const before = await rowCounts();
    const change = await markDocument(officer, id, docIds[0]!, "needs_fix", "x");
    expect(change.status).toBe(409);
    expect(change.text).toContain("ตรวจสอบเอกสารแล้วเสร็จ");
    await uni.get(`/requests/${id}`);
    const upload = await uni.upload(`/requests/${id}/documents`, { file: pdf("เพิ่ม.pdf") });
    expect(upload.status).toBe(409);
    expect(await rowCounts()).toEqual(before);

    // Asking for more documents opens them again.
    await act(officer, id, { action: "request_documents", note: "ขาดแบบ ก.พ.ว." });
    expect((await markDocument(officer, id, docIds[0]!, "needs_fix", "ขาดลายมือชื่อ")).status).toBe(303);
  });

  it("makes the documents read-only after สิ้นสุด: no status form, and the POST is refused with 409 and writes nothing", async () => {
    const { id, uni, officer, docIds } = await requestWithDocuments(["แบบ ก.พ.อ. 03.pdf"]);
    await act(officer, id, { action: "receive", receiptNo: "1548" });
    await act(officer, id, { action: "start_doc_review" });
    await markDocument(officer, id, docIds[0]!, "ok");
    for (const [action, extra] of [
      ["finish_doc_review", {}],
      ["start_peer_review", {}],
      ["propose_committee", {}],
      ["finish", { note: "อนุมัติ" }],
    ] as const) {
      expect((await act(officer, id, { action, ...extra })).status, action).toBe(303);
    }
    const page = await officer.get(`/requests/${id}`);
    expect(page.text).toContain("แบบ ก.พ.อ. 03.pdf");
    expect(page.text).not.toContain(`/documents/${docIds[0]}/status`);

    const before = await rowCounts();
    const [docBefore] = await t.db.select().from(requestDocuments).where(eq(requestDocuments.id, docIds[0]!));
    const refused = await officer.post(`/requests/${id}/documents/${docIds[0]}/status`, { status: "needs_fix", note: "แก้ไขย้อนหลัง" });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("คำขอนี้สิ้นสุดแล้ว");
    const [docAfter] = await t.db.select().from(requestDocuments).where(eq(requestDocuments.id, docIds[0]!));
    expect(docAfter).toEqual(docBefore);
    expect(await rowCounts()).toEqual(before);

    await uni.get(`/requests/${id}`);
    const upload = await uni.upload(`/requests/${id}/documents`, { file: pdf("ย้อนหลัง.pdf") });
    expect(upload.status).toBe(409);
    expect(upload.text).toContain("คำขอนี้สิ้นสุดแล้ว");
    expect(await rowCounts()).toEqual(before);
  });
});
