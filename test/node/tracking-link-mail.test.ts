/**
 * "เจ้าหน้าที่จะส่งลิงก์การติดตามสถานะคำขอให้กับผู้ร้องขอ": the officer's button mails a
 * fresh tracking link to the applicant and the coordinator, through the outbox.
 */
import { and, eq, like } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { academicRequests, auditEvents, outboxMail, universities, users } from "../../src/db/schema";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import { startSession } from "../../src/services/auth";
import { newId } from "../../src/services/crypto";
import { pidKeys, pidLookupHash } from "../../src/services/pid-crypto";
import { Browser, createTestApp, createUser, TEST_DATA_KEY, type TestApp, validRequestForm } from "./helpers";

let t: TestApp;
const A = DEMO_CITIZENS[0]!;
const APPLICANT_EMAIL = "ake.p@example.ac.th";
const COORDINATOR_EMAIL = "jennie_@gek.com";

beforeEach(async () => {
  t = await createTestApp();
  await t.db.insert(universities).values({ id: "uni-x", code: "00100", nameTh: "จุฬาลงกรณ์มหาวิทยาลัย", nameEn: "Chulalongkorn University" });
  await createUser(t, { role: "university", username: "uni.x", password: "Univ#2567", orgId: "uni-x" });
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
});
afterEach(() => t.close());

async function submit(uni: Browser, extra: Record<string, string> = {}) {
  await uni.get("/university/requests/new");
  const saved = await uni.post("/university/requests", { ...validRequestForm(A.pid, extra), intent: "check" });
  expect(saved.status).toBe(303);
  const id = /\/university\/requests\/([\w-]+)\/check/.exec(saved.location!)![1]!;
  await uni.get(saved.location!);
  expect((await uni.post(`/university/requests/${id}/submit`, {})).status).toBe(303);
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
  const s = await startSession(t.db, t.clock.now(), { userId: id, previousToken: null, ip: "127.0.0.1", userAgent: null, method: "thaid" });
  const b = new Browser(t);
  b.cookies.set("tidtam_s", s.token);
  return b;
}

function onceOf(html: string): string {
  const form = /action="\/requests\/[\w-]+\/tracking-link\/mail"[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
  const once = /name="_once" value="([^"]+)"/.exec(form)?.[1];
  expect(once, "the mail form carries a one-time token").toBeTruthy();
  return once!;
}

const linkMails = () => t.db.select().from(outboxMail).where(like(outboxMail.subject, "%ลิงก์ติดตามคำขอ%"));

async function officerOn(id: string) {
  const officer = new Browser(t);
  await officer.login("officer", "Officer#2567");
  const page = await officer.get(`/requests/${id}`);
  return { officer, page };
}

