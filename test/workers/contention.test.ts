import { createClient } from "@libsql/client/web";
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/worker";
import type { Env } from "../../src/worker";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import { toBase64Url } from "../../src/services/crypto";

const testEnv = env as unknown as Env;
const ORIGIN = "https://tidtam.test";
const USERNAME = "wk.uni.contention";
const PASSWORD = "Contention#2567";

async function call(path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${ORIGIN}${path}`, init), testEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

function cookiesOf(res: Response, jar = new Map<string, string>()): Map<string, string> {
  res.headers.forEach((value, name) => {
    if (name !== "set-cookie") return;
    const [pair] = value.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  });
  return jar;
}
/** What `<OnceField/>` renders: a fresh random token per rendered form. */
const onceToken = () => toBase64Url(crypto.getRandomValues(new Uint8Array(18)));
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** A university user whose hash costs 20,000 iterations (as the workers officer's): sign-in stays quick in workerd. */
async function universityUser(db: ReturnType<typeof createClient>): Promise<void> {
  const uni = await db.execute("SELECT id FROM universities WHERE deactivated_at IS NULL ORDER BY code LIMIT 1");
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(PASSWORD), "PBKDF2", false, ["deriveBits"]);
  const hash = new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: 20_000 }, key, 256));
  await db.execute({
    sql: "INSERT INTO users (id, role, username, username_lower, password_hash, display_name, org_id, created_at) VALUES (?, 'university', ?, ?, ?, ?, ?, ?)",
    args: ["wk-uni-contention", USERNAME, USERNAME, `pbkdf2_sha256$20000$${toBase64Url(salt)}$${toBase64Url(hash)}`, "มหาวิทยาลัยทดสอบพร้อมกัน", String(uni.rows[0]!.id), Date.now()],
  });
}

describe("concurrent writes through the Worker (libSQL over HTTP)", () => {
  it("saves 20 drafts posted at once, each exactly once, and a form sent twice at once only once", async () => {
    const db = createClient({ url: testEnv.TURSO_DATABASE_URL });
    await universityUser(db);
    const login = await call("/login");
    const jar = cookiesOf(login);
    const loginToken = /name="_csrf" value="([^"]+)"/.exec(await login.text())![1]!;
    const signedIn = await call("/login", {
      method: "POST",
      headers: { origin: ORIGIN, cookie: cookieHeader(jar), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: USERNAME, password: PASSWORD, _csrf: loginToken }),
    });
    expect(signedIn.status).toBe(303);
    cookiesOf(signedIn, jar);
    const form = await call("/university/requests/new", { headers: { cookie: cookieHeader(jar) } });
    expect(form.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;

    const marker = (i: number) => `สาขาที่ส่งพร้อมกัน ${i}`;
    const post = (i: number, once: string) =>
      call("/university/requests", {
        method: "POST",
        headers: { origin: ORIGIN, cookie: cookieHeader(jar), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          _csrf: csrf,
          _once: once,
          intent: "draft",
          applicantPid: DEMO_CITIZENS[i % DEMO_CITIZENS.length]!.pid,
          applicantTitle: "นาง",
          applicantFirstName: `ผู้ยื่น ${i}`,
          applicantLastName: "พร้อมกัน",
          position: "assistant_professor",
          fieldTh: marker(i),
          fieldEn: `Concurrent ${i}`,
          letterNo: `อว ${i}/2569`,
          coordinatorName: "ผู้ประสานงาน",
          coordinatorPhone: "02-000-0000",
          coordinatorEmail: "contention@example.com",
        }),
      });

    const twiceToken = onceToken();
    // Twenty writers, each an interactive transaction over HTTP, plus one form posted twice (a double click).
    const answers = await Promise.all([...Array.from({ length: 20 }, (_, i) => post(i, onceToken())), post(20, twiceToken), post(20, twiceToken)]);
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 303));
    const twice = answers.slice(20).map((r) => r.headers.get("location"));
    expect(twice[0]).toBe(twice[1]);

    const rows = await db.execute("SELECT field_th AS f, count(*) AS n FROM academic_requests WHERE field_th LIKE 'สาขาที่ส่งพร้อมกัน %' GROUP BY field_th");
    expect(rows.rows.length).toBe(21);
    expect(rows.rows.every((r) => Number(r.n) === 1)).toBe(true);
    const audited = await db.execute("SELECT count(*) AS n FROM audit_events WHERE actor_id = 'wk-uni-contention'");
    expect(Number(audited.rows[0]!.n)).toBeGreaterThanOrEqual(21);
    db.close();
  });
});
