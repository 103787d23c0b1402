/**
 * kill -9 in the middle of a burst of submissions: whatever got a 2xx must be in
 * the database after a restart, intact and audited, and ticket numbers must stay
 * unique and gapless.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { academicRequests, auditEvents, ticketCounters } from "../../src/db/schema";
import { createNodeDb } from "../../src/platform/node";

const KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
/** Acknowledged submissions the kill waits for: enough to check, few enough to leave most in flight. */
const MIN_SUBMITTED = 50;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startHost(dbPath: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/node.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${dbPath}`,
      SESSION_SECRET: "durability-secret-0123456789abcdef0123",
      DATA_ENCRYPTION_KEY: KEY,
      THAID_ISSUER: "https://thaid.invalid",
      THAID_CLIENT_ID: "x",
      THAID_CLIENT_SECRET: "y",
    },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("host did not start");
}

/** Signs in and returns what a browser would send: cookies and the CSRF token. */
async function signIn(base: string, username: string, password: string) {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, v] = pair!.split("=");
      jar.set(k!, v!);
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const page = await fetch(`${base}/login`);
  keep(page);
  let token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: base, cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password, _csrf: token }),
  });
  keep(res);
  const home = await fetch(`${base}/university`, { headers: { cookie: cookie() } });
  token = /name="_csrf" value="([^"]+)"/.exec(await home.text())![1]!;
  return { cookie: cookie(), token };
}

describe("durability", () => {
  it("keeps every acknowledged submission across kill -9, with gapless tickets", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tidtam-durability-"));
    const dbPath = join(dir, "d.db");
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let child = await startHost(dbPath, port);
    const uni = await signIn(base, "chula.staff", "Univ#2567");
    const post = (path: string, fields: Record<string, string>) =>
      fetch(`${base}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: base, cookie: uni.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...fields, _csrf: uni.token }),
      });
    const form = (n: number) => ({
      applicantPid: "1101700230368",
      applicantTitle: "นาย",
      applicantFirstName: `ทดสอบ${n}`,
      applicantLastName: "ความทนทาน",
      position: "assistant_professor",
      fieldTh: "วิศวกรรม",
      fieldEn: "Engineering",
      coordinatorName: "ผู้ประสานงาน",
      coordinatorPhone: "0812345678",
      coordinatorEmail: "coord@example.ac.th",
    });

    const drafts: { n: number; id: string }[] = [];
    const submitted: { n: number; id: string }[] = [];
    let answered = 0;
    let cutOff = 0;
    let answeredAtKill = 0;
    const serverErrors: number[] = [];
    let killed = false;
    // Midway: after 250 answers and enough acknowledged submissions that the test cannot pass on drafts alone.
    // Submissions queue behind the first 600 saves, so counting answers alone could kill before any.
    const killMidway = () => {
      if (++answered >= 250 && submitted.length >= MIN_SUBMITTED && !killed) {
        killed = true;
        answeredAtKill = answered;
        process.kill(-child.pid!, "SIGKILL");
      }
    };
    const jobs = Array.from({ length: 600 }, async (_, n) => {
      try {
        const saved = await post("/university/requests", { ...form(n), intent: n % 2 ? "draft" : "check" });
        if (saved.status >= 500) serverErrors.push(saved.status);
        killMidway();
        const id = /requests\/([\w-]+)\//.exec(saved.headers.get("location") ?? "")?.[1];
        if (saved.status !== 303 || !id) return;
        if (n % 2) {
          drafts.push({ n, id });
          return;
        }
        const done = await post(`/university/requests/${id}/submit`, {});
        if (done.status >= 500) serverErrors.push(done.status);
        if (done.status === 303) submitted.push({ n, id });
        killMidway();
      } catch {
        // The connection died with the process: not acknowledged, so not promised.
        cutOff++;
      }
    });
    await Promise.all(jobs);
    const counts = `${drafts.length} drafts and ${submitted.length} submissions acknowledged, ${answered} answers (kill after ${answeredAtKill}), ${cutOff} requests cut off`;
    console.info(`durability: ${counts}`);
    expect(killed, `never killed: ${counts}`).toBe(true);
    // Under contention writers wait their turn: no request failed before the kill.
    expect(serverErrors).toEqual([]);
    // Something was acknowledged to check, and the kill really cut requests off.
    expect(submitted.length, counts).toBeGreaterThanOrEqual(MIN_SUBMITTED);
    expect(drafts.length, counts).toBeGreaterThanOrEqual(50);
    expect(cutOff, counts).toBeGreaterThan(0);

    // Restart on the same file, then look at what survived.
    child = await startHost(dbPath, port);
    const { db, client } = await createNodeDb(`file:${dbPath}`);
    try {
      for (const { n, id } of [...drafts, ...submitted]) {
        const [row] = await db.select().from(academicRequests).where(eq(academicRequests.id, id));
        expect(row?.applicantFirstName, `request ${n}`).toBe(`ทดสอบ${n}`);
        const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, "request.draft_created")));
        expect(audit, `audit of ${n}`).toHaveLength(1);
      }
      for (const { id } of submitted) {
        const [row] = await db.select().from(academicRequests).where(eq(academicRequests.id, id));
        expect(row!.status).toBe("submitted");
        expect(row!.ticketNo).toMatch(/^\d{4}-00100-\d{4}$/);
      }
      // Gapless per university and year: 1..n, and the counter agrees.
      const year = submitted.length ? (await db.select().from(academicRequests).where(eq(academicRequests.id, submitted[0]!.id)))[0]!.ticketNo!.slice(0, 4) : "";
      if (year) {
        const tickets = (await db.select({ t: academicRequests.ticketNo }).from(academicRequests).where(like(academicRequests.ticketNo, `${year}-00100-%`)))
          .map((r) => Number(r.t!.slice(-4)))
          .sort((a, b) => a - b);
        expect(tickets).toEqual(Array.from({ length: tickets.length }, (_, i) => i + 1));
        const [counter] = await db.select().from(ticketCounters).where(and(eq(ticketCounters.universityId, "uni-chula"), eq(ticketCounters.beYear, Number(year))));
        expect(counter!.lastSeq).toBe(tickets.length);
      }
    } finally {
      client.close();
      process.kill(-child.pid!, "SIGKILL");
    }
  }, 180_000);
});
