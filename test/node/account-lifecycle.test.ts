/**
 * "บัญชีของฉัน": a staff member changes their own name, phone, e-mail (confirmed
 * through a link mailed to the new address) and password.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountTokens, auditEvents, outboxMail, rateLimits, sessions, users } from "../../src/db/schema";
import { SAME_AS_CURRENT_MESSAGE } from "../../src/domain/profile-forms";
import { EMAIL_CHANGE_LIMIT } from "../../src/services/account";
import { LOGIN_LIMIT_PER_ACCOUNT } from "../../src/services/auth";
import { sha256Hex } from "../../src/services/crypto";
import { Browser, createTestApp, createUser, type TestApp } from "./helpers";

const PASSWORD = "Agency#2567";
const NEW_PASSWORD = "Changed#2568x";

let t: TestApp;
let userId: string;
beforeEach(async () => {
  t = await createTestApp();
  userId = await createUser(t, { role: "agency", username: "somchai", password: PASSWORD, displayName: "สมชาย ใจดี", email: "somchai@dept.go.th" });
});
afterEach(() => t.close());

async function signedIn(username = "somchai", password = PASSWORD, ip = "127.0.0.1"): Promise<Browser> {
  const b = new Browser(t, undefined, ip);
  const r = await b.login(username, password);
  expect(r.status).toBe(303);
  return b;
}

const user = async (id = userId) => (await t.db.select().from(users).where(eq(users.id, id)))[0]!;
const mails = () => t.db.select().from(outboxMail).orderBy(outboxMail.createdAt);
const audit = (action: string) => t.db.select().from(auditEvents).where(eq(auditEvents.action, action));
const tokens = () => t.db.select().from(accountTokens).where(eq(accountTokens.userId, userId));
/** Wrong passwords counted against somchai's sign-in limit (0 when none, or all given back). */
const loginAttempts = async () => (await t.db.select().from(rateLimits).where(eq(rateLimits.key, "login:user:somchai")))[0]?.count ?? 0;
const emailLink = (text: string) => /\/account\/email\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];

describe("GET /account", () => {
  it("shows the signed-in staff member's profile and a way to change the password", async () => {
    const b = await signedIn();
    const r = await b.get("/account");
    expect(r.status).toBe(200);
    expect(r.text).toContain("บัญชีของฉัน");
    expect(r.text).toContain('value="สมชาย ใจดี"');
    expect(r.text).toContain('value="somchai@dept.go.th"');
    expect(r.text).toContain('href="/account/password"');
  });

  it("sends a visitor to sign in", async () => {
    const r = await new Browser(t).get("/account");
    expect(r.status).toBe(303);
    expect(r.location).toBe("/login?next=%2Faccount");
  });
});

