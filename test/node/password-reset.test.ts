/**
 * "ลืมรหัสผ่าน?": a staff member gets a single-use, 30-minute link by e-mail and
 * sets a new password through it. Asking never reveals whether an address has an
 * account: the answer and the statements run are the same either way.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountTokens, auditEvents, outboxMail, sessions, users } from "../../src/db/schema";
import { RESET_LIMIT_PER_ADDRESS, RESET_LIMIT_PER_IP } from "../../src/services/password-reset";
import { sha256Hex } from "../../src/services/crypto";
import { countQueries, formatStatements } from "../support/query-counter";
import { Browser, createTestApp, createUser, type TestApp } from "./helpers";

const PASSWORD = "Officer#2567";
const NEW_PASSWORD = "Reset#2568abc";
const SAME_ANSWER = "ถ้าอีเมลนี้มีบัญชีอยู่ เราได้ส่งลิงก์ตั้งรหัสผ่านใหม่ไปแล้ว ลิงก์ใช้ได้ 30 นาที";

let t: TestApp;
let userId: string;
beforeEach(async () => {
  t = await createTestApp();
  userId = await createUser(t, { role: "officer", username: "somsri", password: PASSWORD, displayName: "สมศรี ตรวจการ", email: "Somsri@DGA.or.th" });
});
afterEach(() => t.close());

let ipSeq = 0;
/** A visitor on the forgot-password page, on an address of its own unless told. */
async function visitor(ip = `198.51.100.${++ipSeq}`): Promise<Browser> {
  const b = new Browser(t, undefined, ip);
  await b.get("/forgot-password");
  return b;
}

const mails = () => t.db.select().from(outboxMail).orderBy(outboxMail.createdAt);
const resetLink = (text: string) => /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
const user = async () => (await t.db.select().from(users).where(eq(users.id, userId)))[0]!;

async function requestLink(email = "somsri@dga.or.th"): Promise<string> {
  const b = await visitor();
  const r = await b.post("/forgot-password", { email });
  expect(r.status).toBe(200);
  const last = (await mails()).at(-1);
  const token = resetLink(last?.text ?? "");
  if (!token) throw new Error("no reset link was mailed");
  return token;
}

describe("the sign-in page", () => {
  it("links to ลืมรหัสผ่าน?", async () => {
    const r = await new Browser(t).get("/login");
    expect(r.text).toContain('<a href="/forgot-password">ลืมรหัสผ่าน?</a>');
  });
});

