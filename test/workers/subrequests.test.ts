/**
 * Every scheduled run stays under the free plan's 50 subrequests per invocation. Counted
 * where a deployed Worker's subrequests go: each HTTP request to the database passes a
 * counting proxy in front of the Hrana harness (the libSQL web client as deployed, its
 * first contact included), and each mail reaches a loopback mail API that records it.
 */
import { createClient } from "@libsql/client/web";
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { GOLIVE_CONTINUE_CRON, GOLIVE_CRON, LAUNCHES_PER_RUN, MAIL_PER_RUN, SUBREQUEST_BUDGET } from "../../src/jobs";
import { createR2FileStore } from "../../src/platform/workers/files";
import { createTursoDb } from "../../src/platform/workers/db";
import { EXPORT_PAGE_ROWS } from "../../src/services/export";
import { EXPORT_JOB_LIMITS, runExportChunk } from "../../src/services/export-jobs";
import { pidKeys } from "../../src/services/pid-crypto";
import worker, { type Env } from "../../src/worker";

const base = env as unknown as Env & { TEST_COUNTED_DB_URL: string; TEST_MAIL_API_URL: string };
/** Uncounted: the test's own reads and writes. */
const db = createClient({ url: base.TURSO_DATABASE_URL });

interface Run {
  dbRequests: number;
  mails: { headers: Record<string, string>; body: string }[];
  total: number;
}

/** One scheduled invocation, as Cloudflare would start it, with its subrequests counted. */
async function scheduled(cron: string, mailPath: string): Promise<Run> {
  await fetch(`${base.TEST_COUNTED_DB_URL}/__reset`, { method: "POST" });
  await fetch(`${base.TEST_MAIL_API_URL}/__reset?prefix=${mailPath}`, { method: "POST" });
  const counted: Env = { ...base, TURSO_DATABASE_URL: base.TEST_COUNTED_DB_URL, MAIL_API_URL: `${base.TEST_MAIL_API_URL}${mailPath}`, MAIL_API_KEY: "test-mail-key" };
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron, scheduledTime: new Date() }), counted, ctx);
  await waitOnExecutionContext(ctx);
  const { count } = (await (await fetch(`${base.TEST_COUNTED_DB_URL}/__count`)).json()) as { count: number };
  const mails = (await (await fetch(`${base.TEST_MAIL_API_URL}/__requests?prefix=${mailPath}`)).json()) as Run["mails"];
  return { dbRequests: count, mails, total: count + mails.length };
}

describe("scheduled runs and the subrequest budget", () => {
  it("delivers a long outbox over several minute runs, each under 50 subrequests, every mail once", async () => {
    const now = Date.now();
    const ids = Array.from({ length: 2 * MAIL_PER_RUN + 5 }, (_, i) => `sub-mail-${String(i).padStart(2, "0")}`);
    for (const id of ids) {
      await db.execute({
        sql: `INSERT INTO outbox_mail (id, created_at, to_addr, subject, body_text, status, next_attempt_at, attempts, redact_after_send)
              VALUES (?, ?, ?, 'ทดสอบ', 'เนื้อหา', 'pending', ?, 0, 0)`,
        args: [id, now, `${id}@example.go.th`, now - 60_000],
      });
    }
    const sentIds: string[] = [];
    const runs: Run[] = [];
    for (let i = 0; i < 6; i++) {
      const run = await scheduled("* * * * *", "/sweep");
      runs.push(run);
      sentIds.push(...run.mails.map((m) => m.headers["idempotency-key"]!));
      const left = await db.execute({ sql: `SELECT count(*) AS n FROM outbox_mail WHERE id IN (${ids.map(() => "?").join(",")}) AND status <> 'sent'`, args: ids });
      if (Number(left.rows[0]!.n) === 0) break;
    }
    console.log("minute runs (db requests + mails):", runs.map((r) => `${r.dbRequests}+${r.mails.length}`).join(", "));
    for (const run of runs) expect(run.total).toBeLessThan(SUBREQUEST_BUDGET);
    expect(Math.max(...runs.map((r) => r.mails.length))).toBe(MAIL_PER_RUN);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    for (const id of ids) expect(sentIds.filter((s) => s === id), id).toHaveLength(1);
  });

  it("launches a big go-live batch over the 00:05 run and its continuations, each under 50 subrequests, each service once", async () => {
    const now = Date.now();
    await db.execute({ sql: "INSERT OR IGNORE INTO agencies (id, name_th, name_en, ministry, created_at) VALUES ('sub-agency', 'กรมงบคำขอย่อย', 'Budget', 'กระทรวง', ?)", args: [now] });
    const ids = Array.from({ length: 2 * LAUNCHES_PER_RUN + 1 }, (_, i) => `sub-svc-${i}`);
    for (const id of ids) {
      await db.execute({
        sql: `INSERT INTO eservices (id, agency_id, name, created_at, updated_at, golive_requested_date, golive_batch_date, golive_confirmed_at)
              VALUES (?, 'sub-agency', ?, ?, ?, '2026-01-13', '2026-01-13', ?)`,
        args: [id, `บริการ ${id}`, now, now, now],
      });
      for (let n = 1; n <= 7; n++) {
        await db.execute({ sql: "INSERT INTO eservice_steps (eservice_id, step_no, state, updated_at) VALUES (?, ?, 'done', ?)", args: [id, n, now] });
      }
    }
    const launched = async () => {
      const rows = await db.execute({ sql: `SELECT count(*) AS n FROM eservices WHERE id IN (${ids.map(() => "?").join(",")}) AND launched_at IS NOT NULL`, args: ids });
      return Number(rows.rows[0]!.n);
    };
    const first = await scheduled(GOLIVE_CRON, "/golive");
    const afterFirst = await launched();
    expect(afterFirst).toBeGreaterThan(0);
    expect(afterFirst).toBeLessThanOrEqual(LAUNCHES_PER_RUN);
    const runs = [first];
    while ((await launched()) < ids.length && runs.length < 5) runs.push(await scheduled(GOLIVE_CONTINUE_CRON, "/golive"));
    console.log("go-live runs (db requests):", runs.map((r) => r.dbRequests).join(", "));
    for (const run of runs) expect(run.total).toBeLessThan(SUBREQUEST_BUDGET);
    expect(await launched()).toBe(ids.length);
    const audits = await db.execute({
      sql: `SELECT subject_id, count(*) AS n FROM audit_events WHERE action = 'eservice.launched' AND subject_id IN (${ids.map(() => "?").join(",")}) GROUP BY subject_id`,
      args: ids,
    });
    expect(audits.rows.map((r) => Number(r.n))).toEqual(ids.map(() => 1));
  });
});