describe("mailing the tracking link", () => {
  it("mails a working /track/<token> link to the applicant and the coordinator, records it, and names them", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const req = await submit(uni, { applicantEmail: APPLICANT_EMAIL });
    const { officer, page } = await officerOn(req.id);
    expect(page.text).toContain("ส่งลิงก์ติดตามทางอีเมล");

    const sent = await officer.post(`/requests/${req.id}/tracking-link/mail`, { _once: onceOf(page.text) });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain(`ส่งลิงก์ติดตามไปที่ ${APPLICANT_EMAIL} และ ${COORDINATOR_EMAIL} แล้ว`);

    const mails = await linkMails();
    expect(mails.map((m) => m.to).sort()).toEqual([APPLICANT_EMAIL, COORDINATOR_EMAIL].sort());
    expect(mails.every((m) => m.redactAfterSend)).toBe(true);
    const url = /http\S+\/track\/[A-Za-z0-9_-]+/.exec(mails[0]!.text)![0];
    expect(mails[1]!.text).toContain(url);
    expect(mails[0]!.text).toContain(req.ticketNo);
    expect(mails[0]!.text).toContain("/help/thaid");
    const path = new URL(url).pathname;

    // The applicant (ThaiD) and the coordinator's university both reach the request through it.
    const applicant = await signInApplicant(A.pid);
    const tracked = await applicant.get(path);
    expect(tracked.status).toBe(200);
    expect(tracked.text).toContain(req.ticketNo);
    const byUniversity = await uni.get(path);
    expect(byUniversity.status).toBe(200);
    expect(byUniversity.text).toContain(req.ticketNo);

    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "tracking_link.mailed"));
    expect(event).toMatchObject({ subjectType: "request", subjectId: req.id });
    expect((event!.data as { recipients: string }).recipients).toBe(`${APPLICANT_EMAIL}, ${COORDINATOR_EMAIL}`);
  });

  it("mails only the coordinator when the applicant has no address, and the new link replaces the copied one", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const req = await submit(uni);
    const { officer } = await officerOn(req.id);
    const made = await officer.post(`/requests/${req.id}/tracking-link`, {});
    const copied = new URL(/id="tracking-url" readonly="" value="([^"]+)"/.exec(made.text)![1]!).pathname;
    expect(made.text).toContain("(ลิงก์เดิมจะใช้ไม่ได้)");

    const sent = await officer.post(`/requests/${req.id}/tracking-link/mail`, { _once: onceOf(made.text) });
    expect(sent.text).toContain(`ส่งลิงก์ติดตามไปที่ ${COORDINATOR_EMAIL} แล้ว`);
    const mails = await linkMails();
    expect(mails.map((m) => m.to)).toEqual([COORDINATOR_EMAIL]);
    const mailed = new URL(/http\S+\/track\/[A-Za-z0-9_-]+/.exec(mails[0]!.text)![0]).pathname;
    expect((await uni.get(mailed)).status).toBe(200);
    expect((await uni.get(copied)).status).toBe(404);
  });

  it("mails once for a double post of the same form, and again for a new one", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const req = await submit(uni, { applicantEmail: APPLICANT_EMAIL });
    const { officer, page } = await officerOn(req.id);
    const once = onceOf(page.text);
    const [first, second] = await Promise.all([
      officer.post(`/requests/${req.id}/tracking-link/mail`, { _once: once }),
      officer.post(`/requests/${req.id}/tracking-link/mail`, { _once: once }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.text).toContain(`ส่งลิงก์ติดตามไปที่ ${APPLICANT_EMAIL} และ ${COORDINATOR_EMAIL} แล้ว`);
    expect(await linkMails()).toHaveLength(2);
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, "tracking_link.mailed"))).toHaveLength(1);

    await officer.post(`/requests/${req.id}/tracking-link/mail`, { _once: onceOf(second.text) });
    expect(await linkMails()).toHaveLength(4);
  });

  it("is for officers only: universities and applicants get 403 and nothing is mailed", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const req = await submit(uni, { applicantEmail: APPLICANT_EMAIL });
    const page = await uni.get(`/requests/${req.id}`);
    expect(page.text).not.toContain("ส่งลิงก์ติดตามทางอีเมล");
    expect((await uni.post(`/requests/${req.id}/tracking-link/mail`, {})).status).toBe(403);
    const applicant = await signInApplicant(A.pid);
    await applicant.get(`/requests/${req.id}`);
    expect((await applicant.post(`/requests/${req.id}/tracking-link/mail`, {})).status).toBe(403);
    expect(await linkMails()).toHaveLength(0);
    expect(await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "tracking_link.mailed")))).toHaveLength(0);
  });

  it("stops after a few mails of one request in an hour (429 with a Thai wait)", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    const req = await submit(uni);
    const { officer } = await officerOn(req.id);
    for (let i = 0; i < 5; i++) expect((await officer.post(`/requests/${req.id}/tracking-link/mail`, {})).status).toBe(200);
    const refused = await officer.post(`/requests/${req.id}/tracking-link/mail`, {});
    expect(refused.status).toBe(429);
    expect(refused.text).toContain("กรุณาลองใหม่ในอีก");
    expect(await linkMails()).toHaveLength(5);
  });
});
