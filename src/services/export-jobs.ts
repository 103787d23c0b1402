/**
 * @module
 * Exports too large for one request, written as a background job in chunks: each
 * chunk leases the job, reads the next keyset pages after its cursor, stores its
 * slice of the file (a workbook's or CSV's: ./export-job-sources.ts) as one more
 * part in the file store and moves the cursor, so a chunk can run in any
 * invocation (Node: the in-process runner, yielding between chunks; Workers: one
 * Durable Object alarm per chunk). The download concatenates the parts; the sweep
 * deletes them when the job expires.
 */
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { academicRequests, exportJobs } from "../db/schema";
import type { AuditFilters } from "../domain/audit-forms";
import { isWriting, mayExport, WRITING_STATUSES, type ExportFormat } from "../domain/exports";
import type { Clock, FileStore } from "../platform/ports";
import { recordAudit } from "./audit";
import { countAudit } from "./audit-trail";
import type { UseCaseContext } from "./context";
import { newId } from "./crypto";
import { EXPORT_PAGE_ROWS } from "./export";
import { exportSource, partWriter, type JobCursor } from "./export-job-sources";
import type { PidKeys } from "./pid-crypto";
import { requestListWhere, type RequestFilters } from "./requests";
import type { SessionUser } from "./session";
import { XLSX_TYPE } from "./xlsx/write";

/** A real timer turn, not just a yield: a request waiting on several turns of the loop gets each of them. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

export type ExportJob = typeof exportJobs.$inferSelect;

export interface ExportJobLimits {
  /** A list with more rows than this is exported by a job instead of streamed whole. */
  threshold: number;
  /** Rows one chunk writes (whole keyset pages of EXPORT_PAGE_ROWS). */
  chunkRows: number;
  /** Rows a keyset page reads; EXPORT_PAGE_ROWS unless a test wants many small pages. */
  pageRows?: number;
}

/**
 * Measured with `npm run bench:export` (scripts/bench-export.ts) on the bench's database
 * (100,105 rows on the officer's list), 2-core dev machine shared with other work,
 * 2026-12-02: the direct stream costs 62-97 µs of CPU a row (≈ 10,000-16,000 rows per
 * CPU-second; deflate is native there; 51-52 µs on the idle machine later that day), so
 * 2.5 s of CPU streams ≈ 25,000-40,000 rows.
 * The threshold is 20,000: ≈ 1.3-1.9 s of CPU, and 40 keyset pages of 500, i.e. 40
 * database round trips, which still fits a Worker request's 50 subrequests (the
 * tighter of the two limits on Workers). A job chunk of 5,000 rows took ≈ 600 ms of
 * CPU with fflate's JS deflate; with node:zlib's (same bench, 2026-12-02, polling
 * included) 290-350 ms, against 440 ms for fflate in the same session. It costs 14
 * subrequests on Workers (lease, owner, 10 pages, update, R2 put; counted in
 * test/workers/subrequests.test.ts): far under a Durable Object alarm's limits. The
 * whole 100,105-row job took 7-8 s on Node, 21 parts, 8.3 MiB, read back whole. The
 * audit trail's rows are cheaper (50,000 events with their actor, 2026-12-02: 22-27 µs
 * a row as CSV, 39-42 µs as Excel), so for it the same threshold is bound by the
 * subrequests alone: 40 keyset pages of 500.
 */
export const EXPORT_JOB_LIMITS: ExportJobLimits = { threshold: 20_000, chunkRows: 5_000 };

/**
 * On Node the chunks share the one event loop with every request: pages of 50 rows
 * (≈ 5 ms of reading, XML and deflate each) with a 1 ms pause between them keep any
 * request's wait for the loop short. The bench, while the 100,105-row job ran on a
 * loaded machine: /healthz p50 10 ms, p99 44 ms, max 96 ms (0 of 458 over 100 ms); with
 * pages of 100, p50 20 ms and max 146 ms; of 500, p50 73 ms. With node:zlib's deflate on
 * the idle machine: p50 4.4 ms, p99 11-17 ms, max 14-26 ms. On Workers pages are
 * subrequests, so 500.
 */
export const NODE_EXPORT_JOB_LIMITS: ExportJobLimits = { ...EXPORT_JOB_LIMITS, pageRows: 50 };

/** How long a finished file stays downloadable. */
export const EXPORT_JOB_TTL_MS = 24 * 3_600_000;
/** A chunk not finished by then is taken over by the next runner (its invocation died). */
const LEASE_MS = 2 * 60_000;
/** Rows of expired jobs stay (so the page can say "expired") this long after their files go. */
const EXPIRED_KEPT_MS = 30 * 86_400_000;

/** Starts (or resumes) a job's chunks in the background; returns once they are under way, not done. */
export interface ExportRunner {
  start(jobId: string): Promise<void>;
}

/** What a chunk needs: no request, no user session (the job names its owner). */
export interface ExportJobDeps {
  db: Db;
  files: FileStore;
  clock: Clock;
  keys(): Promise<PidKeys>;
  limits: ExportJobLimits;
}

