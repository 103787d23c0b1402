/**
 * Staff accounts of every role, as admins and officers run them on /staff: who
 * may create which role, the credentials mail through the outbox and the forced
 * first sign-in that follows, disabling (signed out on the next request) and
 * enabling, new temporary credentials, role changes, and the last admin.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agencies, auditEvents, outboxMail, sessions, universities, users } from "../../src/db/schema";
import { ROLE_HOME, type Role } from "../../src/domain/roles";
import { changeStaffRole, disableStaff } from "../../src/services/staff";
import type { SessionUser } from "../../src/services/session";
import { Browser, contextFor, createTestApp, createUser, type TestApp } from "./helpers";

let t: TestApp;
let adminId: string;
let officerId: string;
let admin: Browser;
let officer: Browser;

beforeEach(async () => {
  t = await createTestApp();
  const now = t.clock.now();
  await t.db.insert(universities).values([
    { id: "uni-x", code: "00100", nameTh: "จุฬาลงกรณ์มหาวิทยาลัย", nameEn: "Chulalongkorn University" },
    { id: "uni-closed", code: "00900", nameTh: "มหาวิทยาลัยปิด", nameEn: "Closed University", deactivatedAt: now },
  ]);
  await t.db.insert(agencies).values({ id: "ag-1", nameTh: "กรมทดสอบ", nameEn: "Test Dept", ministry: "กระทรวงทดสอบ", createdAt: now });
  [adminId, officerId] = await Promise.all([
    createUser(t, { role: "admin", username: "admin", password: "Admin#2567pw", displayName: "ผู้ดูแล หนึ่ง" }),
    createUser(t, { role: "officer", username: "officer", password: "Officer#2567", displayName: "เจ้าหน้าที่ สพร." }),
  ]);
  admin = new Browser(t, undefined, "198.51.100.1");
  officer = new Browser(t, undefined, "198.51.100.2");
  await admin.login("admin", "Admin#2567pw");
  await officer.login("officer", "Officer#2567");
});
afterEach(() => t.close());

async function createAs(b: Browser, fields: Record<string, string>) {
  await b.get("/staff/new");
  return b.post("/staff", fields);
}

function idOf(location: string | null): string {
  return /^\/staff\/([\w-]+)$/.exec(location ?? "")![1]!;
}

async function credentialsMails(userId: string) {
  return t.db.select().from(outboxMail).where(and(eq(outboxMail.userId, userId), eq(outboxMail.kind, "credentials")));
}

/** The username and password the latest credentials mail of `userId` carries. */
async function mailedCredentials(userId: string) {
  const mails = await credentialsMails(userId);
  const text = mails.at(-1)!.text;
  return { username: /ชื่อผู้ใช้ชั่วคราว: (\S+)/.exec(text)![1]!, password: /รหัสผ่านชั่วคราว: (\S+)/.exec(text)![1]! };
}

async function row(id: string) {
  const [u] = await t.db.select().from(users).where(eq(users.id, id));
  return u!;
}

async function audits(action: string) {
  return t.db.select().from(auditEvents).where(eq(auditEvents.action, action));
}

async function sessionUser(id: string): Promise<SessionUser> {
  const u = await row(id);
  return { id: u.id, role: u.role, displayName: u.displayName, username: u.username, orgId: u.orgId, pidHmac: null, mustChangePassword: u.mustChangePassword };
}

const UNI_STAFF = { role: "university", displayName: "สมหญิง มหาวิทยาลัย", email: "somying@chula.ac.th", universityId: "uni-x" };

