/**
 * No empty or doubled records: an empty draft is refused, and a form that creates
 * something creates it once however often the same rendered form is posted.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import { academicRequests, agencies, auditEvents, eservices, formSubmissions, outboxMail, requestDocuments, ticketCounters, universities, users } from "../../src/db/schema";
import { runScheduled } from "../../src/jobs";
import { FORM_TOKEN_TTL_MS } from "../../src/services/form-once";
import { Browser, createTestApp, createUser, type TestApp, validRequestForm } from "./helpers";

let t: TestApp;
const A = DEMO_CITIZENS[0]!;

beforeEach(async () => {
  t = await createTestApp();
  await t.db.insert(universities).values({ id: "uni-x", code: "00100", nameTh: "จุฬาลงกรณ์มหาวิทยาลัย", nameEn: "Chulalongkorn University" });
  await createUser(t, { role: "university", username: "uni.x", password: "Univ#2567", orgId: "uni-x" });
  await createUser(t, { role: "university", username: "uni.x2", password: "Univ#2567", orgId: "uni-x" });
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
});
afterEach(() => t.close());


/** The one-time token of the page's `n`-th form that has one. */
function onceOf(html: string, n = 0): string {
  const all = [...html.matchAll(/name="_once" value="([^"]+)"/g)].map((m) => m[1]!);
  expect(all.length, "the form carries a one-time token").toBeGreaterThan(n);
  return all[n]!;
}

async function signIn(username: string, password: string) {
  const b = new Browser(t);
  await b.login(username, password);
  return b;
}

const requestRows = () => t.db.select().from(academicRequests);

describe("a new request draft", () => {
  it("is refused with 422 and a Thai message at the top when nothing is filled in, and nothing is stored", async () => {
    const uni = await signIn("uni.x", "Univ#2567");
    const page = await uni.get("/university/requests/new");
    const empty = Object.fromEntries(Object.keys(validRequestForm(A.pid)).map((k) => [k, ""]));
    for (const intent of ["draft", "check"]) {
      const r = await uni.post("/university/requests", { ...empty, applicantFirstName: "   ", intent, _once: onceOf(page.text) });
      expect(r.status).toBe(422);
      expect(r.text).toMatch(/<div class="error-summary"[\s\S]*กรุณากรอกข้อมูลอย่างน้อยหนึ่งช่อง/);
    }
    expect(await requestRows()).toHaveLength(0);
  });

  it("is refused the same way when every answer of an existing draft is cleared", async () => {
    const uni = await signIn("uni.x", "Univ#2567");
    await uni.get("/university/requests/new");
    const saved = await uni.post("/university/requests", { applicantFirstName: "กมล", intent: "draft" });
    const id = /requests\/([\w-]+)\/edit/.exec(saved.location!)![1]!;
    const cleared = await uni.post(`/university/requests/${id}`, { applicantFirstName: "", intent: "draft" });
    expect(cleared.status).toBe(422);
    expect(cleared.text).toContain("กรุณากรอกข้อมูลอย่างน้อยหนึ่งช่อง");
    const [row] = await requestRows();
    expect(row!.applicantFirstName).toBe("กมล");
  });

  it("is created once when the same form is posted twice at the same moment, and both answers go to it", async () => {
    const uni = await signIn("uni.x", "Univ#2567");
    const page = await uni.get("/university/requests/new");
    const fields = { ...validRequestForm(A.pid), intent: "check", _once: onceOf(page.text) };
    const [first, second] = await Promise.all([uni.post("/university/requests", fields), uni.post("/university/requests", fields)]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.location).toBe(first.location);
    const rows = await requestRows();
    expect(rows).toHaveLength(1);
    expect(first.location).toBe(`/university/requests/${rows[0]!.id}/check`);
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, "request.draft_created"))).toHaveLength(1);
  });

  it("is created again from a freshly rendered form, and without a token (an old page) each post creates", async () => {
    const uni = await signIn("uni.x", "Univ#2567");
    for (let i = 0; i < 2; i++) {
      const page = await uni.get("/university/requests/new");
      expect((await uni.post("/university/requests", { ...validRequestForm(A.pid), intent: "draft", _once: onceOf(page.text) })).status).toBe(303);
    }
    await uni.post("/university/requests", { ...validRequestForm(A.pid), intent: "draft" });
    expect(await requestRows()).toHaveLength(3);
  });

  it("does not replay another user's outcome for their token", async () => {
    const uni = await signIn("uni.x", "Univ#2567");
    const page = await uni.get("/university/requests/new");
    const once = onceOf(page.text);
    const mine = await uni.post("/university/requests", { ...validRequestForm(A.pid), intent: "draft", _once: once });
    const colleague = await signIn("uni.x2", "Univ#2567");
    await colleague.get("/university/requests/new");
    const theirs = await colleague.post("/university/requests", { ...validRequestForm(A.pid), applicantFirstName: "บี", intent: "draft", _once: once });
    expect(theirs.status).toBe(303);
    expect(theirs.location).not.toBe(mine.location);
    const rows = await requestRows();
    expect(rows.map((r) => r.applicantFirstName).sort()).toEqual(["บี", "เอก"]);
  });
});

