import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { academicRequests, sessions, universities } from "../../src/db/schema";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import { BUSY_RETRY_AFTER_S } from "../../src/db/busy";
import { DB_BUSY_NOTICE } from "../../src/views/pages/database-busy";
import { Browser, createTestApp, createUser, TEST_ORIGIN, type TestApp, validRequestForm } from "./helpers";

let t: TestApp;
let server: ServerType | null = null;
let holder: ChildProcess | null = null;

beforeEach(async () => {
  t = await createTestApp();
  await t.db.insert(universities).values({ id: "uni-x", code: "00100", nameTh: "จุฬาลงกรณ์มหาวิทยาลัย", nameEn: "Chulalongkorn University" });
  await createUser(t, { role: "university", username: "uni.x", password: "Univ#2567", orgId: "uni-x", email: "uni.x@example.ac.th" });
});
afterEach(async () => {
  holder?.kill("SIGKILL");
  holder = null;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  t.close();
});

/**
 * Another process (a backup, an `sqlite3` shell, a second instance) takes the write
 * lock of the same file and keeps it until told to let go (at most 10 s).
 */
async function holdWriteLock(dbPath: string): Promise<{ release(): Promise<void> }> {
  const script = `
    import Database from "libsql";
    const db = new Database(${JSON.stringify(dbPath)});
    db.exec("BEGIN IMMEDIATE");
    const release = () => { db.exec("ROLLBACK"); db.close(); console.log("released"); process.exit(0); };
    process.stdin.on("data", release);
    setTimeout(release, 10000);
    console.log("locked");
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: process.cwd(), stdio: ["pipe", "pipe", "inherit"] });
  holder = child;
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes(word) && resolve());
      child.once("exit", () => reject(new Error(`lock holder exited before saying "${word}"`)));
    });
  await said("locked");
  return {
    async release() {
      const released = said("released");
      child.stdin!.write("go\n");
      await released;
    },
  };
}

/** The app on a real Node HTTP server, so requests wait on the real event loop. */
async function listen(): Promise<string> {
  const started = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  server = started;
  return `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
}

const countWithField = async (fieldTh: string) =>
  (await t.db.select({ n: count() }).from(academicRequests).where(eq(academicRequests.fieldTh, fieldTh)))[0]!.n;