describe("creating staff accounts", () => {
  it("lets an admin create an officer, an admin and university staff, each mailed their credentials, who then set up and reach their home", async () => {
    const cases: [Role, Record<string, string>][] = [
      ["officer", { role: "officer", displayName: "สมชาย ผู้ตรวจ", email: "somchai@dga.or.th" }],
      ["admin", { role: "admin", displayName: "สมศักดิ์ ผู้ดูแล", email: "somsak@dga.or.th" }],
      ["university", UNI_STAFF],
    ];
    for (const [role, fields] of cases) {
      const res = await createAs(admin, fields);
      expect(res.status, role).toBe(303);
      const id = idOf(res.location);
      const user = await row(id);
      expect(user).toMatchObject({ role, displayName: fields.displayName, email: fields.email, mustChangePassword: true, disabledAt: null, orgId: role === "university" ? "uni-x" : null });
      expect(user.username).toMatch(/^tmp\.[a-z0-9x]{8}$/);
      expect(user.passwordExpiresAt!.getTime() - t.clock.now().getTime()).toBe(7 * 86_400_000);
      const mails = await credentialsMails(id);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ to: fields.email, status: "pending", redactAfterSend: true });
      const [event] = (await audits("staff.created")).filter((e) => e.subjectId === id);
      expect(event).toMatchObject({ actorId: adminId, data: { role, universityId: role === "university" ? "uni-x" : null } });

      const page = await admin.get(res.location!);
      expect(page.text).toContain("สร้างบัญชีแล้ว");
      expect(page.text).toContain("กำลังส่ง");
      expect(page.text).toContain(`href="/audit/users/${id}"`);

      // First sign-in with the mailed credentials, forced set-up, then their home.
      const creds = await mailedCredentials(id);
      expect(creds.username).toBe(user.username);
      const b = new Browser(t, undefined, `198.51.100.${20 + cases.findIndex(([r]) => r === role)}`);
      const signIn = await b.login(creds.username, creds.password);
      expect(signIn.status).toBe(303);
      expect((await b.get(ROLE_HOME[role])).location).toBe("/account/setup");
      await b.get("/account/setup");
      const setup = await b.post("/account/setup", { username: `own.${role}`, password: "Chosen#2567pw", confirmPassword: "Chosen#2567pw" });
      expect(setup.location).toBe(ROLE_HOME[role]);
      expect((await b.get(ROLE_HOME[role])).status).toBe(200);
    }
  });

  it("lets an officer create university staff only", async () => {
    const ok = await createAs(officer, UNI_STAFF);
    expect(ok.status).toBe(303);
    expect((await row(idOf(ok.location))).role).toBe("university");
    const page = await officer.get("/staff/new");
    expect(page.text).not.toContain('value="admin"');
    expect(page.text).not.toContain('value="officer"');
    const before = await t.db.select().from(users);
    for (const role of ["officer", "admin"]) {
      const res = await officer.post("/staff", { role, displayName: "ผู้แอบอ้าง", email: "x@dga.or.th" });
      expect(res.status).toBe(422);
      expect(res.text).toContain("ท่านไม่มีสิทธิ์สร้างบัญชีบทบาทนี้");
    }
    expect(await t.db.select().from(users)).toEqual(before);
  });

  it("refuses the roles nobody creates here and the accounts of nobody else", async () => {
    await createUser(t, { role: "university", username: "uni.x", password: "Univ#2567", orgId: "uni-x" });
    const b = new Browser(t, undefined, "198.51.100.9");
    await b.login("uni.x", "Univ#2567");
    expect((await b.get("/staff")).status).toBe(403);
    expect((await b.post("/staff", UNI_STAFF)).status).toBe(403);
    const agencyRole = await createAs(admin, { role: "agency", displayName: "ผู้ใช้หน่วยงาน", email: "a@dept.go.th" });
    expect(agencyRole.status).toBe(422);
    expect(agencyRole.text).toContain("กรุณาเลือกบทบาท");
  });

  it("asks for an active university for university staff, keeping what was typed", async () => {
    const none = await createAs(admin, { ...UNI_STAFF, universityId: "" });
    expect(none.status).toBe(422);
    expect(none.text).toContain("กรุณาเลือกมหาวิทยาลัย");
    expect(none.text).toContain('value="somying@chula.ac.th"');
    const closed = await createAs(admin, { ...UNI_STAFF, universityId: "uni-closed" });
    expect(closed.status).toBe(422);
    expect(closed.text).toContain("มหาวิทยาลัยนี้ถูกปิดการใช้งานแล้ว");
    const unknown = await createAs(admin, { ...UNI_STAFF, universityId: "nope" });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain("ไม่พบมหาวิทยาลัยนี้");
    const bad = await createAs(admin, { ...UNI_STAFF, email: "not-an-email", displayName: "" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("รูปแบบอีเมลไม่ถูกต้อง");
    expect(bad.text).toContain("กรุณากรอกชื่อ – นามสกุล");
    expect(await t.db.select().from(users).where(eq(users.role, "university"))).toHaveLength(0);
  });

  it("creates once when the same rendered form is posted twice", async () => {
    const page = await admin.get("/staff/new?role=university&universityId=uni-x");
    expect(page.text).toMatch(/<option value="uni-x" selected/);
    const once = /name="_once" value="([^"]+)"/.exec(page.text)![1]!;
    const [a, b] = await Promise.all([admin.post("/staff", { ...UNI_STAFF, _once: once }), admin.post("/staff", { ...UNI_STAFF, _once: once })]);
    expect(a.location).toBe(b.location);
    expect(await t.db.select().from(users).where(eq(users.role, "university"))).toHaveLength(1);
    expect(await t.db.select().from(outboxMail)).toHaveLength(1);
  });
});

