/**
 * Universities as admins run them: the code rules (5 digits, unique, never reused
 * even after deactivation), renaming with the code fixed, and a deactivated
 * university that keeps its requests and staff but files no new request.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { academicRequests, auditEvents, universities } from "../../src/db/schema";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import { Browser, createTestApp, createUser, type TestApp, validRequestForm } from "./helpers";

let t: TestApp;
let admin: Browser;

beforeEach(async () => {
  t = await createTestApp();
  // A seeded university: no creation date.
  await t.db.insert(universities).values({ id: "uni-x", code: "00100", nameTh: "จุฬาลงกรณ์มหาวิทยาลัย", nameEn: "Chulalongkorn University" });
  await Promise.all([
    createUser(t, { role: "admin", username: "admin", password: "Admin#2567pw" }),
    createUser(t, { role: "university", username: "uni.x", password: "Univ#2567", orgId: "uni-x" }),
    createUser(t, { role: "officer", username: "officer", password: "Officer#2567" }),
  ]);
  admin = new Browser(t);
  await admin.login("admin", "Admin#2567pw");
});
afterEach(() => t.close());

async function create(fields: Record<string, string>) {
  await admin.get("/admin/universities");
  return admin.post("/admin/universities", fields);
}

const MAHIDOL = { nameTh: "มหาวิทยาลัยมหิดล", nameEn: "Mahidol University", code: "00200" };

describe("creating a university", () => {
  it("creates one with its code, audited, and lists it with its counts (a seeded one without a date too)", async () => {
    const res = await create(MAHIDOL);
    expect(res.status).toBe(303);
    const id = /^\/admin\/universities\/([\w-]+)$/.exec(res.location!)![1]!;
    const [row] = await t.db.select().from(universities).where(eq(universities.id, id));
    expect(row).toMatchObject({ ...MAHIDOL, deactivatedAt: null });
    expect(row!.createdAt).toEqual(t.clock.now());
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "university.created"));
    expect(audit.map((a) => a.subjectId)).toEqual([id]);

    const page = await admin.get(res.location!);
    expect(page.text).toContain("เพิ่มมหาวิทยาลัยเรียบร้อยแล้ว");
    expect(page.text).toContain("00200");
    const list = await admin.get("/admin/universities");
    expect(list.text).toContain("มหาวิทยาลัยมหิดล");
    expect(list.text).toContain("จุฬาลงกรณ์มหาวิทยาลัย");
    const seeded = await admin.get("/admin/universities/uni-x");
    expect(seeded.status).toBe(200);
    expect(seeded.text).toContain("ไม่ทราบ");
  });

  it("refuses a code that is not exactly 5 digits and missing names, in Thai beside the fields, keeping the values", async () => {
    for (const code of ["1234", "123456", "12a45", ""]) {
      const res = await create({ nameTh: "มหาวิทยาลัยทดสอบ", nameEn: "Test University", code });
      expect(res.status).toBe(422);
      expect(res.text).toContain(code === "" ? "กรุณากรอกรหัสมหาวิทยาลัย" : "รหัสมหาวิทยาลัยต้องเป็นตัวเลข 5 หลัก");
      expect(res.text).toContain('value="มหาวิทยาลัยทดสอบ"');
    }
    const res = await create({ nameTh: "", nameEn: "", code: "00300" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("กรุณากรอกชื่อมหาวิทยาลัย (ภาษาไทย)");
    expect(res.text).toContain("กรุณากรอกชื่อมหาวิทยาลัย (ภาษาอังกฤษ)");
    expect(await t.db.select().from(universities)).toHaveLength(1);
  });

  it("never reuses a code, not even the code of a deactivated university", async () => {
    const dup = await create({ ...MAHIDOL, code: "00100" });
    expect(dup.status).toBe(422);
    expect(dup.text).toContain("รหัสมหาวิทยาลัยนี้ถูกใช้แล้ว");
    await admin.get("/admin/universities/uni-x");
    await admin.post("/admin/universities/uni-x/deactivate", {});
    const again = await create({ ...MAHIDOL, code: "00100" });
    expect(again.status).toBe(422);
    expect(again.text).toContain("รหัสมหาวิทยาลัยนี้ถูกใช้แล้ว");
    expect(await t.db.select().from(universities)).toHaveLength(1);
  });

  it("creates once when the same rendered form is posted twice", async () => {
    const page = await admin.get("/admin/universities");
    const once = /name="_once" value="([^"]+)"/.exec(page.text)![1]!;
    const first = await admin.post("/admin/universities", { ...MAHIDOL, _once: once });
    const second = await admin.post("/admin/universities", { ...MAHIDOL, _once: once });
    expect(first.status).toBe(303);
    expect(second.location).toBe(first.location);
    expect(await t.db.select().from(universities)).toHaveLength(2);
  });

  it("is for admins only", async () => {
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    expect((await officer.get("/admin/universities")).status).toBe(403);
    expect((await officer.post("/admin/universities", MAHIDOL)).status).toBe(403);
  });
});

describe("renaming", () => {
  it("changes the names only, audited with before and after; the code stays", async () => {
    const page = await admin.get("/admin/universities/uni-x");
    expect(page.text).toContain("แก้ไขไม่ได้");
    expect(page.text).toContain('href="/staff/new?role=university&amp;universityId=uni-x"');
    const res = await admin.post("/admin/universities/uni-x", { nameTh: "จุฬาฯ", nameEn: "Chula", code: "99999" });
    expect(res.status).toBe(303);
    const [row] = await t.db.select().from(universities).where(eq(universities.id, "uni-x"));
    expect(row).toMatchObject({ nameTh: "จุฬาฯ", nameEn: "Chula", code: "00100" });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "university.renamed"));
    expect(event!.data).toEqual({
      before: { nameTh: "จุฬาลงกรณ์มหาวิทยาลัย", nameEn: "Chulalongkorn University" },
      after: { nameTh: "จุฬาฯ", nameEn: "Chula" },
    });
    const bad = await admin.post("/admin/universities/uni-x", { nameTh: "", nameEn: "Chula" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("กรุณากรอกชื่อมหาวิทยาลัย (ภาษาไทย)");
  });

  it("answers 404 for a university that does not exist", async () => {
    await admin.get("/admin/universities");
    expect((await admin.get("/admin/universities/nope")).status).toBe(404);
    expect((await admin.post("/admin/universities/nope/deactivate", {})).status).toBe(404);
  });
});

describe("a deactivated university", () => {
  it("keeps its requests and staff, who sign in and read, but cannot start or submit a request until reactivated", async () => {
    const uni = new Browser(t);
    await uni.login("uni.x", "Univ#2567");
    // A draft made while active, and one already submitted.
    await uni.get("/university/requests/new");
    const saved = await uni.post("/university/requests", { ...validRequestForm(DEMO_CITIZENS[0]!.pid), intent: "check" });
    const draftId = /\/university\/requests\/([\w-]+)\/check/.exec(saved.location!)![1]!;
    await uni.get("/university/requests/new");
    const other = await uni.post("/university/requests", { ...validRequestForm(DEMO_CITIZENS[1]!.pid), intent: "check" });
    const submittedId = /\/university\/requests\/([\w-]+)\/check/.exec(other.location!)![1]!;
    await uni.get(other.location!);
    expect((await uni.post(`/university/requests/${submittedId}/submit`, {})).status).toBe(303);

    await admin.get("/admin/universities/uni-x");
    expect((await admin.post("/admin/universities/uni-x/deactivate", {})).status).toBe(303);
    const [row] = await t.db.select().from(universities).where(eq(universities.id, "uni-x"));
    expect(row!.deactivatedAt).toEqual(t.clock.now());
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, "university.deactivated"))).toHaveLength(1);

    // Staff still sign in and read.
    const fresh = new Browser(t);
    expect((await fresh.login("uni.x", "Univ#2567")).status).toBe(303);
    const home = await fresh.get("/university");
    expect(home.status).toBe(200);
    expect(home.text).toContain("ถูกปิดการใช้งานแล้ว");
    expect(home.text).not.toContain('href="/university/requests/new"');
    expect((await fresh.get(`/requests/${submittedId}`)).status).toBe(200);

    // No new request, no submission.
    const newPage = await fresh.get("/university/requests/new");
    expect(newPage.status).toBe(409);
    const before = await t.db.select().from(academicRequests);
    const created = await fresh.post("/university/requests", { ...validRequestForm(DEMO_CITIZENS[2]!.pid), intent: "check" });
    expect(created.status).toBe(409);
    expect(created.text).toContain("ถูกปิดการใช้งานแล้ว");
    await fresh.get(`/university/requests/${draftId}/check`);
    const submitted = await fresh.post(`/university/requests/${draftId}/submit`, {});
    expect(submitted.status).toBe(409);
    expect(submitted.text).toContain("ถูกปิดการใช้งานแล้ว");
    expect(await t.db.select().from(academicRequests)).toEqual(before);

    // Reactivated: files again.
    expect((await admin.post("/admin/universities/uni-x/reactivate", {})).status).toBe(303);
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, "university.reactivated"))).toHaveLength(1);
    await fresh.get(`/university/requests/${draftId}/check`);
    expect((await fresh.post(`/university/requests/${draftId}/submit`, {})).status).toBe(303);
    const [draft] = await t.db.select().from(academicRequests).where(and(eq(academicRequests.id, draftId)));
    expect(draft!.status).toBe("submitted");
  });
});