export const partKey = (job: Pick<ExportJob, "fileKey">, n: number) => `${job.fileKey}-${n}`;

type StoredFilters = Omit<RequestFilters, "page">;

type NewJob = { kind: ExportJob["kind"]; format: ExportJob["format"]; filters: object; rows: number };

/** The job's row and its audit event, one transaction; blank filters are not kept. */
async function insertJob(ctx: UseCaseContext, owner: SessionUser, job: NewJob): Promise<string> {
  const now = ctx.clock.now();
  const id = newId();
  const kept = Object.fromEntries(Object.entries(job.filters).filter(([, v]) => v !== undefined && v !== ""));
  await ctx.db.transaction(async (tx) => {
    await tx.insert(exportJobs).values({
      id,
      ownerId: owner.id,
      kind: job.kind,
      format: job.format,
      filters: kept,
      status: "queued",
      rowsTotal: job.rows,
      fileKey: `export-${newId()}`,
      createdAt: now,
      expiresAt: new Date(now.getTime() + EXPORT_JOB_TTL_MS),
    });
    await recordAudit(tx, now, {
      actorId: owner.id,
      action: "export.requested",
      subjectType: "export_job",
      subjectId: id,
      data: { kind: job.kind, format: job.format, filters: kept, rows: job.rows },
      ip: ctx.actor.ip,
    });
  });
  return id;
}

type Created = { ok: true; id: string } | { ok: false; reason: "forbidden" };

/** The officer's filtered list as a job: counted now (the progress bar's whole). */
export async function createRequestsExportJob(ctx: UseCaseContext, filters: StoredFilters): Promise<Created> {
  const user = ctx.actor.user;
  if (!user || !mayExport(user.role, "requests")) return { ok: false, reason: "forbidden" };
  const list = await requestListWhere(ctx.db, user, filters, { keys: await ctx.keys(), now: ctx.clock.now() });
  if (!list) return { ok: false, reason: "forbidden" };
  const [counted] = await ctx.db.select({ n: sql<number>`count(*)` }).from(academicRequests).where(list.where);
  return { ok: true, id: await insertJob(ctx, user, { kind: "requests", format: "xlsx", filters, rows: Number(counted?.n ?? 0) }) };
}

/** The admin's audit search as a job, in the format asked for. */
export async function createAuditExportJob(ctx: UseCaseContext, filters: Partial<AuditFilters>, format: ExportFormat): Promise<Created> {
  const user = ctx.actor.user;
  if (!user || !mayExport(user.role, "audit")) return { ok: false, reason: "forbidden" };
  const rows = await countAudit(ctx.db, filters);
  return { ok: true, id: await insertJob(ctx, user, { kind: "audit", format, filters, rows }) };
}

/** The job, for its owner only: a guessed id of someone else's job reads as no job at all. */
export async function exportJobFor(db: Db, id: string, ownerId: string): Promise<ExportJob | null> {
  const [job] = await db
    .select()
    .from(exportJobs)
    .where(and(eq(exportJobs.id, id), eq(exportJobs.ownerId, ownerId)));
  return job ?? null;
}

/** `busy`: another runner holds the lease; `gone`: the job is no longer waiting to be written. */
export type ChunkOutcome = "more" | "done" | "failed" | "busy" | "gone";

/**
 * One chunk of the job: up to `limits.chunkRows` rows after the cursor, stored as
 * the next part. The part is written before the row that counts it, so a chunk
 * that dies half-way is simply redone (same part number, overwritten).
 */
export async function runExportChunk(deps: ExportJobDeps, jobId: string): Promise<ChunkOutcome> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const [job] = await deps.db
    .update(exportJobs)
    .set({ status: "running", leaseUntil })
    .where(
      and(
        eq(exportJobs.id, jobId),
        inArray(exportJobs.status, WRITING_STATUSES),
        or(isNull(exportJobs.leaseUntil), lt(exportJobs.leaseUntil, now)),
      ),
    )
    .returning();
  if (!job) {
    const [current] = await deps.db.select({ status: exportJobs.status }).from(exportJobs).where(eq(exportJobs.id, jobId));
    return current && isWriting(current.status) ? "busy" : "gone";
  }
  const held = and(eq(exportJobs.id, job.id), eq(exportJobs.leaseUntil, leaseUntil));
  try {
    const source = await exportSource(deps.db, job, deps.keys);
    const part = partWriter(source, job);
    let cursor: JobCursor | null = job.cursor ?? null;
    let written = 0;
    let finished = true;
    const pageRows = deps.limits.pageRows ?? EXPORT_PAGE_ROWS;
    for await (const page of source.pages(cursor, pageRows)) {
      part.append(page.rows);
      cursor = page.cursor;
      written += page.rows.length;
      if (written >= deps.limits.chunkRows) {
        finished = page.rows.length < pageRows;
        break;
      }
      await pause();
    }
    await deps.files.put(partKey(job, job.parts), part.end(finished), { contentType: "application/octet-stream" });
    await deps.db
      .update(exportJobs)
      .set({
        cursor,
        zip: part.state as unknown as Record<string, unknown> | null,
        parts: job.parts + 1,
        rowsDone: job.rowsDone + written,
        status: finished ? "done" : "running",
        finishedAt: finished ? deps.clock.now() : null,
        leaseUntil: null,
      })
      .where(held);
    return finished ? "done" : "more";
  } catch (error) {
    console.error(`export job ${job.id} failed`, error);
    // If even this fails (the database went away), the lease lapses and the job is tried again.
    await deps.db
      .update(exportJobs)
      .set({ status: "failed", leaseUntil: null, finishedAt: deps.clock.now() })
      .where(held)
      .catch(() => {});
    return "failed";
  }
}