describe("POST /account", () => {
  it("saves name and phone at once, audited with before and after", async () => {
    const b = await signedIn();
    await b.get("/account");
    const r = await b.post("/account", { displayName: "  สมชาย ใจงาม ", phone: "081-234-5678", email: "somchai@dept.go.th" });
    expect(r.status).toBe(303);
    expect(r.location).toBe("/account");
    const row = await user();
    expect({ displayName: row.displayName, phone: row.phone, email: row.email }).toEqual({
      displayName: "สมชาย ใจงาม",
      phone: "0812345678",
      email: "somchai@dept.go.th",
    });
    const [event] = await audit("user.profile_updated");
    expect(event!.data).toEqual({ before: { displayName: "สมชาย ใจดี", phone: null }, after: { displayName: "สมชาย ใจงาม", phone: "0812345678" } });
    const page = await b.get("/account");
    expect(page.text).toContain("บันทึกข้อมูลบัญชีเรียบร้อยแล้ว");
    expect(await mails()).toHaveLength(0);
  });

  it("answers bad input with 422, the Thai errors beside the fields and the answers kept", async () => {
    const b = await signedIn();
    await b.get("/account");
    const r = await b.post("/account", { displayName: "", phone: "12345", email: "not-an-email" });
    expect(r.status).toBe(422);
    expect(r.text).toContain("กรุณากรอกชื่อ – นามสกุล");
    expect(r.text).toContain("เบอร์โทรศัพท์ไม่ถูกต้อง");
    expect(r.text).toContain("รูปแบบอีเมลไม่ถูกต้อง");
    expect(r.text).toContain('value="12345"');
    expect(r.text).toContain('value="not-an-email"');
    expect((await user()).displayName).toBe("สมชาย ใจดี");
  });

  it("shows the current-password field after the e-mail, for a change of e-mail only", async () => {
    const b = await signedIn();
    const r = await b.get("/account");
    expect(r.text).toContain("รหัสผ่านปัจจุบัน (กรอกเฉพาะเมื่อเปลี่ยนอีเมล)");
    const input = /<input[^>]*name="currentPassword"[^>]*>/.exec(r.text)?.[0] ?? "";
    for (const attr of ['id="f-currentPassword"', 'type="password"', 'autocomplete="current-password"', 'aria-describedby="f-currentPassword-hint"']) {
      expect(input).toContain(attr);
    }
    expect(input).not.toContain("required");
    expect(r.text.indexOf('name="currentPassword"')).toBeGreaterThan(r.text.indexOf('name="email"'));
  });

  it("refuses a new e-mail without the current password: 422 beside the field, nothing saved, the answers kept", async () => {
    const b = await signedIn();
    await b.get("/account");
    const r = await b.post("/account", { displayName: "สมชาย ใจงาม", phone: "081-234-5678", email: "thief@evil.example", currentPassword: "" });
    expect(r.status).toBe(422);
    expect(r.text).toContain('id="f-currentPassword-error"');
    expect(r.text).toContain("กรุณากรอกรหัสผ่านปัจจุบันเพื่อเปลี่ยนอีเมล");
    expect(r.text).toContain('value="สมชาย ใจงาม"');
    expect(r.text).toContain('value="081-234-5678"');
    expect(r.text).toContain('value="thief@evil.example"');
    const row = await user();
    expect({ displayName: row.displayName, phone: row.phone, email: row.email }).toEqual({ displayName: "สมชาย ใจดี", phone: null, email: "somchai@dept.go.th" });
    expect(await tokens()).toHaveLength(0);
    expect(await mails()).toHaveLength(0);
    expect(await audit("user.profile_updated")).toHaveLength(0);
    expect(await loginAttempts()).toBe(0);
    // Left out of the post altogether: the same.
    const absent = await b.post("/account", { displayName: "สมชาย ใจดี", phone: "", email: "thief@evil.example" });
    expect(absent.status).toBe(422);
    expect(absent.text).toContain("กรุณากรอกรหัสผ่านปัจจุบันเพื่อเปลี่ยนอีเมล");
    expect(await tokens()).toHaveLength(0);
  });

  it("refuses a new e-mail with a wrong password: 422, nothing saved or mailed, audited and counted toward the sign-in limit", async () => {
    const b = await signedIn();
    await b.get("/account");
    const r = await b.post("/account", { displayName: "สมชาย ใจงาม", phone: "", email: "thief@evil.example", currentPassword: "Wrong#2567x" });
    expect(r.status).toBe(422);
    expect(r.text).toContain('id="f-currentPassword-error"');
    expect(r.text).toContain("รหัสผ่านปัจจุบันไม่ถูกต้อง");
    expect(r.text).toContain('value="thief@evil.example"');
    expect(r.text).not.toContain("Wrong#2567x");
    expect((await user()).displayName).toBe("สมชาย ใจดี");
    expect(await tokens()).toHaveLength(0);
    expect(await mails()).toHaveLength(0);
    expect(await loginAttempts()).toBe(1);
    const events = await audit("user.email_change_refused");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: userId, subjectId: userId, data: null });
    // A wrong guess uses up none of the confirmation mails.
    expect(await t.db.select().from(rateLimits).where(eq(rateLimits.key, `email_change:user:${userId}`))).toHaveLength(0);
  });

  it("stops e-mail changes at the sign-in limit once the account has had too many wrong passwords", async () => {
    const b = await signedIn();
    await b.get("/account");
    await t.db
      .insert(rateLimits)
      .values({ key: "login:user:somchai", windowStart: t.clock.now().getTime(), count: LOGIN_LIMIT_PER_ACCOUNT.limit });
    const r = await b.post("/account", { displayName: "สมชาย ใจดี", phone: "", email: "new@dept.go.th", currentPassword: PASSWORD });
    expect(r.status).toBe(429);
    expect(r.res.headers.get("retry-after")).toBeTruthy();
    expect(r.text).toContain('id="f-currentPassword-error"');
    expect(r.text).toContain("กรอกรหัสผ่านผิดหลายครั้งเกินไป");
    expect(r.text).toContain('value="new@dept.go.th"');
    expect(await tokens()).toHaveLength(0);
    expect(await mails()).toHaveLength(0);
  });

  it("needs no password, and ignores one typed, when the e-mail stays (whatever its capitals)", async () => {
    const b = await signedIn();
    await b.get("/account");
    const r = await b.post("/account", { displayName: "สมชาย ใจงาม", phone: "", email: "SomChai@Dept.go.th", currentPassword: "Wrong#2567x" });
    expect(r.status).toBe(303);
    expect((await user()).displayName).toBe("สมชาย ใจงาม");
    expect((await user()).email).toBe("somchai@dept.go.th");
    // Not checked at all: no attempt counted, nothing refused, nothing mailed.
    expect(await t.db.select().from(rateLimits).where(eq(rateLimits.key, "login:user:somchai"))).toHaveLength(0);
    expect(await audit("user.email_change_refused")).toHaveLength(0);
    expect(await tokens()).toHaveLength(0);
    expect(await mails()).toHaveLength(0);
  });

  it("keeps the old e-mail until the link mailed to the new one is confirmed, then tells the old address", async () => {
    const b = await signedIn();
    await b.get("/account");
    const r = await b.post("/account", { displayName: "สมชาย ใจดี", phone: "", email: "new.somchai@dept.go.th", currentPassword: PASSWORD });
    expect(r.status).toBe(303);
    expect((await user()).email).toBe("somchai@dept.go.th");
    // The right password gives back its hit on the sign-in limit.
    expect(await loginAttempts()).toBe(0);
    expect(await audit("user.email_change_refused")).toHaveLength(0);

    const page = await b.get("/account");
    expect(page.text).toContain("ส่งลิงก์ยืนยันไปที่ <strong>new.somchai@dept.go.th</strong> แล้ว");

    const [mail] = await mails();
    expect(mail).toMatchObject({ to: "new.somchai@dept.go.th", kind: "email_change", userId });
    const token = emailLink(mail!.text)!;
    expect(token).toBeTruthy();
    // Only the hash is stored.
    const [row] = await t.db.select().from(accountTokens).where(eq(accountTokens.userId, userId));
    expect(row).toMatchObject({ id: await sha256Hex(token), purpose: "email_change", newEmail: "new.somchai@dept.go.th", usedAt: null });
    expect(JSON.stringify(await t.db.select().from(accountTokens))).not.toContain(token);

    // Following the link (as a mail scanner would) changes nothing.
    const confirmPage = await new Browser(t).get(`/account/email/${token}`);
    expect(confirmPage.status).toBe(200);
    expect(confirmPage.text).toContain("new.somchai@dept.go.th");
    expect((await user()).email).toBe("somchai@dept.go.th");

    const confirmed = await b.post(`/account/email/${token}`, {});
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toBe("/account");
    expect((await user()).email).toBe("new.somchai@dept.go.th");
    const notice = (await mails()).find((m) => m.to === "somchai@dept.go.th");
    expect(notice?.text).toContain("ถูกเปลี่ยนเป็น new.somchai@dept.go.th");
    const [event] = await audit("user.email_changed");
    expect(event!.data).toMatchObject({ before: "somchai@dept.go.th", after: "new.somchai@dept.go.th" });

    // Single use.
    const again = await b.post(`/account/email/${token}`, {});
    expect(again.status).toBe(410);
    expect(again.text).toContain("ลิงก์นี้ใช้ไม่ได้แล้ว (หมดอายุหรือถูกใช้ไปแล้ว)");
    expect((await new Browser(t).get(`/account/email/${token}`)).status).toBe(410);
  });

  it("lets the link be confirmed signed out, for the account the link was made for only", async () => {
    const other = await createUser(t, { role: "officer", username: "other", password: "Other#2567x", email: "other@dga.or.th" });
    const b = await signedIn();
    await b.get("/account");
    await b.post("/account", { displayName: "สมชาย ใจดี", phone: "", email: "new@dept.go.th", currentPassword: PASSWORD });
    const token = emailLink((await mails())[0]!.text)!;

    // Someone else signed in follows it: the change goes to somchai's account, never to theirs.
    const intruder = await signedIn("other", "Other#2567x");
    await intruder.get(`/account/email/${token}`);
    const r = await intruder.post(`/account/email/${token}`, {});
    expect(r.status).toBe(303);
    expect(r.location).toBe("/officer");
    expect((await user()).email).toBe("new@dept.go.th");
    expect((await user(other)).email).toBe("other@dga.or.th");
  });

  it("lets only the newest confirmation link work, and none after 24 hours", async () => {
    const b = await signedIn();
    await b.get("/account");
    await b.post("/account", { displayName: "สมชาย ใจดี", phone: "", email: "first@dept.go.th", currentPassword: PASSWORD });
    await b.post("/account", { displayName: "สมชาย ใจดี", phone: "", email: "second@dept.go.th", currentPassword: PASSWORD });
    const [first, second] = await mails();
    const oldToken = emailLink(first!.text)!;
    const newToken = emailLink(second!.text)!;
    const visitor = new Browser(t);
    await visitor.get("/login");
    expect((await visitor.post(`/account/email/${oldToken}`, {})).status).toBe(410);

    t.clock.advance(24 * 3600_000);
    expect((await visitor.get(`/account/email/${newToken}`)).status).toBe(410);
    const r = await visitor.post(`/account/email/${newToken}`, {});
    expect(r.status).toBe(410);
    expect((await user()).email).toBe("somchai@dept.go.th");
  });

  it("mails confirmation links to new addresses at most 5 times an hour", async () => {
    const b = await signedIn();
    await b.get("/account");
    // Four already mailed this hour (each change costs a password check, so they are not sent one by one).
    const key = `email_change:user:${userId}`;
    await t.db.insert(rateLimits).values({ key, windowStart: t.clock.now().getTime(), count: EMAIL_CHANGE_LIMIT.limit - 1 });
    const fifth = await b.post("/account", { displayName: "สมชาย ใจดี", phone: "", email: "fifth@dept.go.th", currentPassword: PASSWORD });
    expect(fifth.status).toBe(303);
    const r = await b.post("/account", { displayName: "สมชาย ใจงาม", phone: "", email: "one.more@dept.go.th", currentPassword: PASSWORD });
    expect(r.status).toBe(429);
    expect(r.text).toContain("ส่งลิงก์ยืนยันอีเมลบ่อยเกินไป");
    expect(r.text).toContain('value="one.more@dept.go.th"');
    expect(r.text).toContain('value="สมชาย ใจงาม"');
    expect((await user()).displayName).toBe("สมชาย ใจดี");
    expect((await mails()).map((m) => m.to)).toEqual(["fifth@dept.go.th"]);
    const [limit] = await t.db.select().from(rateLimits).where(eq(rateLimits.key, key));
    expect(limit?.count).toBe(EMAIL_CHANGE_LIMIT.limit);
  });

  it("does not confirm a new e-mail of a disabled account", async () => {
    const b = await signedIn();
    await b.get("/account");
    await b.post("/account", { displayName: "สมชาย ใจดี", phone: "", email: "new@dept.go.th", currentPassword: PASSWORD });
    const token = emailLink((await mails())[0]!.text)!;
    await t.db.update(users).set({ disabledAt: t.clock.now() }).where(eq(users.id, userId));
    const visitor = new Browser(t);
    await visitor.get("/login");
    expect((await visitor.get(`/account/email/${token}`)).status).toBe(410);
    expect((await visitor.post(`/account/email/${token}`, {})).status).toBe(410);
    expect((await user()).email).toBe("somchai@dept.go.th");
  });
});

