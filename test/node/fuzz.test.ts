/**
 * Hostile input to every kind of form and upload: the answer is always a 4xx
 * with a Thai message or a success with the value stored as typed and shown
 * escaped — never a 500, never a change to someone else's data.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { academicRequests, agencies, eservices, eserviceSteps, sessions, siteSettings, universities } from "../../src/db/schema";
import { escapeHtml, hostileFields, prng, THAI as thai } from "../support/fuzz";
import { COMPLETE_REQUEST, PROBE_MARKUP, STEP1_GOOD } from "../support/fuzz-runner";
import { Browser, createTestApp, createUser, TEST_ORIGIN, type TestApp } from "./helpers";

let t: TestApp;
let uni: Browser;
let agency: Browser;
let admin: Browser;
let loginUserId: string;
/** The display name of the user the login form signs in: markup the pages must escape. */
const LOGIN_NAME = `ผู้ใช้ฟัซ${PROBE_MARKUP}`;

beforeAll(async () => {
  t = await createTestApp();
  await t.db.insert(universities).values([
    { id: "uni-x", code: "00100", nameTh: "มหาวิทยาลัยเอ็กซ์", nameEn: "X University" },
    { id: "uni-y", code: "00500", nameTh: "มหาวิทยาลัยวาย", nameEn: "Y University" },
  ]);
  await t.db.insert(agencies).values({ id: "ag-1", nameTh: "กรมหนึ่ง", nameEn: "One", ministry: "กระทรวง", createdAt: t.clock.now() });
  await t.db.insert(eservices).values({ id: "svc-1", agencyId: "ag-1", name: "บริการหนึ่ง", createdAt: t.clock.now(), updatedAt: t.clock.now() });
  await t.db.insert(eserviceSteps).values([1, 2, 3, 4, 5, 6, 7].map((n) => ({ eserviceId: "svc-1", stepNo: n, state: n === 1 ? ("in_progress" as const) : ("locked" as const), updatedAt: t.clock.now() })));
  await createUser(t, { role: "university", username: "uni.x", password: "Univ#2567", orgId: "uni-x" });
  await createUser(t, { role: "agency", username: "agency", password: "Agency#2567", orgId: "ag-1" });
  await createUser(t, { role: "admin", username: "admin", password: "Admin#2567" });
  loginUserId = await createUser(t, { role: "university", username: "uni.fuzz", password: "Univ#2567", orgId: "uni-x", displayName: LOGIN_NAME });
  uni = new Browser(t);
  await uni.login("uni.x", "Univ#2567");
  agency = new Browser(t);
  await agency.login("agency", "Agency#2567");
  admin = new Browser(t);
  await admin.login("admin", "Admin#2567");
  // Someone else's record that no hostile request may touch.
  await t.db.insert(academicRequests).values({
    id: "other-request",
    universityId: "uni-y",
    applicantPidEnc: "x",
    applicantPidHmac: "y",
    applicantTitle: "นาง",
    applicantFirstName: "ไม่เกี่ยว",
    applicantLastName: "ข้อง",
    position: "professor",
    fieldTh: "ฟิสิกส์",
    fieldEn: "Physics",
    coordinatorName: "ก",
    coordinatorPhone: "021234567",
    coordinatorEmail: "a@b.ac.th",
    status: "submitted",
    statusSince: t.clock.now(),
    createdBy: "seed",
    createdAt: t.clock.now(),
    updatedAt: t.clock.now(),
  });
});
afterAll(() => t.close());

interface Form {
  name: string;
  who: () => Browser;
  path: string;
  fields: string[];
  page: string;
  /** A submission that must be accepted (one value carries `markup`), so the run cannot pass on refusals alone. */
  good: Record<string, string | string[]>;
  markup: string;
  /** What the accepted submission stored, read back, and what it should be. */
  readBack: (location: string) => Promise<[unknown, unknown]>;
  /** The page that shows it. */
  shownOn: (location: string) => string;
}