describe("a write lock held by another process", () => {
  it("keeps reads answering; a write either saves after the release or answers 503 with its form and every value", async () => {
    const browser = new Browser(t);
    await browser.login("uni.x", "Univ#2567");
    await browser.get("/university/requests/new");
    const base = await listen();
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const events: string[] = [];
    const started = performance.now();
    const latencies: Record<string, number> = {};
    const timed = async <T,>(name: string, work: Promise<T>): Promise<T> => {
      const at = performance.now();
      const out = await work;
      latencies[name] = Math.round(performance.now() - at);
      events.push(name);
      return out;
    };
    const saveDraft = (fields: Record<string, string>) =>
      fetch(`${base}/university/requests`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, origin: TEST_ORIGIN, referer: `${TEST_ORIGIN}/university/requests/new`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...fields, _csrf: browser.csrf!, intent: "draft" }),
      });

    // Served once before, so the figures below are not the server's first request.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const lock = await holdWriteLock(join(t.dir, "test.db"));
    const early = validRequestForm(DEMO_CITIZENS[0]!.pid, { applicantFirstName: "ระหว่างล็อก", fieldTh: "สาขาที่ส่งระหว่างล็อก", letterNo: "อว 0001/2569" });
    const earlyWrite = timed("early write answered", saveDraft(early));
    // Sent while that write waits for the lock: with a synchronous busy wait none of these could be answered before it.
    const health = await timed("healthz answered", fetch(`${base}/healthz`));
    const page = await timed("page answered", fetch(`${base}/university`, { headers: { cookie } }));
    expect(health.status).toBe(200);
    expect(page.status).toBe(200);
    // Once the write's own work before its transaction is done, it only waits (in timers) for the lock.
    await new Promise((r) => setTimeout(r, 300));
    expect((await timed("healthz answered again", fetch(`${base}/healthz`))).status).toBe(200);
    expect((await timed("page answered again", fetch(`${base}/university`, { headers: { cookie } }))).status).toBe(200);
    // A form whose page takes no restored values, and a sign-in (its password is never written back into a page).
    const accountWrite = fetch(`${base}/account`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: TEST_ORIGIN, referer: `${TEST_ORIGIN}/account`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: browser.csrf!, displayName: "ชื่อที่แก้ระหว่างล็อก", phone: "081-234-5678", email: "uni.x@example.ac.th" }),
    });
    const stranger = new Browser(t);
    await stranger.get("/login");
    const signIn = stranger.post("/login", { username: "uni.x", password: "Univ#2567" });

    // Past the retry deadline with the lock still held: 503, the form again, every value in it.
    const busy = await earlyWrite;
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe(String(BUSY_RETRY_AFTER_S));
    const html = await busy.text();
    expect(html).toContain(DB_BUSY_NOTICE);
    expect(html).toContain('action="/university/requests"');
    for (const value of [early.applicantPid, early.applicantFirstName, early.fieldTh, early.letterNo, early.coordinatorEmail, early.fieldEn]) {
      expect(html).toContain(`value="${value}"`);
    }
    expect(html).toMatch(/<option[^>]*value="assistant_professor"[^>]*selected|<option[^>]*selected[^>]*value="assistant_professor"/);

    // The page that re-posts the same values, ready to send again.
    const account = await accountWrite;
    expect(account.status).toBe(503);
    expect(account.headers.get("retry-after")).toBe(String(BUSY_RETRY_AFTER_S));
    const resend = await account.text();
    expect(resend).toContain('<form method="post" action="/account">');
    for (const [name, value] of [["displayName", "ชื่อที่แก้ระหว่างล็อก"], ["phone", "081-234-5678"], ["_csrf", browser.csrf!]]) {
      expect(resend).toContain(`<input type="hidden" name="${name}" value="${value}"/>`);
    }
    const refused = await signIn;
    expect(refused.status).toBe(503);
    expect(refused.text).not.toContain("Univ#2567");
    expect(refused.text).toContain("กรุณากลับไปกรอกแบบฟอร์ม");

    // A write sent while the lock is held, released before its deadline: saved once, after the release.
    const late = validRequestForm(DEMO_CITIZENS[1]!.pid, { fieldTh: "สาขาที่รอจนปลดล็อก" });
    const lateWrite = timed("late write answered", saveDraft(late));
    await new Promise((r) => setTimeout(r, 100));
    await lock.release();
    events.push("lock released");
    const saved = await lateWrite;
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toMatch(/^\/university\/requests\/[^/]+\/edit\?saved=1$/);

    expect(events).toEqual(["healthz answered", "page answered", "healthz answered again", "page answered again", "early write answered", "lock released", "late write answered"]);
    expect(await countWithField(late.fieldTh)).toBe(1);
    expect(await countWithField(early.fieldTh)).toBe(0);
    // The failed attempts left every connection clean: the next writes commit ("SQL statements in progress" once said otherwise).
    for (let i = 0; i < 3; i++) expect((await saveDraft({ ...early, _once: `again-${i}` })).status).toBe(303);
    expect(await countWithField(early.fieldTh)).toBe(3);
    const [, ...fields] = [...resend.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m) => [m[1]!, m[2]!] as [string, string]);
    const sentAgain = await browser.post("/account", Object.fromEntries(fields), { csrf: null });
    expect(sentAgain.status).toBe(303);
    expect((await browser.get("/account")).text).toContain('value="ชื่อที่แก้ระหว่างล็อก"');
    console.info(`write-lock contention: ${JSON.stringify(latencies)} ms, total ${Math.round(performance.now() - started)} ms`);
  });

  it("leaves the connection clean after a transaction whose COMMIT fails", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        // A deferred foreign key fails at COMMIT, which leaves SQLite's transaction open unless rolled back.
        await tx.run("PRAGMA defer_foreign_keys = ON");
        const now = t.clock.now();
        await tx.insert(sessions).values({ id: "orphan", userId: "no-such-user", createdAt: now, lastSeenAt: now, expiresAt: now });
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
    for (let i = 0; i < 4; i++) {
      await t.db.transaction(async (tx) => {
        await tx.insert(universities).values({ id: `uni-after-${i}`, code: `0090${i}`, nameTh: `มหาวิทยาลัย ${i}`, nameEn: `University ${i}` });
      });
    }
    const [row] = await t.db.select({ n: count() }).from(universities);
    expect(row!.n).toBe(5);
    expect(await t.db.select().from(sessions).where(eq(sessions.id, "orphan"))).toEqual([]);
  });
});