describe("submitting a draft", () => {
  async function draftReadyToSubmit(uni: Browser) {
    await uni.get("/university/requests/new");
    const saved = await uni.post("/university/requests", { ...validRequestForm(A.pid), intent: "check" });
    const id = /requests\/([\w-]+)\/check/.exec(saved.location!)![1]!;
    const check = await uni.get(saved.location!);
    return { id, once: onceOf(check.text) };
  }

  it("answers a second click with the same 303 to the request's page, and takes one ticket number", async () => {
    const uni = await signIn("uni.x", "Univ#2567");
    const { id, once } = await draftReadyToSubmit(uni);
    const first = await uni.post(`/university/requests/${id}/submit`, { _once: once });
    const second = await uni.post(`/university/requests/${id}/submit`, { _once: once });
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.location).toBe(first.location);
    expect(first.location).toBe(`/requests/${id}`);
    const [counter] = await t.db.select().from(ticketCounters);
    expect(counter!.lastSeq).toBe(1);
    const [row] = await requestRows();
    expect(row!.ticketNo).toBe("2569-00100-0001");
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, "request.submitted"))).toHaveLength(1);
    expect(await t.db.select().from(outboxMail)).toHaveLength(1);
  });

  it("submits once when two clicks arrive together, with or without the token", async () => {
    const uni = await signIn("uni.x", "Univ#2567");
    const a = await draftReadyToSubmit(uni);
    const b = await draftReadyToSubmit(uni);
    const answers = await Promise.all([
      uni.post(`/university/requests/${a.id}/submit`, { _once: a.once }),
      uni.post(`/university/requests/${a.id}/submit`, { _once: a.once }),
      uni.post(`/university/requests/${b.id}/submit`, {}),
      uni.post(`/university/requests/${b.id}/submit`, {}),
    ]);
    expect(answers.map((x) => [x.status, x.location])).toEqual([
      [303, `/requests/${a.id}`],
      [303, `/requests/${a.id}`],
      [303, `/requests/${b.id}`],
      [303, `/requests/${b.id}`],
    ]);
    const [counter] = await t.db.select().from(ticketCounters);
    expect(counter!.lastSeq).toBe(2);
    expect((await requestRows()).map((r) => r.ticketNo).sort()).toEqual(["2569-00100-0001", "2569-00100-0002"]);
  });
});

