/**
 * @module
 * The officers' overview of academic-position requests (issue 14) and the public
 * processing times. Every figure is a GROUP BY in SQL over indexed columns, so the
 * host gets a few hundred rows (per status and age bucket, per week, per status
 * and whole day) however many requests there are; the percentiles come from those
 * whole-day histograms through the pure rules in domain/insight.
 *
 * Backlog and the waiting-longest list are always read live. The 12-month times
 * read every timeline finished in that year, so they are kept in memory for up to
 * an hour per filter (stale by minutes, they mislead nobody) and the page says
 * when they were computed.
 */
import { asc, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { universities } from "../db/schema";
import { POSITION_KEYS, STATUS_KEYS, type Position, type RequestStatus } from "../domain/academic";
import {
  AGE_BUCKETS,
  bangkokWeekStart,
  histogramSummary,
  type AgeBucket,
  type DaysCount,
  type TimeSummary,
} from "../domain/insight";
import type { UseCaseContext } from "./context";

const DAY = 86_400_000;
const WEEK = 7 * DAY;
export const OVERVIEW_WEEKS = 26;
export const WAITING_LONGEST = 5;
/** "The last 12 months": 365 days back from now. */
export const YEAR_DAYS = 365;
export const TIMES_CACHE_MS = 3_600_000;

/** Statuses a request waits in: submitted and not yet finished. */
export const OPEN_STATUSES = STATUS_KEYS.filter((s) => s !== "draft" && s !== "finished");

export interface InsightFilters {
  universityId?: string;
  position?: Position;
}

export interface BacklogRow {
  status: RequestStatus;
  buckets: Record<AgeBucket, number>;
  total: number;
}

export interface WeekFlow {
  weekStart: Date;
  submitted: number;
  finished: number;
}

export interface StatusTime {
  status: RequestStatus;
  /** Null when fewer than MIN_PUBLISHED_GROUP requests spent time in the status. */
  summary: TimeSummary | null;
  /** How many requests spent time in it (shown even when too few for a figure). */
  count: number;
}

export interface WaitingRequest {
  id: string;
  ticketNo: string | null;
  name: string;
  universityName: string;
  statusSince: Date;
  submittedAt: Date | null;
  days: number;
}

export interface AcademicOverview {
  now: Date;
  backlog: BacklogRow[];
  weeks: WeekFlow[];
  times: { computedAt: Date; rows: StatusTime[] };
  waiting: { status: RequestStatus; requests: WaitingRequest[] }[];
}

function filterSql(f: InsightFilters, alias = ""): SQL {
  const col = (name: string) => sql.raw(alias ? `${alias}.${name}` : name);
  const parts: SQL[] = [];
  if (f.universityId) parts.push(sql`AND ${col("university_id")} = ${f.universityId}`);
  if (f.position) parts.push(sql`AND ${col("position")} = ${f.position}`);
  return sql.join(parts, sql` `);
}

const openList = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(","));

type BacklogSql = { status: RequestStatus; n: number; u30: number; u90: number; u180: number };

/** Open requests per status and age bucket (days since submission). */
export async function backlog(db: DbOrTx, f: InsightFilters, now: Date): Promise<BacklogRow[]> {
  return backlogRows(await backlogQuery(db, f, now));
}

function backlogQuery(db: DbOrTx, f: InsightFilters, now: Date) {
  const t = now.getTime();
  // Submitted after each edge = younger than it; grouped by status alone, the index's own
  // order, so SQLite counts along it without sorting.
  const [e30, e90, e180] = AGE_BUCKETS.slice(0, -1).map((b) => t - b.below * DAY);
  return db.all<BacklogSql>(sql`
    SELECT status, count(*) AS n, sum(submitted_at > ${e30}) AS u30, sum(submitted_at > ${e90}) AS u90, sum(submitted_at > ${e180}) AS u180
    FROM academic_requests INDEXED BY insight_open_idx
    WHERE status IN (${openList}) ${filterSql(f)}
    GROUP BY status`);
}

