import { createClient } from "@libsql/client/web";
import {
  createExecutionContext,
  createScheduledController,
  env,
  listDurableObjectIds,
  runDurableObjectAlarm,
  waitOnExecutionContext,
} from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/worker";
import type { Env } from "../../src/worker";
import type { QrSession } from "../../src/platform/ports";
import { createDurableQrStore } from "../../src/platform/workers/qr-session-object";
import { readWorkbook } from "../../src/services/xlsx/read";

const testEnv = env as unknown as Env;
const ORIGIN = "https://tidtam.test";

async function call(path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${ORIGIN}${path}`, init), testEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

function cookiesOf(res: Response): string {
  const cookies: string[] = [];
  res.headers.forEach((value, name) => {
    if (name === "set-cookie") cookies.push(value.split(";")[0]!);
  });
  return cookies.join("; ");
}

describe("the Worker's fetch in workerd", () => {
  it("reports a reachable database on /healthz", async () => {
    const res = await call("/healthz");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, db: "ok", mail: { failed: 0, stuck: false } });
    expect(typeof (body as { mail: { oldestDueMinutes: unknown } }).mail.oldestDueMinutes).toBe("number");
  });

  it("serves the Thai login page", async () => {
    const res = await call("/login");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="th">');
    expect(html).toContain("เข้าสู่ระบบ");
  });

  it("signs in an officer whose argon2id hash Node made", async () => {
    const page = await call("/login");
    const jar = cookiesOf(page);
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const res = await call("/login", {
      method: "POST",
      headers: { origin: ORIGIN, cookie: jar, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: "wk.officer", password: "Workers#2567", _csrf: token }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/officer");
    const home = await call("/officer", { headers: { cookie: cookiesOf(res) } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("งานของเจ้าหน้าที่");

    // The export streams from workerd too (CompressionStream, keyset pages), every row whole.
    const file = await call("/officer/export.xlsx", { headers: { cookie: cookiesOf(res) } });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("spreadsheetml");
    const [sheet] = readWorkbook(new Uint8Array(await file.arrayBuffer()));
    const db = createClient({ url: testEnv.TURSO_DATABASE_URL });
    const counted = await db.execute("SELECT count(*) AS n FROM academic_requests WHERE status <> 'draft'");
    expect(sheet!.rows[0]!.cells[0]).toBe("Ticket No.");
    expect(sheet!.rows.length - 1).toBe(Number(counted.rows[0]!.n));
  });

  it("refuses a cross-origin post with the Thai CSRF page", async () => {
    const res = await call("/login", {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "username=officer&password=x",
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("ไม่สามารถยืนยันแหล่งที่มาของคำขอได้");
  });
});

describe("the Worker's scheduled handler in workerd", () => {
  it("runs the every-minute job: expired sessions are swept from the database", async () => {
    const db = createClient({ url: testEnv.TURSO_DATABASE_URL });
    const users = await db.execute("SELECT id FROM users WHERE username = 'admin'");
    const userId = String(users.rows[0]!.id);
    const past = Date.now() - 13 * 3600_000;
    await db.execute({
      sql: "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
      args: ["expired-session-for-cron-test", userId, past, past, past + 12 * 3600_000],
    });
    const controller = createScheduledController({ cron: "* * * * *", scheduledTime: new Date() });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, testEnv, ctx);
    await waitOnExecutionContext(ctx);
    const left = await db.execute("SELECT count(*) AS n FROM sessions WHERE id = 'expired-session-for-cron-test'");
    expect(Number(left.rows[0]!.n)).toBe(0);
  });
});

describe("the QR-session Durable Object", () => {
  const session = (id: string, ttlMs: number): QrSession => ({
    id,
    browserSecretHash: "hash-of-desktop-secret",
    state: "state",
    nonce: "nonce",
    codeVerifier: "verifier",
    matchCode: "42",
    requestedBy: { ip: "203.0.113.1", userAgent: "Chrome บน Windows", place: null },
    createdAt: new Date(),
    expiresAt: new Date(Date.now() + ttlMs),
    status: "pending",
    userId: null,
  });

  it("is deleted by its alarm at expiry", async () => {
    const store = createDurableQrStore(testEnv.QR_SESSIONS);
    await store.create(session("qr-alarm", 120_000));
    expect((await store.get("qr-alarm"))?.status).toBe("pending");
    const stub = testEnv.QR_SESSIONS.get(testEnv.QR_SESSIONS.idFromName("qr-alarm"));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await store.get("qr-alarm")).toBeNull();
    expect((await listDurableObjectIds(testEnv.QR_SESSIONS)).length).toBeGreaterThan(0);
  });

  it("refuses a read after expiry even before the alarm runs", async () => {
    const store = createDurableQrStore(testEnv.QR_SESSIONS);
    await store.create(session("qr-late", -1));
    expect(await store.get("qr-late")).toBeNull();
  });

  it("lets only the opening browser claim an approved session, and only once", async () => {
    const store = createDurableQrStore(testEnv.QR_SESSIONS);
    await store.create(session("qr-claim", 120_000));
    expect(await store.claim("qr-claim", "hash-of-desktop-secret")).toBeNull();
    expect(await store.resolve("qr-claim", { status: "approved", userId: "user-1" })).toBe(true);
    expect(await store.resolve("qr-claim", { status: "approved", userId: "user-2" })).toBe(false);
    expect(await store.claim("qr-claim", "another-browser")).toBeNull();
    expect(await store.claim("qr-claim", "hash-of-desktop-secret")).toBe("user-1");
    expect(await store.claim("qr-claim", "hash-of-desktop-secret")).toBeNull();
  });
});

describe("the R2 file store", () => {
  it("keeps an upload's bytes and content type, and deletes it", async () => {
    const { createR2FileStore } = await import("../../src/platform/workers/files");
    const store = createR2FileStore(testEnv.FILES);
    await store.put("r2key_01234567", new TextEncoder().encode("PK zip bytes"), { contentType: "application/zip" });
    const got = await store.get("r2key_01234567");
    expect(got?.contentType).toBe("application/zip");
    expect(await new Response(got!.body).text()).toBe("PK zip bytes");
    await store.delete("r2key_01234567");
    expect(await store.get("r2key_01234567")).toBeNull();
  });
});

describe("the go-live batch in workerd", () => {
  it("launches a due, approved, confirmed service from the Monday 17:05 UTC cron, exactly once", async () => {
    const db = createClient({ url: testEnv.TURSO_DATABASE_URL });
    const now = Date.now();
    await db.execute({ sql: "INSERT OR IGNORE INTO agencies (id, name_th, name_en, ministry, created_at) VALUES ('wk-agency', 'กรมทดสอบ', 'Test', 'กระทรวง', ?)", args: [now] });
    await db.execute({
      sql: `INSERT INTO eservices (id, agency_id, name, created_at, updated_at, golive_requested_date, golive_batch_date, golive_confirmed_at)
            VALUES ('wk-svc', 'wk-agency', 'บริการ workers', ?, ?, '2026-01-06', '2026-01-06', ?)`,
      args: [now, now, now],
    });
    for (let n = 1; n <= 7; n++) {
      await db.execute({ sql: "INSERT INTO eservice_steps (eservice_id, step_no, state, updated_at) VALUES ('wk-svc', ?, 'done', ?)", args: [n, now] });
    }
    const run = async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ cron: "5 17 * * 1", scheduledTime: new Date() }), testEnv, ctx);
      await waitOnExecutionContext(ctx);
    };
    await run();
    const first = await db.execute("SELECT launched_at FROM eservices WHERE id = 'wk-svc'");
    expect(first.rows[0]!.launched_at).not.toBeNull();
    await run();
    const second = await db.execute("SELECT launched_at FROM eservices WHERE id = 'wk-svc'");
    expect(second.rows[0]!.launched_at).toEqual(first.rows[0]!.launched_at);
    const launches = await db.execute("SELECT count(*) AS n FROM audit_events WHERE action = 'eservice.launched' AND subject_id = 'wk-svc'");
    expect(Number(launches.rows[0]!.n)).toBe(1);
    const step7 = await db.execute("SELECT state FROM eservice_steps WHERE eservice_id = 'wk-svc' AND step_no = 7");
    expect(step7.rows[0]!.state).toBe("done");
  });
});

describe("an admin running the deployment in workerd", () => {
  async function sha256Hex(text: string): Promise<string> {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  }

  /** A signed-in admin (session row written directly: sign-in itself is tested above). */
  async function adminCookie(): Promise<string> {
    const db = createClient({ url: testEnv.TURSO_DATABASE_URL });
    const admin = await db.execute("SELECT id FROM users WHERE role = 'admin' LIMIT 1");
    const token = `wk-admin-${crypto.randomUUID().replace(/-/g, "")}`;
    const now = Date.now();
    await db.execute({
      sql: "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
      args: [await sha256Hex(token), String(admin.rows[0]!.id), now, now, now + 3600_000],
    });
    return `__Host-tidtam_s=${token}`;
  }

  const tokenOf = async (res: Response) => /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;

  it("creates a university, and finds it in the audit trail; the outbox, staff, account and a user's trail pages (each read as one batch) answer", async () => {
    const cookie = await adminCookie();
    const list = await call("/admin/universities", { headers: { cookie } });
    expect(list.status).toBe(200);
    const form = new URLSearchParams({ nameTh: "มหาวิทยาลัยบนขอบ", nameEn: "Edge University", code: "09876", _csrf: await tokenOf(list) });
    const created = await call("/admin/universities", {
      method: "POST",
      headers: { origin: ORIGIN, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    expect(created.status).toBe(303);
    const detail = await call(created.headers.get("location")!, { headers: { cookie } });
    expect(await detail.text()).toContain("มหาวิทยาลัยบนขอบ");
    const audit = await call("/admin/audit?subjectType=university", { headers: { cookie } });
    expect(await audit.text()).toContain("เพิ่มมหาวิทยาลัย");
    for (const path of ["/staff", "/staff/wk-officer", "/admin/mail", "/account", "/audit/users/wk-officer"]) expect((await call(path, { headers: { cookie } })).status, path).toBe(200);
  });

  it("answers a forgotten password with the same page and puts the link in the outbox", async () => {
    const db = createClient({ url: testEnv.TURSO_DATABASE_URL });
    const email = "wk.officer@ops.example.go.th";
    await db.execute({ sql: "UPDATE users SET email = ? WHERE id = 'wk-officer'", args: [email] });
    const page = await call("/forgot-password");
    const jar = cookiesOf(page);
    const res = await call("/forgot-password", {
      method: "POST",
      headers: { origin: ORIGIN, cookie: jar, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, _csrf: await tokenOf(page) }).toString(),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("ลิงก์ใช้ได้ 30 นาที");
    const mail = await db.execute({ sql: "SELECT count(*) AS n FROM outbox_mail WHERE kind = 'password_reset' AND user_id = ?", args: ["wk-officer"] });
    expect(Number(mail.rows[0]!.n)).toBe(1);
  });
});