describe("POST /account/password", () => {
  it("refuses a wrong current password with 422 beside the field, changes nothing, and counts the attempt", async () => {
    const b = await signedIn();
    await b.get("/account/password");
    const before = (await user()).passwordHash;
    const r = await b.post("/account/password", { currentPassword: "Wrong#2567x", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(r.status).toBe(422);
    expect(r.text).toContain('id="f-currentPassword-error"');
    expect(r.text).toContain("รหัสผ่านปัจจุบันไม่ถูกต้อง");
    // Passwords are never echoed back.
    expect(r.text).not.toContain("Wrong#2567x");
    expect(r.text).not.toContain(NEW_PASSWORD);
    expect((await user()).passwordHash).toBe(before);
    const [limit] = await t.db.select().from(rateLimits).where(eq(rateLimits.key, "login:user:somchai"));
    expect(limit?.count).toBe(1);
  });

  it("stops at the sign-in limit once the account has had too many wrong passwords", async () => {
    const b = await signedIn();
    await b.get("/account/password");
    await t.db
      .insert(rateLimits)
      .values({ key: "login:user:somchai", windowStart: t.clock.now().getTime(), count: LOGIN_LIMIT_PER_ACCOUNT.limit });
    const r = await b.post("/account/password", { currentPassword: PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(r.status).toBe(429);
    expect(r.text).toContain("กรอกรหัสผ่านผิดหลายครั้งเกินไป");
    expect(r.res.headers.get("retry-after")).toBeTruthy();
    expect((await audit("user.password_changed"))).toHaveLength(0);
  });

  it("checks the new password's rules, the confirmation and that it differs from the current one", async () => {
    const b = await signedIn();
    await b.get("/account/password");
    const weak = await b.post("/account/password", { currentPassword: PASSWORD, password: "short", confirmPassword: "other" });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain("รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร");
    expect(weak.text).toContain("รหัสผ่านทั้งสองช่องไม่ตรงกัน");
    const same = await b.post("/account/password", { currentPassword: PASSWORD, password: PASSWORD, confirmPassword: PASSWORD });
    expect(same.status).toBe(422);
    expect(same.text).toContain(SAME_AS_CURRENT_MESSAGE);
    const empty = await b.post("/account/password", {});
    expect(empty.status).toBe(422);
    expect((await b.get("/account")).status).toBe(200);
  });

  it("changes the password, signs out every other session and continues this one in a new session", async () => {
    const elsewhere = await signedIn(undefined, undefined, "192.0.2.9");
    const b = await signedIn();
    await b.get("/account/password");
    const oldCookie = b.cookies.get("tidtam_s");
    const r = await b.post("/account/password", { currentPassword: PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(r.status).toBe(303);
    expect(r.location).toBe("/account");
    expect(b.cookies.get("tidtam_s")).not.toBe(oldCookie);

    const page = await b.get("/account");
    expect(page.status).toBe(200);
    expect(page.text).toContain("เปลี่ยนรหัสผ่านเรียบร้อยแล้ว");
    const gone = await elsewhere.get("/account");
    expect(gone.status).toBe(303);
    expect(gone.location).toMatch(/^\/login/);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, userId))).toHaveLength(1);

    expect((await new Browser(t).login("somchai", PASSWORD)).status).toBe(401);
    expect((await new Browser(t).login("somchai", NEW_PASSWORD)).status).toBe(303);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.password_changed"), eq(auditEvents.subjectId, userId)))
      .orderBy(desc(auditEvents.id));
    expect(event).toBeTruthy();
  });
});