describe("a background export's chunk and the subrequest budget", () => {
  // The production chunk's page count (5,000 rows in pages of 500) over the smaller test lists: pages of 5 rows.
  const pages = EXPORT_JOB_LIMITS.chunkRows / EXPORT_PAGE_ROWS;

  async function chunkCount(kind: "requests" | "audit", format: "xlsx" | "csv", ownerId: string): Promise<number> {
    const id = `sub-export-${kind}-${Date.now()}`;
    const now = Date.now();
    await db.execute({
      sql: "INSERT INTO export_jobs (id, owner_id, kind, format, filters, status, rows_total, file_key, created_at, expires_at) VALUES (?, ?, ?, ?, '{}', 'queued', 0, ?, ?, ?)",
      args: [id, ownerId, kind, format, `export-${id}`, now, now + 86_400_000],
    });
    await fetch(`${base.TEST_COUNTED_DB_URL}/__reset`, { method: "POST" });
    const outcome = await runExportChunk(
      {
        db: createTursoDb(base.TEST_COUNTED_DB_URL, undefined),
        files: createR2FileStore(base.FILES),
        clock: { now: () => new Date() },
        keys: () => pidKeys(base.DATA_ENCRYPTION_KEY),
        limits: { threshold: 0, chunkRows: pages * 5, pageRows: 5 },
      },
      id,
    );
    const { count } = (await (await fetch(`${base.TEST_COUNTED_DB_URL}/__count`)).json()) as { count: number };
    expect(outcome).toBe("more");
    expect(await base.FILES.head(`export-${id}-0`)).not.toBeNull();
    await db.execute({ sql: "DELETE FROM export_jobs WHERE id = ?", args: [id] });
    await base.FILES.delete(`export-${id}-0`);
    return count;
  }

  it("writes a chunk of as many keyset pages as EXPORT_JOB_LIMITS gives one, well under 50 subrequests", async () => {
    const listed = Number((await db.execute("SELECT count(*) AS n FROM academic_requests WHERE status <> 'draft'")).rows[0]!.n);
    expect(listed).toBeGreaterThan(pages * 5);
    const count = await chunkCount("requests", "xlsx", "wk-officer");
    // The lease, the owner, one read a page, the job's update; plus the part's one R2 put.
    console.info(`export chunk of ${pages} pages: ${count} database requests + 1 R2 put`);
    expect(count).toBe(3 + pages);
    expect(count + 1).toBeLessThanOrEqual(SUBREQUEST_BUDGET / 2);
  });

  it("costs the same for the audit trail's CSV", async () => {
    const [admin] = (await db.execute("SELECT id FROM users WHERE role = 'admin' LIMIT 1")).rows;
    const events = Number((await db.execute("SELECT count(*) AS n FROM audit_events")).rows[0]!.n);
    if (events <= pages * 5) {
      await db.execute({
        sql: `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?) INSERT INTO audit_events (at, action, subject_type, subject_id) SELECT ? + n, 'request.receive', 'request', 'SUB-' || n FROM seq`,
        args: [pages * 5 + 1 - events, Date.now()],
      });
    }
    const count = await chunkCount("audit", "csv", String(admin!.id));
    expect(count).toBe(3 + pages);
  });
});