const requestId = (location: string) => /^\/university\/requests\/([^/?#]+)/.exec(location)?.[1] ?? "";

const FORMS: Form[] = [
  {
    name: "login",
    who: () => new Browser(t),
    path: "/login",
    fields: ["username", "password", "next"],
    page: "/login",
    good: { username: "uni.fuzz", password: "Univ#2567", next: "/university" },
    markup: LOGIN_NAME,
    readBack: async () => [(await t.db.select().from(sessions).where(eq(sessions.userId, loginUserId))).length > 0, true],
    shownOn: (location) => location,
  },
  {
    name: "university request",
    who: () => uni,
    path: "/university/requests",
    fields: ["applicantPid", "applicantTitle", "applicantFirstName", "applicantLastName", "applicantEmail", "position", "fieldTh", "fieldEn", "letterNo", "coordinatorName", "coordinatorPhone", "coordinatorEmail", "intent"],
    page: "/university/requests/new",
    good: { ...COMPLETE_REQUEST, intent: "save" },
    markup: COMPLETE_REQUEST.applicantFirstName,
    readBack: async (location) => {
      const [row] = await t.db.select().from(academicRequests).where(eq(academicRequests.id, requestId(location)));
      return [row?.applicantFirstName, COMPLETE_REQUEST.applicantFirstName];
    },
    shownOn: (location) => `/university/requests/${requestId(location)}/edit`,
  },
  {
    name: "contact text",
    who: () => admin,
    path: "/admin/contact",
    fields: ["text"],
    page: "/admin/contact",
    good: { text: `สพร. อีเมล contact@dga.or.th${PROBE_MARKUP}` },
    markup: `สพร. อีเมล contact@dga.or.th${PROBE_MARKUP}`,
    readBack: async () => {
      const [row] = await t.db.select().from(siteSettings).where(eq(siteSettings.key, "contact"));
      return [row?.value, `สพร. อีเมล contact@dga.or.th${PROBE_MARKUP}`];
    },
    shownOn: () => "/contact",
  },
  {
    name: "step 1",
    who: () => agency,
    path: "/eservices/svc-1/steps/1",
    fields: ["category", "shortDescription", "fullDescription", "launchDate", "wantsPersonalData", "personalData", "identityLevel", "wantsNotification", "deviceAccess", "tasks", "hasIcon", "intent"],
    page: "/eservices/svc-1/steps/1",
    good: { ...STEP1_GOOD, shortDescription: `บริการทดสอบ${PROBE_MARKUP}`, intent: "save" },
    markup: `บริการทดสอบ${PROBE_MARKUP}`,
    readBack: async () => {
      const [row] = await t.db.select().from(eserviceSteps).where(and(eq(eserviceSteps.eserviceId, "svc-1"), eq(eserviceSteps.stepNo, 1)));
      return [(row?.answers as Record<string, unknown> | null)?.shortDescription, `บริการทดสอบ${PROBE_MARKUP}`];
    },
    shownOn: () => "/eservices/svc-1/steps/1",
  },
];

/** Posts as a browser does, lists as repeated fields (checkboxes). */
function postForm(b: Browser, path: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of typeof v === "string" ? [v] : v) body.append(k, one);
  body.set("_csrf", b.csrf ?? "");
  return b.request(path, { method: "POST", body: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded", origin: TEST_ORIGIN } });
}

describe("hostile input", () => {
  for (const form of FORMS) {
    it(`never breaks the ${form.name} form: 4xx with a Thai message, or stored and shown escaped`, async () => {
      // First a submission that must get through: a suite of refusals alone would prove nothing about storing and showing.
      const g = form.who();
      await g.get(form.page);
      const good = await postForm(g, form.path, form.good);
      expect(good.status, `the good submission: ${good.text.slice(0, 300)}`).toBe(303);
      const [stored, expected] = await form.readBack(good.location!);
      expect(stored).toEqual(expected);
      const shown = await g.get(form.shownOn(good.location!));
      expect(shown.text).toContain(escapeHtml(form.markup));
      expect(shown.text).not.toContain(form.markup);

      const rnd = prng(form.name.length * 7919);
      const b = form.who();
      const before = JSON.stringify(await t.db.select().from(academicRequests).where(eq(academicRequests.id, "other-request")));
      for (let i = 0; i < 40; i++) {
        await b.get(form.page);
        const fields = hostileFields(form.fields, rnd);
        const res = await b.post(form.path, fields);
        expect(res.status, JSON.stringify(fields)).toBeLessThan(500);
        if (res.status >= 400) expect(thai.test(res.text), `${res.status} ${JSON.stringify(fields)}`).toBe(true);
        expect(res.text).not.toContain("<script>alert(1)</script>");
        expect(res.text).not.toContain('<img src=x onerror');
      }
      expect(JSON.stringify(await t.db.select().from(academicRequests).where(eq(academicRequests.id, "other-request")))).toBe(before);
    });
  }

  it("refuses a body far over the limit with 413 before reading it all", async () => {
    await uni.get("/university/requests/new");
    const res = await uni.post("/university/requests", { applicantFirstName: "ก".repeat(400_000) });
    expect(res.status).toBe(413);
    expect(thai.test(res.text)).toBe(true);
  });

  it("refuses a zip renamed .xlsx and an image whose header lies, in Thai", async () => {
    await t.db.update(eserviceSteps).set({ state: "done" }).where(eq(eserviceSteps.stepNo, 1));
    await t.db.update(eserviceSteps).set({ state: "done" }).where(eq(eserviceSteps.stepNo, 2));
    await t.db.update(eserviceSteps).set({ state: "in_progress" }).where(eq(eserviceSteps.stepNo, 3));
    await agency.get("/eservices/svc-1/steps/3");
    // A zip with no workbook inside (a bomb would look the same to the sniffer): not an xlsx.
    const zip = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
    const bomb = await agency.upload("/eservices/svc-1/steps/3/attempts", { file: new File([zip], "bomb.xlsx"), details: "x" });
    expect(bomb.status).toBe(422);
    expect(bomb.text).toContain("ไฟล์นี้ไม่ใช่ Excel (.xlsx)");
    // PNG signature, then garbage: the step-5 icon rule reads the real header and says so.
    await t.db.update(eserviceSteps).set({ state: "in_progress" }).where(eq(eserviceSteps.stepNo, 5));
    await agency.get("/eservices/svc-1/steps/5");
    const liar = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const res = await agency.upload("/eservices/svc-1/steps/5/icon", { file: new File([liar], "icon.png") });
    expect(res.status).toBe(422);
    expect(res.text).toContain("อ่านขนาดรูปภาพไม่ได้");
  });
});