describe("POST /forgot-password", () => {
  it("mails a link naming the username to the account's address, keeping only the token's hash", async () => {
    const b = await visitor();
    const r = await b.post("/forgot-password", { email: "  SOMSRI@dga.or.th " });
    expect(r.status).toBe(200);
    expect(r.text).toContain(SAME_ANSWER);
    const [mail] = await mails();
    expect(mail).toMatchObject({ to: "Somsri@DGA.or.th", kind: "password_reset", userId, status: "pending", redactAfterSend: true });
    expect(mail!.text).toContain("somsri");
    const token = resetLink(mail!.text)!;
    expect(mail!.text).toContain(`http://localhost:3000/reset-password/${token}`);

    const rows = await t.db.select().from(accountTokens);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: await sha256Hex(token), userId, purpose: "password_reset", usedAt: null });
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(30 * 60_000);
    expect(JSON.stringify(rows)).not.toContain(token);

    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "user.password_reset_requested"));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subjectType: "user", subjectId: userId, data: null });
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it("answers a known and an unknown address alike: same status, same page, same statements", async () => {
    const b = await visitor();
    const queries = countQueries(t.db);
    try {
      const known = await queries.measure(() => b.post("/forgot-password", { email: "somsri@dga.or.th" }));
      const unknown = await queries.measure(() => b.post("/forgot-password", { email: "nobody@dga.or.th" }));
      expect(known.result.status).toBe(200);
      expect(unknown.result.status).toBe(known.result.status);
      expect(unknown.result.text).toBe(known.result.text);
      expect(unknown.count, `known:\n${formatStatements(known.statements)}\nunknown:\n${formatStatements(unknown.statements)}`).toBe(known.count);
      expect(unknown.statements.map((s) => s.sql)).toEqual(known.statements.map((s) => s.sql));
      // Both limits, the lookup, and the writes (which insert nothing for an unknown address).
      expect(known.count, formatStatements(known.statements)).toBeGreaterThanOrEqual(7);
    } finally {
      queries.restore();
    }
    expect(await mails()).toHaveLength(1);
  });

  it("asks again for a malformed address with 422 and the Thai message beside the field", async () => {
    const b = await visitor();
    const r = await b.post("/forgot-password", { email: "not-an-address" });
    expect(r.status).toBe(422);
    expect(r.text).toContain("รูปแบบอีเมลไม่ถูกต้อง");
    expect(r.text).toContain('value="not-an-address"');
    expect(await mails()).toHaveLength(0);
  });

  it("sends no more than the address's limit an hour, with the same answer past it", async () => {
    for (let i = 0; i < RESET_LIMIT_PER_ADDRESS.limit; i++) await requestLink();
    const b = await visitor();
    const r = await b.post("/forgot-password", { email: "somsri@dga.or.th" });
    expect(r.status).toBe(200);
    expect(r.text).toContain(SAME_ANSWER);
    expect(await mails()).toHaveLength(RESET_LIMIT_PER_ADDRESS.limit);
    // The newest link is the only one that works.
    expect(await t.db.select().from(accountTokens)).toHaveLength(1);

    t.clock.advance(3600_000);
    await requestLink();
    expect(await mails()).toHaveLength(RESET_LIMIT_PER_ADDRESS.limit + 1);
  });

  it("sends nothing past one IP address's limit of requests an hour, with the same answer", async () => {
    const b = await visitor("203.0.113.5");
    for (let i = 0; i < RESET_LIMIT_PER_IP.limit; i++) {
      expect((await b.post("/forgot-password", { email: `probe${i}@example.com` })).status).toBe(200);
    }
    const r = await b.post("/forgot-password", { email: "somsri@dga.or.th" });
    expect(r.status).toBe(200);
    expect(r.text).toContain(SAME_ANSWER);
    expect(await mails()).toHaveLength(0);
    // Another address is not held back by it.
    await requestLink();
    expect(await mails()).toHaveLength(1);
  });

  it("sends nothing for a disabled account, and its earlier link stops working", async () => {
    const token = await requestLink();
    await t.db.update(users).set({ disabledAt: t.clock.now() }).where(eq(users.id, userId));
    const b = await visitor();
    const r = await b.post("/forgot-password", { email: "somsri@dga.or.th" });
    expect(r.status).toBe(200);
    expect(r.text).toContain(SAME_ANSWER);
    expect(await mails()).toHaveLength(1);

    const page = await b.get(`/reset-password/${token}`);
    expect(page.status).toBe(410);
    const post = await b.post(`/reset-password/${token}`, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(post.status).toBe(410);
    expect((await t.db.select().from(accountTokens))[0]!.usedAt).toBeNull();
  });

  it("sends nothing for an applicant's address (applicants sign in with ThaiD)", async () => {
    const b = await visitor();
    await t.db.insert(users).values({ id: "app-1", role: "applicant", displayName: "ผู้ยื่น", email: "applicant@example.com", createdAt: t.clock.now() });
    await b.post("/forgot-password", { email: "applicant@example.com" });
    expect(await mails()).toHaveLength(0);
  });
});