describe("the staff list and account page", () => {
  it("shows officers university staff and agency users only, admins every staff role, with a role filter", async () => {
    const uniUser = idOf((await createAs(admin, UNI_STAFF)).location);
    const agencyUser = await createUser(t, { role: "agency", username: "agency.user", password: "Agency#2567", orgId: "ag-1", displayName: "ผู้ใช้ กรมทดสอบ" });
    const list = await officer.get("/staff");
    expect(list.text).toContain(UNI_STAFF.displayName);
    expect(list.text).toContain("ผู้ใช้ กรมทดสอบ");
    expect(list.text).toContain("กรมทดสอบ");
    expect(list.text).not.toContain("ผู้ดูแล หนึ่ง");
    const filtered = await officer.get("/staff?role=agency");
    expect(filtered.text).not.toContain(UNI_STAFF.displayName);
    expect(filtered.text).toContain("ผู้ใช้ กรมทดสอบ");
    const all = await admin.get("/staff");
    for (const name of ["ผู้ดูแล หนึ่ง", "เจ้าหน้าที่ สพร.", UNI_STAFF.displayName, "ผู้ใช้ กรมทดสอบ"]) expect(all.text).toContain(name);

    expect((await officer.get(`/staff/${agencyUser}`)).status).toBe(200);
    expect((await officer.get(`/staff/${uniUser}`)).status).toBe(200);
    // Not theirs to manage looks like does not exist.
    expect((await officer.get(`/staff/${adminId}`)).status).toBe(404);
    expect((await officer.get("/staff/no-such-user")).status).toBe(404);
    await officer.get(`/staff/${uniUser}`);
    expect((await officer.post(`/staff/${adminId}/disable`, {})).status).toBe(404);
    expect((await row(adminId)).disabledAt).toBeNull();
  });

  it("pages a list of more than 50", async () => {
    const now = t.clock.now();
    await t.db.insert(users).values(
      Array.from({ length: 55 }, (_, i) => ({ id: `u-${i}`, role: "university" as const, displayName: `บุคคล ${String(i).padStart(2, "0")}`, orgId: "uni-x", createdAt: now })),
    );
    const first = await officer.get("/staff?role=university");
    expect(first.text).toContain("หน้า 1 จาก 2");
    expect((first.text.match(/href="\/staff\/u-/g) ?? []).length).toBe(50);
    const second = await officer.get("/staff?role=university&page=2");
    expect((second.text.match(/href="\/staff\/u-/g) ?? []).length).toBe(5);
  });

  it("tells whether the credentials mail was delivered: sending, sent, failed (with the error, and the outbox link for admins), cancelled", async () => {
    const id = idOf((await createAs(admin, UNI_STAFF)).location);
    const [mail] = await credentialsMails(id);
    await t.db.update(outboxMail).set({ status: "sent", sentAt: t.clock.now() }).where(eq(outboxMail.id, mail!.id));
    expect((await officer.get(`/staff/${id}`)).text).toContain("ส่งแล้ว");
    await t.db.update(outboxMail).set({ status: "failed", lastError: "550 mailbox unavailable" }).where(eq(outboxMail.id, mail!.id));
    const asOfficer = await officer.get(`/staff/${id}`);
    expect(asOfficer.text).toContain("ส่งไม่สำเร็จ");
    expect(asOfficer.text).toContain("550 mailbox unavailable");
    expect(asOfficer.text).not.toContain('href="/admin/mail"');
    expect((await admin.get(`/staff/${id}`)).text).toContain('href="/admin/mail"');
    await t.db.update(outboxMail).set({ status: "cancelled" }).where(eq(outboxMail.id, mail!.id));
    expect((await admin.get(`/staff/${id}`)).text).toContain("ยกเลิกแล้ว");
  });
});

describe("disable and enable", () => {
  it("signs a disabled user out on their next request and refuses their sign-in; enabled, they sign in again", async () => {
    const id = await createUser(t, { role: "university", username: "uni.x", password: "Univ#2567", orgId: "uni-x", displayName: "สมหญิง" });
    const uni = new Browser(t, undefined, "198.51.100.30");
    await uni.login("uni.x", "Univ#2567");
    expect((await uni.get("/university")).status).toBe(200);

    await officer.get(`/staff/${id}`);
    const res = await officer.post(`/staff/${id}/disable`, {});
    expect(res.status).toBe(303);
    expect((await row(id)).disabledAt).not.toBeNull();
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(0);
    expect((await audits("staff.disabled")).map((e) => [e.actorId, e.subjectId])).toEqual([[officerId, id]]);
    expect((await officer.get(`/staff/${id}`)).text).toContain("ระงับการใช้งาน");

    const next = await uni.get("/university");
    expect(next.status).toBe(303);
    expect(next.location).toMatch(/^\/login/);
    const again = new Browser(t, undefined, "198.51.100.31");
    const refused = await again.login("uni.x", "Univ#2567");
    expect(refused.status).not.toBe(303);
    expect(refused.text).toContain("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");

    await officer.get(`/staff/${id}`);
    expect((await officer.post(`/staff/${id}/enable`, {})).status).toBe(303);
    expect(await audits("staff.enabled")).toHaveLength(1);
    expect((await again.login("uni.x", "Univ#2567")).status).toBe(303);
    expect((await again.get("/university")).status).toBe(200);
  });

  it("never lets anyone disable themselves, nor leaves the deployment without an active admin", async () => {
    const page = await admin.get(`/staff/${adminId}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(`action="/staff/${adminId}/disable"`);
    const self = await admin.post(`/staff/${adminId}/disable`, {});
    expect(self.status).toBe(409);
    expect(self.text).toContain("ไม่สามารถดำเนินการนี้กับบัญชีของตนเองได้");
    expect((await row(adminId)).disabledAt).toBeNull();

    // Two admins disabling each other at once: the second finds the first already disabled
    // and would leave no active admin, so it is refused.
    const otherId = await createUser(t, { role: "admin", username: "admin2", password: "Admin#2567pw" });
    const staleOther = contextFor(t, await sessionUser(otherId));
    expect(await disableStaff(contextFor(t, await sessionUser(adminId)), otherId)).toEqual({ ok: true });
    expect(await disableStaff(staleOther, adminId)).toEqual({ ok: false, reason: "last_admin" });
    expect(await changeStaffRole(staleOther, adminId, { role: "officer" })).toEqual({ ok: false, reason: "last_admin" });
    expect(await row(adminId)).toMatchObject({ role: "admin", disabledAt: null });
  });
});

describe("new temporary credentials", () => {
  it("replaces the password, ends the sessions, mails the new one (username kept) and audits without the password", async () => {
    const id = await createUser(t, { role: "university", username: "Chosen.Name", password: "Univ#2567", orgId: "uni-x", email: "u@chula.ac.th" });
    const uni = new Browser(t, undefined, "198.51.100.40");
    await uni.login("Chosen.Name", "Univ#2567");

    await officer.get(`/staff/${id}`);
    expect((await officer.post(`/staff/${id}/resend`, {})).status).toBe(303);
    const user = await row(id);
    expect(user).toMatchObject({ username: "Chosen.Name", mustChangePassword: true });
    expect(user.passwordExpiresAt!.getTime() - t.clock.now().getTime()).toBe(7 * 86_400_000);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(0);
    expect((await uni.get("/university")).status).toBe(303);

    const creds = await mailedCredentials(id);
    expect(creds.username).toBe("Chosen.Name");
    const [mail] = await credentialsMails(id);
    expect(mail).toMatchObject({ to: "u@chula.ac.th", redactAfterSend: true, status: "pending" });
    expect(mail!.subject).toContain("รหัสผ่านชั่วคราวใหม่");
    const [event] = await audits("staff.credentials_reissued");
    expect(JSON.stringify(event!.data)).not.toContain(creds.password);

    const old = new Browser(t, undefined, "198.51.100.41");
    expect((await old.login("Chosen.Name", "Univ#2567")).status).not.toBe(303);
    const fresh = new Browser(t, undefined, "198.51.100.42");
    expect((await fresh.login("Chosen.Name", creds.password)).status).toBe(303);
    expect((await fresh.get("/university")).location).toBe("/account/setup");
  });

  it("cancels the still-unsent mail of the old password", async () => {
    const id = idOf((await createAs(admin, UNI_STAFF)).location);
    await admin.get(`/staff/${id}`);
    await admin.post(`/staff/${id}/resend`, {});
    const mails = await credentialsMails(id);
    expect(mails.map((m) => m.status).sort()).toEqual(["cancelled", "pending"]);
    expect((await admin.get(`/staff/${id}`)).text).toContain("กำลังส่ง");
  });
});

describe("changing a role", () => {
  it("moves an account between roles and universities, audited before → after, and ends its sessions; officers may not", async () => {
    await t.db.insert(universities).values({ id: "uni-y", code: "00500", nameTh: "มหาวิทยาลัยธรรมศาสตร์", nameEn: "Thammasat University" });
    const id = await createUser(t, { role: "university", username: "uni.x", password: "Univ#2567", orgId: "uni-x" });
    const uni = new Browser(t, undefined, "198.51.100.50");
    await uni.login("uni.x", "Univ#2567");

    await officer.get(`/staff/${id}`);
    expect((await officer.post(`/staff/${id}/role`, { role: "officer" })).status).toBe(403);

    await admin.get(`/staff/${id}`);
    const moved = await admin.post(`/staff/${id}/role`, { role: "university", universityId: "uni-y" });
    expect(moved.status).toBe(303);
    expect(await row(id)).toMatchObject({ role: "university", orgId: "uni-y" });
    expect((await uni.get("/university")).status).toBe(303);

    const promoted = await admin.post(`/staff/${id}/role`, { role: "officer" });
    expect(promoted.status).toBe(303);
    expect(await row(id)).toMatchObject({ role: "officer", orgId: null });
    const events = await audits("staff.role_changed");
    expect(events.map((e) => e.data)).toEqual([
      { before: { role: "university", universityId: "uni-x" }, after: { role: "university", universityId: "uni-y" } },
      { before: { role: "university", universityId: "uni-y" }, after: { role: "officer", universityId: null } },
    ]);
    const b = new Browser(t, undefined, "198.51.100.51");
    await b.login("uni.x", "Univ#2567");
    expect((await b.get("/officer")).status).toBe(200);

    await admin.get(`/staff/${id}`);
    const missing = await admin.post(`/staff/${id}/role`, { role: "university", universityId: "" });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain("กรุณาเลือกมหาวิทยาลัย");
    const closed = await admin.post(`/staff/${id}/role`, { role: "university", universityId: "uni-closed" });
    expect(closed.status).toBe(422);
    expect(closed.text).toContain("มหาวิทยาลัยนี้ถูกปิดการใช้งานแล้ว");
    expect((await row(id)).role).toBe("officer");
  });

  it("keeps agency users agency users", async () => {
    const id = await createUser(t, { role: "agency", username: "agency.user", password: "Agency#2567", orgId: "ag-1" });
    const page = await admin.get(`/staff/${id}`);
    expect(page.text).not.toContain(`action="/staff/${id}/role"`);
    const res = await admin.post(`/staff/${id}/role`, { role: "officer" });
    expect(res.status).toBe(409);
    expect(await row(id)).toMatchObject({ role: "agency", orgId: "ag-1" });
  });
});