function backlogRows(rows: BacklogSql[]): BacklogRow[] {
  return OPEN_STATUSES.map((status) => {
    const row = rows.find((r) => r.status === status);
    const [n, u30, u90, u180] = [row?.n, row?.u30, row?.u90, row?.u180].map((v) => Number(v ?? 0)) as [number, number, number, number];
    const buckets: Record<AgeBucket, number> = { under30: u30, "30to90": u90 - u30, "90to180": u180 - u90, over180: n - u180 };
    return { status, buckets, total: n };
  });
}

type WeekSql = { w: number; n: number };

/** Submitted against finished per Bangkok week, the last `weeks` weeks up to this one, oldest first. */
export async function weeklyFlow(db: DbOrTx, f: InsightFilters, now: Date, weeks = OVERVIEW_WEEKS): Promise<WeekFlow[]> {
  const q = weeklyFlowQueries(db, f, now, weeks);
  return weekRows(await q.inflow, await q.outflow, now, weeks);
}

function weeklyFlowQueries(db: DbOrTx, f: InsightFilters, now: Date, weeks = OVERVIEW_WEEKS) {
  const first = firstWeek(now, weeks);
  const end = now.getTime();
  // Bangkok has no daylight saving, so a week is a fixed 7-day slice from the first Monday.
  // (CAST: the client may bind a JS number as a REAL, and the division would not be whole.)
  return {
    inflow: db.all<WeekSql>(sql`
      SELECT CAST((submitted_at - ${first}) / ${WEEK} AS INTEGER) AS w, count(*) AS n FROM academic_requests INDEXED BY insight_submitted_idx
      WHERE submitted_at >= ${first} AND submitted_at <= ${end} ${filterSql(f)} GROUP BY w`),
    outflow: db.all<WeekSql>(sql`
      SELECT CAST((finished_at - ${first}) / ${WEEK} AS INTEGER) AS w, count(*) AS n FROM academic_requests INDEXED BY insight_finished_idx
      WHERE status = 'finished' AND finished_at >= ${first} AND finished_at <= ${end} ${filterSql(f)} GROUP BY w`),
  };
}

const firstWeek = (now: Date, weeks: number) => bangkokWeekStart(now.getTime()) - (weeks - 1) * WEEK;

function weekRows(inflow: WeekSql[], outflow: WeekSql[], now: Date, weeks = OVERVIEW_WEEKS): WeekFlow[] {
  const first = firstWeek(now, weeks);
  const count = (rows: WeekSql[], i: number) => Number(rows.find((r) => Number(r.w) === i)?.n ?? 0);
  return Array.from({ length: weeks }, (_, i) => ({ weekStart: new Date(first + i * WEEK), submitted: count(inflow, i), finished: count(outflow, i) }));
}

/**
 * Days spent in each status by the requests finished in the last 12 months: a stay
 * runs to the next event of the timeline (the finish for the last one), a status
 * left and re-entered adds every stay, a skipped one adds nothing.
 */
export async function statusTimeHistograms(db: DbOrTx, f: InsightFilters, now: Date): Promise<Map<RequestStatus, DaysCount[]>> {
  const since = now.getTime() - YEAR_DAYS * DAY;
  const rows = await db.all<{ status: RequestStatus; days: number; n: number }>(sql`
    WITH fin AS (
      SELECT id, finished_at FROM academic_requests INDEXED BY insight_finished_idx
      WHERE status = 'finished' AND finished_at >= ${since} AND finished_at <= ${now.getTime()} ${filterSql(f)}
    ), stays AS (
      SELECT e.request_id AS request_id, e.status AS status, e.at AS at, fin.finished_at AS until,
        lead(e.at) OVER (PARTITION BY e.request_id ORDER BY e.at, e.id) AS next_at
      FROM fin JOIN request_events e ON e.request_id = fin.id
    ), per AS (
      SELECT status, sum(max(0, min(coalesce(next_at, until), until) - at)) AS ms
      FROM stays WHERE status IN (${openList}) GROUP BY request_id, status
    )
    SELECT status, CAST((ms + ${DAY - 1}) / ${DAY} AS INTEGER) AS days, count(*) AS n FROM per GROUP BY status, days`);
  const out = new Map<RequestStatus, DaysCount[]>();
  for (const row of rows) {
    const list = out.get(row.status) ?? [];
    list.push({ days: Number(row.days), count: Number(row.n) });
    out.set(row.status, list);
  }
  return out;
}