/**
 * The Node host's runner: a job's chunks back to back in this process, with a
 * breath for the event loop between them (and between pages inside one), so
 * requests keep being served while a large file is written.
 */
export function inProcessExportRunner(deps: ExportJobDeps): ExportRunner & { idle(): Promise<void>; stop(): Promise<void> } {
  const running = new Map<string, Promise<void>>();
  let stopping = false;
  return {
    async start(jobId) {
      if (running.has(jobId) || stopping) return;
      const run = (async () => {
        try {
          while (!stopping && (await runExportChunk(deps, jobId)) === "more") await pause();
        } catch (error) {
          // The lease could not even be taken (the database went away): the scheduler tries again later.
          console.error(`export job ${jobId} stopped`, error);
        } finally {
          running.delete(jobId);
        }
      })();
      running.set(jobId, run);
    },
    async idle() {
      while (running.size) await Promise.allSettled([...running.values()]);
    },
    /** Shutdown: the current chunks finish, the rest wait for the next start's scheduler (the lease lapses). */
    async stop() {
      stopping = true;
      await Promise.allSettled([...running.values()]);
    },
  };
}

/** Jobs whose runner went away (a restart, a lost alarm): started again by the scheduler. */
// Node only: on Workers each job's Durable Object retries its own alarm and deletes its own
// parts at expiry, so the minute cron (already near its subrequest budget) does neither.
export async function resumeExportJobs(db: Db, runner: ExportRunner, now: Date, limit = 5): Promise<number> {
  const stalled = await db
    .select({ id: exportJobs.id })
    .from(exportJobs)
    .where(and(inArray(exportJobs.status, WRITING_STATUSES), or(isNull(exportJobs.leaseUntil), lt(exportJobs.leaseUntil, now))))
    .orderBy(asc(exportJobs.createdAt))
    .limit(limit);
  for (const { id } of stalled) await runner.start(id);
  return stalled.length;
}

/**
 * Expired jobs lose their parts (one delete each, so few jobs a run: the Worker's
 * subrequests) and become "expired"; their rows go a month later.
 */
export async function sweepExportJobs(db: Db, files: FileStore, now: Date, limit = 3): Promise<void> {
  const due = await db
    .select()
    .from(exportJobs)
    .where(and(sql`${exportJobs.status} <> 'expired'`, lt(exportJobs.expiresAt, now)))
    .limit(limit);
  for (const job of due) await expireExportJob(db, files, job);
  await db.delete(exportJobs).where(and(eq(exportJobs.status, "expired"), lt(exportJobs.expiresAt, new Date(now.getTime() - EXPIRED_KEPT_MS))));
}

/** Marked first: a row still "done" with its parts gone would offer a broken link. */
export async function expireExportJob(db: Db, files: FileStore, job: Pick<ExportJob, "id" | "fileKey" | "parts">): Promise<void> {
  await db.update(exportJobs).set({ status: "expired" }).where(eq(exportJobs.id, job.id));
  for (let n = 0; n < job.parts; n++) await files.delete(partKey(job, n));
}

/** The job's row, whoever owns it: for its runner (which acts for the owner already). */
export async function exportJobById(db: Db, id: string): Promise<ExportJob | null> {
  const [job] = await db.select().from(exportJobs).where(eq(exportJobs.id, id));
  return job ?? null;
}

/** Deletes an expired job's row, once nobody will ask for its page any more. */
export async function purgeExportJob(db: Db, id: string): Promise<void> {
  await db.delete(exportJobs).where(and(eq(exportJobs.id, id), eq(exportJobs.status, "expired")));
}

export { EXPIRED_KEPT_MS };

/** The finished file: its parts one after another, each read as the client takes the bytes. */
export function exportJobFile(files: FileStore, job: ExportJob): ReadableStream<Uint8Array> {
  let n = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        if (!reader) {
          if (n >= job.parts) return controller.close();
          const part = await files.get(partKey(job, n++));
          if (!part) return controller.error(new Error("export part missing"));
          reader = part.body.getReader();
        }
        const next = await reader.read();
        if (!next.done) return controller.enqueue(next.value);
        reader = null;
      }
    },
    async cancel() {
      await reader?.cancel();
    },
  });
}

/** An export's file name and type, for its download (a job's, or the same list streamed). */
export function exportFileOf(job: Pick<ExportJob, "kind" | "format">): { name: string; type: string } {
  return { name: `tidtam-${job.kind}.${job.format}`, type: job.format === "csv" ? "text/csv; charset=utf-8" : XLSX_TYPE };
}
