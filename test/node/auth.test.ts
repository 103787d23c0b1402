import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, sessions, users } from "../../src/db/schema";
import { newId, toBase64Url } from "../../src/services/crypto";
import { hashPassword } from "../../src/services/password";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "../../src/services/session";
import { Browser, createTestApp, createUser, type TestApp } from "./helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567", displayName: "สมศรี ตรวจการ" });
});
afterEach(() => t.close());

const sessionCount = async () => (await t.db.select({ n: count() }).from(sessions))[0]!.n;

describe("GET /login", () => {
  it("serves a whole Thai page to a browser and only the fragment to htmx", async () => {
    const b = new Browser(t);
    const page = await b.get("/login");
    expect(page.status).toBe(200);
    expect(page.text.startsWith("<!doctype html><html lang=\"th\">")).toBe(true);
    expect(page.text).toContain("เข้าสู่ระบบ");
    expect(page.res.headers.get("vary")).toContain("HX-Request");

    const fragment = await b.get("/login", { "hx-request": "true", "hx-request-type": "partial" });
    expect(fragment.text).not.toContain("<html");
    expect(fragment.text).toContain('id="login"');

    const boosted = await b.get("/login", { "hx-request": "true", "hx-boosted": "true" });
    expect(boosted.text).toContain("<html");
  });
});