/**
 * Figures kept for up to an hour, per database handle (so two apps in one process,
 * as in tests, never share them) and per key. The promise is kept, not the value, so
 * requests arriving while a figure is being computed wait for that one computation.
 */
function hourlyCache<T>() {
  const byDb = new WeakMap<DbOrTx, Map<string, { at: number; value: Promise<T> }>>();
  return {
    get(db: DbOrTx, key: string, now: Date, compute: () => Promise<T>): Promise<T> {
      const entries = byDb.get(db) ?? new Map<string, { at: number; value: Promise<T> }>();
      byDb.set(db, entries);
      const hit = entries.get(key);
      const age = hit ? now.getTime() - hit.at : -1;
      if (hit && age >= 0 && age < TIMES_CACHE_MS) return hit.value;
      // Bounded: keys are a university and a position; drop everything if it ever grows oddly.
      if (entries.size > 500) entries.clear();
      const value = compute();
      entries.set(key, { at: now.getTime(), value });
      // A failed computation is not kept: the next request tries again.
      value.catch(() => entries.get(key)?.value === value && entries.delete(key));
      return value;
    },
    clear(db: DbOrTx) {
      byDb.delete(db);
    },
  };
}

const timesCache = hourlyCache<{ computedAt: Date; rows: StatusTime[] }>();

/** The 12-month times, from memory when computed within the hour for the same filter. */
export function statusTimesCached(db: DbOrTx, f: InsightFilters, now: Date): Promise<{ computedAt: Date; rows: StatusTime[] }> {
  return timesCache.get(db, `${f.universityId ?? ""}|${f.position ?? ""}`, now, async () => {
    const histograms = await statusTimeHistograms(db, f, now);
    const rows = OPEN_STATUSES.map((status) => {
      const h = histograms.get(status) ?? [];
      return { status, summary: histogramSummary(h), count: h.reduce((n, b) => n + b.count, 0) };
    });
    return { computedAt: now, rows };
  });
}

type WaitingSql = {
  id: string;
  ticket_no: string | null;
  applicant_title: string;
  applicant_first_name: string;
  applicant_last_name: string;
  status: RequestStatus;
  status_since: number;
  submitted_at: number | null;
  name_th: string;
};

/** The `WAITING_LONGEST` requests longest in each open status (by time in that status). */
export async function waitingLongest(db: DbOrTx, f: InsightFilters, now: Date): Promise<{ status: RequestStatus; requests: WaitingRequest[] }[]> {
  return waitingRows(await waitingQuery(db, f), now);
}

function waitingQuery(db: DbOrTx, f: InsightFilters) {
  const perStatus = OPEN_STATUSES.map(
    (status) => sql`SELECT * FROM (
      SELECT r.id, r.ticket_no, r.applicant_title, r.applicant_first_name, r.applicant_last_name, r.status, r.status_since, r.submitted_at, u.name_th
      FROM academic_requests r INDEXED BY insight_waiting_idx JOIN universities u ON u.id = r.university_id
      WHERE r.status = ${status} ${filterSql(f, "r")} ORDER BY r.status_since LIMIT ${WAITING_LONGEST})`,
  );
  return db.all<WaitingSql>(sql.join(perStatus, sql` UNION ALL `));
}