describe("a document upload", () => {
  it("is recorded once when the same form is sent twice, and the second copy of the file is not kept", async () => {
    const uni = await signIn("uni.x", "Univ#2567");
    await uni.get("/university/requests/new");
    const saved = await uni.post("/university/requests", { ...validRequestForm(A.pid), intent: "check" });
    const id = /requests\/([\w-]+)\/check/.exec(saved.location!)![1]!;
    await uni.get(saved.location!);
    await uni.post(`/university/requests/${id}/submit`, {});
    const page = await uni.get(`/requests/${id}`);
    const pdf = () => new File([new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF")], "แบบ ก.พ.ว. 1.pdf", { type: "application/pdf" });
    const once = onceOf(page.text);
    const first = await uni.upload(`/requests/${id}/documents`, { file: pdf(), _once: once });
    const second = await uni.upload(`/requests/${id}/documents`, { file: pdf(), _once: once });
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.location).toBe(first.location);
    const docs = await t.db.select().from(requestDocuments);
    expect(docs).toHaveLength(1);
    expect(readdirSync(join(t.dir, "files")).filter((f) => !f.endsWith(".json"))).toEqual([docs[0]!.fileKey]);
    expect(await t.deps.files.get(docs[0]!.fileKey)).not.toBeNull();
  });
});

describe("the officer's creates", () => {
  it("create an agency once for a double click, and the second answer is the same 303", async () => {
    const officer = await signIn("officer", "Officer#2567");
    const page = await officer.get("/officer/agencies");
    const fields = { nameTh: "กรมทดสอบ", nameEn: "Test Department", ministry: "กระทรวงทดสอบ", _once: onceOf(page.text) };
    const [first, second] = await Promise.all([officer.post("/officer/agencies", fields), officer.post("/officer/agencies", fields)]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.location).toBe(first.location);
    expect(await t.db.select().from(agencies)).toHaveLength(1);
  });

  it("create an agency user once (one mail), and an e-service once", async () => {
    const officer = await signIn("officer", "Officer#2567");
    await officer.get("/officer/agencies");
    const created = await officer.post("/officer/agencies", { nameTh: "กรมทดสอบ", nameEn: "Test Department", ministry: "กระทรวงทดสอบ" });
    const page = await officer.get(created.location!);
    const userFields = { displayName: "สมหญิง ใจดี", email: "somying@dept.go.th", _once: onceOf(page.text, 0) };
    const serviceFields = { name: "ระบบทดสอบ", _once: onceOf(page.text, 1) };
    const path = created.location!;
    const answers = await Promise.all([
      officer.post(`${path}/users`, userFields),
      officer.post(`${path}/users`, userFields),
      officer.post(`${path}/eservices`, serviceFields),
      officer.post(`${path}/eservices`, serviceFields),
    ]);
    expect(answers.map((a) => a.status)).toEqual([303, 303, 303, 303]);
    expect(answers[1]!.location).toBe(answers[0]!.location);
    expect(await t.db.select().from(users).where(eq(users.role, "agency"))).toHaveLength(1);
    expect(await t.db.select().from(outboxMail).where(eq(outboxMail.to, "somying@dept.go.th"))).toHaveLength(1);
    expect(await t.db.select().from(eservices)).toHaveLength(1);
  });
});

describe("remembered tokens", () => {
  it("are kept only as hashes, and swept by the every-minute job after a day", async () => {
    const officer = await signIn("officer", "Officer#2567");
    const page = await officer.get("/officer/agencies");
    const once = onceOf(page.text);
    await officer.post("/officer/agencies", { nameTh: "กรมทดสอบ", nameEn: "Test Department", ministry: "กระทรวงทดสอบ", _once: once });
    const rows = await t.db.select().from(formSubmissions);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(once);
    const deps = { db: t.db, clock: t.clock, mail: null, mailFrom: "noreply@example.go.th", appUrl: new URL("http://localhost:3000") };
    t.clock.advance(FORM_TOKEN_TTL_MS - 60_000);
    await runScheduled("* * * * *", deps);
    expect(await t.db.select().from(formSubmissions)).toHaveLength(1);
    t.clock.advance(120_000);
    await runScheduled("* * * * *", deps);
    expect(await t.db.select().from(formSubmissions)).toHaveLength(0);
  });
});