describe("POST /login", () => {
  it("signs in with the right password: 303 to the role's home, HttpOnly SameSite cookie, one session row", async () => {
    const b = new Browser(t);
    const res = await b.login("officer", "Officer#2567");
    expect(res.status).toBe(303);
    expect(res.location).toBe("/officer");
    const cookie = res.res.headers.getSetCookie().find((c) => c.startsWith("tidtam_s="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(await sessionCount()).toBe(1);
    const home = await b.get("/officer");
    expect(home.status).toBe(200);
    expect(home.text).toContain("สมศรี ตรวจการ");
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.login"));
    expect(events).toHaveLength(1);
  });

  it("is case-insensitive on the username", async () => {
    const b = new Browser(t);
    expect((await b.login("OFFICER", "Officer#2567")).status).toBe(303);
  });

  it("answers a wrong password with 401 and a Thai message, and writes no session", async () => {
    const b = new Browser(t);
    const res = await b.login("officer", "wrong-password");
    expect(res.status).toBe(401);
    expect(res.text).toContain("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");
    expect(res.text).toContain("<title>ข้อผิดพลาด: ");
    expect(res.text).toContain('value="officer"');
    expect(await sessionCount()).toBe(0);
  });

  it("gives an unknown user the same answer as a wrong password", async () => {
    const b = new Browser(t);
    const res = await b.login("nobody", "Officer#2567");
    expect(res.status).toBe(401);
    expect(res.text).toContain("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");
  });

  it("answers a malformed form with 422, the message beside the field, and the typed value kept", async () => {
    const b = new Browser(t);
    await b.get("/login");
    const res = await b.post("/login", { username: "  ", password: "" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("กรุณากรอกชื่อผู้ใช้");
    expect(res.text).toContain("กรุณากรอกรหัสผ่าน");
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toContain('href="#f-username"');
    expect(await sessionCount()).toBe(0);
  });

  it("limits attempts per account: the sixth in 15 minutes gets 429 in Thai even with the right password", async () => {
    const b = new Browser(t);
    await b.get("/login");
    for (let i = 0; i < 5; i++) expect((await b.post("/login", { username: "officer", password: `bad${i}` })).status).toBe(401);
    const res = await b.post("/login", { username: "officer", password: "Officer#2567" });
    expect(res.status).toBe(429);
    expect(res.text).toContain("พยายามเข้าสู่ระบบหลายครั้งเกินไป");
    expect(Number(res.res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await sessionCount()).toBe(0);

    t.clock.advance(15 * 60_000 + 1);
    expect((await b.post("/login", { username: "officer", password: "Officer#2567" })).status).toBe(303);
  });

  it("limits attempts per IP across accounts", async () => {
    const b = new Browser(t, undefined, "203.0.113.9");
    await b.get("/login");
    for (let i = 0; i < 30; i++) await b.post("/login", { username: `user${i}`, password: "x" });
    const res = await b.post("/login", { username: "officer", password: "Officer#2567" });
    expect(res.status).toBe(429);
    const other = new Browser(t, undefined, "198.51.100.7");
    expect((await other.login("officer", "Officer#2567")).status).toBe(303);
  });

  it("never redirects off-site after sign-in", async () => {
    const b = new Browser(t);
    await b.get("/login?next=//evil.example/x");
    const res = await b.post("/login", { username: "officer", password: "Officer#2567", next: "//evil.example/x" });
    expect(res.location).toBe("/officer");
  });

  it("returns to the page that asked for sign-in", async () => {
    const b = new Browser(t);
    const bounce = await b.get("/officer");
    expect(bounce.status).toBe(303);
    expect(bounce.location).toBe("/login?next=%2Fofficer");
    await b.get(bounce.location!);
    const res = await b.post("/login", { username: "officer", password: "Officer#2567", next: "/officer" });
    expect(res.location).toBe("/officer");
  });

  it("asks htmx for a full navigation (HX-Redirect) instead of swapping a page into the form", async () => {
    const b = new Browser(t);
    await b.get("/login");
    const res = await b.post("/login", { username: "officer", password: "Officer#2567" }, { headers: { "hx-request": "true" } });
    expect(res.status).toBe(200);
    expect(res.res.headers.get("hx-redirect")).toBe("/officer");
  });

  it("rotates the session on sign-in: the old session row is gone", async () => {
    const b = new Browser(t);
    await b.login("officer", "Officer#2567");
    const first = b.cookies.get("tidtam_s");
    await b.get("/officer");
    const again = await b.post("/login", { username: "officer", password: "Officer#2567" });
    expect(again.status).toBe(303);
    expect(b.cookies.get("tidtam_s")).not.toBe(first);
    expect(await sessionCount()).toBe(1);
  });
});

/**
 * A staff user whose hash is argon2id at 1 MiB and one pass, so tests can fail
 * dozens of checks quickly; a failed check never rehashes, a successful sign-in
 * replaces it with today's cost (as for any outdated hash).
 */
async function createQuickUser(username: string, password: string) {
  await t.db.insert(users).values({
    id: newId(),
    role: "university",
    username,
    usernameLower: username.toLowerCase(),
    passwordHash: await hashPassword(t.deps.kdf, password, { memoryKiB: 1024, passes: 1, parallelism: 1 }),
    displayName: username,
    createdAt: t.clock.now(),
  });
}

describe("password hashes from before argon2id", () => {
  async function legacyUser(username: string, password: string, mustChangePassword = false) {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const hash = await t.deps.kdf.pbkdf2Sha256(password, salt, 1000, 32);
    const passwordHash = `pbkdf2_sha256$1000$${toBase64Url(salt)}$${toBase64Url(hash)}`;
    await t.db.insert(users).values({
      id: newId(),
      role: "officer",
      username,
      usernameLower: username,
      passwordHash,
      mustChangePassword,
      passwordExpiresAt: mustChangePassword ? new Date(t.clock.now().getTime() - 1000) : null,
      displayName: username,
      createdAt: t.clock.now(),
    });
    return passwordHash;
  }
  const hashOf = async (username: string) =>
    (await t.db.select({ h: users.passwordHash }).from(users).where(eq(users.usernameLower, username)))[0]!.h;

  it("are replaced by argon2id on the next successful sign-in, and the password still works", async () => {
    const old = await legacyUser("old.officer", "Legacy#2567");
    expect((await new Browser(t).login("old.officer", "Legacy#2568")).status).toBe(401);
    expect(await hashOf("old.officer")).toBe(old);

    expect((await new Browser(t).login("old.officer", "Legacy#2567")).status).toBe(303);
    const upgraded = await hashOf("old.officer");
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await new Browser(t).login("old.officer", "Legacy#2567")).status).toBe(303);
    expect(await hashOf("old.officer")).toBe(upgraded);
  });

  it("stay as they are when the sign-in is refused for an expired temporary password", async () => {
    const old = await legacyUser("old.temp", "Legacy#2567", true);
    expect((await new Browser(t).login("old.temp", "Legacy#2567")).status).not.toBe(303);
    expect(await hashOf("old.temp")).toBe(old);
  });
});

describe("sign-in limits never lock out an office", () => {
  it("lets a whole university behind one NAT address sign in: correct sign-ins do not count against the IP", async () => {
    const nat = "203.0.113.77";
    await createQuickUser("staff.a", "Staff#2567");
    await createQuickUser("staff.b", "Staff#2567");
    for (let i = 0; i < 35; i++) {
      expect((await new Browser(t, undefined, nat).login("staff.a", "Staff#2567")).status, `sign-in ${i + 1}`).toBe(303);
    }
    expect((await new Browser(t, undefined, nat).login("staff.b", "Staff#2567")).status).toBe(303);
    // 36 correct sign-ins are 36 argon2id checks at today's cost: ~4 s idle, several times that on a loaded machine.
  }, 60_000);

  it("still refuses a correct password from an IP locked out by failed attempts", async () => {
    const ip = "203.0.113.78";
    for (let u = 0; u < 6; u++) await createQuickUser(`guess${u}`, "Right#2567");
    await createQuickUser("staff.c", "Staff#2567");
    const b = new Browser(t, undefined, ip);
    await b.get("/login");
    for (let i = 0; i < 30; i++) expect((await b.post("/login", { username: `guess${i % 6}`, password: `bad${i}` })).status).toBe(401);
    const res = await b.post("/login", { username: "staff.c", password: "Staff#2567" });
    expect(res.status).toBe(429);
    expect(await sessionCount()).toBe(0);
  });

  it("does not move the account's unlock time when attempts are refused during its lockout, from any address", async () => {
    await createQuickUser("staff.d", "Staff#2567");
    const desk = new Browser(t, undefined, "203.0.113.79");
    await desk.get("/login");
    for (let i = 0; i < 5; i++) expect((await desk.post("/login", { username: "staff.d", password: `bad${i}` })).status).toBe(401);

    t.clock.advance(6 * 60_000);
    const phone = new Browser(t, undefined, "198.51.100.79");
    await phone.get("/login");
    for (let i = 0; i < 35; i++) {
      const res = await phone.post("/login", { username: "staff.d", password: i % 2 ? "Staff#2567" : `bad${i}` });
      expect(res.status, `refused attempt ${i + 1}`).toBe(429);
      expect(res.res.headers.get("retry-after"), `refused attempt ${i + 1}`).toBe(String(9 * 60));
    }

    t.clock.advance(9 * 60_000);
    expect((await phone.post("/login", { username: "staff.d", password: "Staff#2567" })).status).toBe(303);
  });

  it("does not move the IP's unlock time when attempts are refused during its lockout", async () => {
    const ip = "203.0.113.80";
    for (let u = 0; u < 6; u++) await createQuickUser(`typo${u}`, "Right#2567");
    await createQuickUser("staff.e", "Staff#2567");
    const b = new Browser(t, undefined, ip);
    await b.get("/login");
    for (let i = 0; i < 30; i++) expect((await b.post("/login", { username: `typo${i % 6}`, password: `bad${i}` })).status).toBe(401);

    t.clock.advance(10 * 60_000);
    for (let i = 0; i < 10; i++) {
      const res = await b.post("/login", { username: "staff.e", password: "Staff#2567" });
      expect(res.status).toBe(429);
      expect(res.res.headers.get("retry-after")).toBe(String(5 * 60));
    }

    t.clock.advance(5 * 60_000);
    expect((await b.post("/login", { username: "staff.e", password: "Staff#2567" })).status).toBe(303);
  });

  it("checks no more than five parallel guesses at one account", async () => {
    await createQuickUser("staff.g", "Staff#2567");
    const b = new Browser(t, undefined, "203.0.113.81");
    await b.get("/login");
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => b.post("/login", { username: "staff.g", password: `bad${i}` })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
  });

  it("tells a locked-out user in Thai how many minutes to wait, and sends Retry-After", async () => {
    await createQuickUser("staff.f", "Staff#2567");
    const b = new Browser(t);
    await b.get("/login");
    for (let i = 0; i < 5; i++) await b.post("/login", { username: "staff.f", password: `bad${i}` });
    t.clock.advance(11 * 60_000);
    const res = await b.post("/login", { username: "staff.f", password: "Staff#2567" });
    expect(res.status).toBe(429);
    expect(res.text).toContain("กรุณาลองใหม่ในอีก 4 นาที");
    expect(res.res.headers.get("retry-after")).toBe(String(4 * 60));
  });
});

describe("CSRF", () => {
  it("rejects a form post without the token with 403 and a Thai message, writing nothing", async () => {
    const b = new Browser(t);
    await b.get("/login");
    const res = await b.post("/login", { username: "officer", password: "Officer#2567" }, { csrf: null });
    expect(res.status).toBe(403);
    expect(res.text).toContain("ไม่สามารถยืนยันแหล่งที่มาของคำขอได้");
    expect(await sessionCount()).toBe(0);
  });

  it("rejects a token from another browser", async () => {
    const a = new Browser(t);
    await a.get("/login");
    const b = new Browser(t);
    await b.get("/login");
    const res = await b.post("/login", { username: "officer", password: "Officer#2567" }, { csrf: a.csrf });
    expect(res.status).toBe(403);
  });

  it("rejects a cross-origin form post even with a valid token", async () => {
    const b = new Browser(t);
    await b.get("/login");
    const res = await b.post("/login", { username: "officer", password: "Officer#2567" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(res.text).toContain("ไม่สามารถยืนยันแหล่งที่มาของคำขอได้");
    expect(await sessionCount()).toBe(0);
  });

  it("trusts a browser's Sec-Fetch-Site: same-origin even with Origin null (a no-referrer page), and refuses cross-site", async () => {
    const b = new Browser(t);
    await b.get("/login");
    const ok = await b.post("/login", { username: "officer", password: "Officer#2567" }, { origin: "null", headers: { "sec-fetch-site": "same-origin" } });
    expect(ok.status).toBe(303);
    const c2 = new Browser(t);
    await c2.get("/login");
    const bad = await c2.post("/login", { username: "officer", password: "Officer#2567" }, { headers: { "sec-fetch-site": "cross-site" } });
    expect(bad.status).toBe(403);
  });

  it("refuses a JSON request from a foreign origin even with a valid token", async () => {
    const b = new Browser(t);
    await b.get("/login");
    const res = await b.request("/logout", {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json", "x-csrf-token": b.csrf! },
      body: "{}",
    });
    expect(res.status).toBe(403);
  });

  it("accepts the token from the X-CSRF-Token header that htmx sends", async () => {
    const b = new Browser(t);
    await b.get("/login");
    const token = b.csrf!;
    const res = await b.post("/login", { username: "officer", password: "Officer#2567" }, { csrf: null, headers: { "x-csrf-token": token } });
    expect(res.status).toBe(303);
  });

  it("changes the token when the user signs in, so a pre-login token stops working", async () => {
    const b = new Browser(t);
    await b.get("/login");
    const before = b.csrf;
    await b.post("/login", { username: "officer", password: "Officer#2567" });
    await b.get("/officer");
    expect(b.csrf).not.toBe(before);
    const res = await b.post("/logout", {}, { csrf: before });
    expect(res.status).toBe(403);
    expect(await sessionCount()).toBe(1);
  });
});

describe("sessions", () => {
  it("expires after two idle hours: the page asks to sign in again and the row is deleted", async () => {
    const b = new Browser(t);
    await b.login("officer", "Officer#2567");
    t.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await b.get("/officer")).status).toBe(200);
    t.clock.advance(SESSION_IDLE_MS);
    const res = await b.get("/officer");
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/login\?next=/);
    expect(await sessionCount()).toBe(0);
    const login = await b.get(res.location!);
    expect(login.status).toBe(200);
    expect(login.text).toContain("หมดเวลาการใช้งาน กรุณาเข้าสู่ระบบอีกครั้ง");
  });

  it("expires twelve hours after sign-in however active the user is", async () => {
    const b = new Browser(t);
    await b.login("officer", "Officer#2567");
    for (let elapsed = 0; elapsed < SESSION_ABSOLUTE_MS - 3600_000; elapsed += 3600_000) {
      t.clock.advance(3600_000);
      expect((await b.get("/officer")).status).toBe(200);
    }
    t.clock.advance(3600_000);
    expect((await b.get("/officer")).status).toBe(303);
  });

  it("logs out: the row is deleted and the old cookie no longer works", async () => {
    const b = new Browser(t);
    await b.login("officer", "Officer#2567");
    const stolen = b.cookies.get("tidtam_s")!;
    await b.get("/officer");
    const res = await b.post("/logout", {});
    expect(res.status).toBe(303);
    expect(res.location).toBe("/");
    expect(await sessionCount()).toBe(0);
    const page = await b.get("/");
    expect(page.text).toContain("ออกจากระบบเรียบร้อยแล้ว");

    const replay = new Browser(t);
    replay.cookies.set("tidtam_s", stolen);
    expect((await replay.get("/officer")).status).toBe(303);
  });

  it("uses __Host- Secure cookies when the site runs on https", async () => {
    const secure = await createTestApp({ appUrl: "https://tidtam.example" });
    try {
      await createUser(secure, { role: "officer", username: "officer", password: "Officer#2567" });
      const b = new Browser(secure, "https://tidtam.example");
      const res = await b.login("officer", "Officer#2567");
      const cookie = res.res.headers.getSetCookie().find((c) => c.startsWith("__Host-tidtam_s="))!;
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/Path=\//);
      expect(res.res.headers.get("strict-transport-security")).toContain("max-age=");
    } finally {
      secure.close();
    }
  });
});

describe("roles", () => {
  it("refuses a university user on the officer pages with 403 in Thai", async () => {
    await createUser(t, { role: "university", username: "uni", password: "Univ#2567" });
    const b = new Browser(t);
    await b.login("uni", "Univ#2567");
    const res = await b.get("/officer");
    expect(res.status).toBe(403);
    expect(res.text).toContain("ไม่มีสิทธิ์เข้าถึง");
    expect((await b.get("/university")).status).toBe(200);
  });

  it("sends anonymous visitors of a role page to sign in", async () => {
    for (const path of ["/officer", "/university", "/agency", "/admin", "/me", "/dev/mail"]) {
      const res = await new Browser(t).get(path);
      expect(res.status, path).toBe(303);
      expect(res.location, path).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it("shows a Thai 500 page, not a stack trace, when something breaks", async () => {
    const b = new Browser(t);
    await b.login("officer", "Officer#2567");
    t.close();
    const res = await b.get("/officer");
    expect(res.status).toBe(500);
    expect(res.text).toContain("ระบบขัดข้อง");
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it("shows a Thai 404 page for an unknown address", async () => {
    const res = await new Browser(t).get("/no-such-page");
    expect(res.status).toBe(404);
    expect(res.text).toContain("ไม่พบหน้าที่ต้องการ");
  });
});