function waitingRows(rows: WaitingSql[], now: Date): { status: RequestStatus; requests: WaitingRequest[] }[] {
  return OPEN_STATUSES.map((status) => ({
    status,
    requests: rows
      .filter((r) => r.status === status)
      .map((r) => ({
        id: r.id,
        ticketNo: r.ticket_no,
        name: `${r.applicant_title}${r.applicant_first_name} ${r.applicant_last_name}`,
        universityName: r.name_th,
        statusSince: new Date(Number(r.status_since)),
        submittedAt: r.submitted_at === null ? null : new Date(Number(r.submitted_at)),
        days: Math.floor((now.getTime() - Number(r.status_since)) / DAY),
      })),
  }));
}

/** A university the filter may name. */
export interface UniversityChoice {
  id: string;
  nameTh: string;
}

export type OverviewOutcome = { ok: true; overview: AcademicOverview; universities: UniversityChoice[] } | { ok: false; reason: "forbidden" };

/** The officer overview: every figure for one filter and the filter's university list, officers and admins only. */
export async function academicOverview(ctx: UseCaseContext, f: InsightFilters): Promise<OverviewOutcome> {
  const role = ctx.actor.user?.role;
  if (role !== "officer" && role !== "admin") return { ok: false, reason: "forbidden" };
  const now = ctx.clock.now();
  const { db } = ctx;
  const flow = weeklyFlowQueries(db, f, now);
  // The live figures as ONE batch (one round trip on the Workers host); the 12-month times
  // come from the hourly cache, or are computed beside it.
  const [[b, inflow, outflow, waiting, universityRows], times] = await Promise.all([
    db.batch([
      backlogQuery(db, f, now),
      flow.inflow,
      flow.outflow,
      waitingQuery(db, f),
      db.select({ id: universities.id, nameTh: universities.nameTh }).from(universities).orderBy(asc(universities.nameTh)),
    ]),
    statusTimesCached(db, f, now),
  ]);
  return {
    ok: true,
    overview: { now, backlog: backlogRows(b), weeks: weekRows(inflow, outflow, now), times, waiting: waitingRows(waiting, now) },
    universities: universityRows,
  };
}

// ---------------------------------------------------------------------------
// Public processing times

export interface PositionTime {
  position: Position;
  /** Null below MIN_PUBLISHED_GROUP finished requests. */
  summary: TimeSummary | null;
}

export interface ProcessingTimes {
  computedAt: Date;
  positions: PositionTime[];
}

/** Per position, whole days from submission to finish of the requests finished in the last 12 months. */
export async function processingTimes(db: DbOrTx, now: Date): Promise<ProcessingTimes> {
  const since = now.getTime() - YEAR_DAYS * DAY;
  const rows = await db.all<{ position: Position; days: number; n: number }>(sql`
    SELECT position, CAST((finished_at - submitted_at + ${DAY - 1}) / ${DAY} AS INTEGER) AS days, count(*) AS n
    FROM academic_requests INDEXED BY insight_finished_idx
    WHERE status = 'finished' AND finished_at >= ${since} AND finished_at <= ${now.getTime()} AND submitted_at IS NOT NULL AND position IS NOT NULL
    GROUP BY position, days`);
  return {
    computedAt: now,
    positions: POSITION_KEYS.map((position) => ({
      position,
      summary: histogramSummary(rows.filter((r) => r.position === position).map((r) => ({ days: Number(r.days), count: Number(r.n) }))),
    })),
  };
}

const publicCache = hourlyCache<ProcessingTimes>();

/** The public figures, recomputed at most once an hour (per process or isolate: each keeps its own copy). */
export function processingTimesCached(db: DbOrTx, now: Date): Promise<ProcessingTimes> {
  return publicCache.get(db, "all", now, () => processingTimes(db, now));
}

/** For the bench: forget the cached figures of one database. */
export function clearInsightCaches(db: DbOrTx): void {
  timesCache.clear(db);
  publicCache.clear(db);
}