describe("/reset-password/:token", () => {
  it("sets the new password once, ends every session of the account and asks to sign in", async () => {
    const signedIn = new Browser(t, undefined, "192.0.2.1");
    expect((await signedIn.login("somsri", PASSWORD)).status).toBe(303);
    const token = await requestLink();

    const b = await visitor();
    const form = await b.get(`/reset-password/${token}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain("ตั้งรหัสผ่านใหม่");
    expect(form.text).toContain('id="pw-rules"');
    expect(form.res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(form.res.headers.get("cache-control")).toBe("no-store");

    const r = await b.post(`/reset-password/${token}`, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(r.status).toBe(303);
    expect(r.location).toBe("/login");
    expect((await b.get("/login")).text).toContain("ตั้งรหัสผ่านใหม่แล้ว กรุณาเข้าสู่ระบบ");

    expect(await t.db.select().from(sessions).where(eq(sessions.userId, userId))).toHaveLength(0);
    const gone = await signedIn.get("/officer");
    expect(gone.location).toMatch(/^\/login/);
    expect((await t.db.select().from(auditEvents).where(eq(auditEvents.action, "user.password_reset")))).toHaveLength(1);

    // Single use.
    const again = await b.get(`/reset-password/${token}`);
    expect(again.status).toBe(410);
    expect(again.text).toContain("ลิงก์นี้ใช้ไม่ได้แล้ว (หมดอายุหรือถูกใช้ไปแล้ว)");
    expect(again.text).toContain('href="/forgot-password"');
    await b.get("/forgot-password");
    expect((await b.post(`/reset-password/${token}`, { password: "Another#2568x", confirmPassword: "Another#2568x" })).status).toBe(410);

    expect((await new Browser(t).login("somsri", PASSWORD)).status).toBe(401);
    expect((await new Browser(t).login("somsri", NEW_PASSWORD)).status).toBe(303);
  });

  it("does not work after 30 minutes", async () => {
    const token = await requestLink();
    t.clock.advance(30 * 60_000);
    const b = await visitor();
    expect((await b.get(`/reset-password/${token}`)).status).toBe(410);
    await b.get("/forgot-password");
    expect((await b.post(`/reset-password/${token}`, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).status).toBe(410);
    expect((await new Browser(t).login("somsri", PASSWORD)).status).toBe(303);
  });

  it("lets only the newest link work", async () => {
    const first = await requestLink();
    const second = await requestLink();
    const b = await visitor();
    expect((await b.get(`/reset-password/${first}`)).status).toBe(410);
    expect((await b.get(`/reset-password/${second}`)).status).toBe(200);
  });

  it("answers a weak or mismatched password with 422, never echoing it, and keeps the link usable", async () => {
    const token = await requestLink();
    const b = await visitor();
    await b.get(`/reset-password/${token}`);
    const r = await b.post(`/reset-password/${token}`, { password: "weakpass", confirmPassword: "weakpasz" });
    expect(r.status).toBe(422);
    expect(r.text).toContain("รหัสผ่านต้องมีตัวอักษรพิมพ์ใหญ่ (A-Z)");
    expect(r.text).toContain("รหัสผ่านทั้งสองช่องไม่ตรงกัน");
    expect(r.text).not.toContain("weakpas");
    expect((await t.db.select().from(accountTokens))[0]!.usedAt).toBeNull();
    expect((await b.get(`/reset-password/${token}`)).status).toBe(200);
  });

  it("keeps a first sign-in pending but lifts the expiry of the temporary password", async () => {
    await t.db
      .update(users)
      .set({ mustChangePassword: true, passwordExpiresAt: new Date(t.clock.now().getTime() - 1000) })
      .where(eq(users.id, userId));
    const token = await requestLink();
    const b = await visitor();
    await b.get(`/reset-password/${token}`);
    expect((await b.post(`/reset-password/${token}`, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).status).toBe(303);
    const row = await user();
    expect({ mustChangePassword: row.mustChangePassword, passwordExpiresAt: row.passwordExpiresAt }).toEqual({ mustChangePassword: true, passwordExpiresAt: null });
    const login = await new Browser(t).login("somsri", NEW_PASSWORD);
    expect(login.status).toBe(303);
    expect(login.location).toBe("/account/setup");
  });

  it("cancels a new e-mail address still waiting for its confirmation", async () => {
    const signedIn = new Browser(t);
    await signedIn.login("somsri", PASSWORD);
    await signedIn.get("/account");
    expect((await signedIn.post("/account", { displayName: "สมศรี ตรวจการ", phone: "", email: "intruder@example.com", currentPassword: PASSWORD })).status).toBe(303);
    const confirm = /\/account\/email\/([A-Za-z0-9_-]{43})/.exec((await mails()).find((m) => m.kind === "email_change")!.text)![1]!;
    const token = await requestLink();
    const b = await visitor();
    await b.get(`/reset-password/${token}`);
    expect((await b.post(`/reset-password/${token}`, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).status).toBe(303);
    expect((await b.get(`/account/email/${confirm}`)).status).toBe(410);
    expect((await user()).email).toBe("Somsri@DGA.or.th");
  });

  it("stops working once the account's e-mail has changed", async () => {
    const token = await requestLink();
    const signedIn = new Browser(t);
    await signedIn.login("somsri", PASSWORD);
    await signedIn.get("/account");
    expect((await signedIn.post("/account", { displayName: "สมศรี ตรวจการ", phone: "", email: "somsri.new@dga.or.th", currentPassword: PASSWORD })).status).toBe(303);
    const confirm = /\/account\/email\/([A-Za-z0-9_-]{43})/.exec((await mails()).find((m) => m.kind === "email_change")!.text)![1]!;
    expect((await signedIn.post(`/account/email/${confirm}`, {})).status).toBe(303);
    expect((await (await visitor()).get(`/reset-password/${token}`)).status).toBe(410);
  });

  it("answers a made-up or malformed link like a used one", async () => {
    const b = await visitor();
    for (const token of ["x".repeat(43), "short", "%3Cscript%3E"]) {
      const r = await b.get(`/reset-password/${token}`);
      expect(r.status, token).toBe(410);
      expect(r.text).toContain("ลิงก์นี้ใช้ไม่ได้แล้ว");
    }
  });
});

describe("POST /password-checklist", () => {
  it("ticks the rules a typed password meets, for a visitor too", async () => {
    const b = await visitor();
    const r = await b.request("/password-checklist", {
      method: "POST",
      body: new URLSearchParams({ password: "abcdefgh" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:3000", "x-csrf-token": b.csrf!, "hx-request": "true" },
    });
    expect(r.status).toBe(200);
    expect(r.text).toContain('id="pw-rules"');
    expect(r.text.match(/rule-ok/g)).toHaveLength(2);
  });
});
