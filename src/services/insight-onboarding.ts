/**
 * @module
 * The e-Service onboarding overview (issue 14) read in a handful of grouped
 * queries, whatever the number of services: the funnel, how long each approved
 * step took (a histogram per step, summarised by the domain's median rule), how
 * often each step is returned (the officers' decisions in the audit log), the next
 * four Tuesday batches and the agencies whose services sit idle. The SQL mirrors
 * the pure rules of domain/onboarding-insight.ts.
 */
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { MIN_PUBLISHED_GROUP, type TimeSummary } from "../domain/insight";
import { daysInCurrentStep, funnelFromOpenSteps, idleBefore, STEP_TIMES_DAYS, NEXT_BATCHES, nextBatches, returnRate, stepOpenedAt, stepTimeLine, summaryOfRanks, type RankedDays, type StepTimes } from "../domain/onboarding-insight";
import { upcomingTuesdays } from "../domain/onboarding/golive";
import { currentStep, STEPS, type Step, type StepState } from "../domain/onboarding/workflow";
import type { UseCaseContext } from "./context";

export interface FunnelStep {
  step: Step;
  /** Services that have opened this step at some point (it is not locked). */
  reached: number;
  /** Services whose open step this is, with the agency (filling in, or sent back) or with an officer. */
  withAgency: number;
  withOfficer: number;
}

export interface StepTime {
  step: Step;
  /** How long approved steps took; null when no service has finished the step (or too few, for the agency). */
  summary: TimeSummary | null;
  returns: number;
  approvals: number;
  /** Share of decisions that returned the step; null before any decision. */
  returnRate: number | null;
}

export interface IdleAgency {
  id: string;
  name: string;
  services: number;
  /** The oldest last change among its idle services. */
  since: Date;
}

export interface OnboardingOverview {
  total: number;
  funnel: FunnelStep[];
  /** All seven steps approved, waiting for their batch. */
  awaitingLaunch: number;
  launched: number;
  stepTimes: StepTime[];
  batches: { date: string; count: number }[];
  idleAgencies: IdleAgency[];
}

const DAY = 86_400_000;

// When each step opened, as domain/onboarding-insight.ts `stepOpenedAt` defines it:
// creation for step 1, the end (review, else submission) of the step before for the rest.
const OPENED_AT = sql.raw(`CASE WHEN s.step_no = 1 THEN e.created_at ELSE coalesce(p.reviewed_at, p.submitted_at) END`);

/**
 * Per step, how many approved steps there are and the sorted days around the
 * median's and the 80th percentile's ranks (window functions; seven rows back).
 * The ranks are computed as `percentileRank` computes them, in the same doubles.
 */
async function rankedStepDays(db: DbOrTx, since: number): Promise<Map<number, RankedDays>> {
  const rows = await db.all<{ step_no: number; n: number; m_lo: number | null; m_hi: number | null; p_lo: number | null; p_hi: number | null }>(sql`
    WITH took AS (
      SELECT s.step_no, (coalesce(s.reviewed_at, s.submitted_at) - ${OPENED_AT}) / 86400000.0 AS days
      FROM eservice_steps s
      JOIN eservices e ON e.id = s.eservice_id
      LEFT JOIN eservice_steps p ON p.eservice_id = s.eservice_id AND p.step_no = s.step_no - 1
      WHERE s.state = 'done' AND s.submitted_at >= ${since}
    ), ranked AS (
      SELECT step_no, days,
        row_number() OVER (PARTITION BY step_no ORDER BY days) - 1 AS i,
        count(*) OVER (PARTITION BY step_no) AS n
      FROM took WHERE days >= 0
    )
    SELECT step_no, n,
      max(CASE WHEN i = CAST(0.5 * (n - 1) AS INTEGER) THEN days END) AS m_lo,
      max(CASE WHEN i = CAST(0.5 * (n - 1) AS INTEGER) + 1 THEN days END) AS m_hi,
      max(CASE WHEN i = CAST(0.8 * (n - 1) AS INTEGER) THEN days END) AS p_lo,
      max(CASE WHEN i = CAST(0.8 * (n - 1) AS INTEGER) + 1 THEN days END) AS p_hi
    FROM ranked GROUP BY step_no, n`);
  const num = (v: number | null) => (v === null ? null : Number(v));
  return new Map(rows.map((r) => [Number(r.step_no), { count: Number(r.n), medianLo: num(r.m_lo), medianHi: num(r.m_hi), p80Lo: num(r.p_lo), p80Hi: num(r.p_hi) }]));
}

function summaries(ranked: Map<number, RankedDays>, minGroup: number): Map<number, TimeSummary | null> {
  return new Map(
    STEPS.map((s) => {
      const r = ranked.get(s.no);
      return [s.no, r ? summaryOfRanks(r, minGroup) : null];
    }),
  );
}

const since = (ctx: Pick<UseCaseContext, "clock">) => ctx.clock.now().getTime() - STEP_TIMES_DAYS * DAY;

/**
 * Per step, the typical time an approved step took over the last `STEP_TIMES_DAYS`
 * (steps submitted since then, through the state index): published only when at
 * least `minGroup` services informed it (the agency sees it only then).
 */
export async function typicalStepTimes(ctx: Pick<UseCaseContext, "db" | "clock">, minGroup = MIN_PUBLISHED_GROUP): Promise<Map<number, TimeSummary | null>> {
  return summaries(await rankedStepDays(ctx.db, since(ctx)), minGroup);
}

/**
 * Step times change only as steps are approved, and one an hour old misleads
 * nobody; they are the overview's costliest read and every agency list page shows
 * them, so they are kept for an hour per database (per isolate on Workers).
 */
const STEP_TIMES_TTL_MS = 3_600_000;
const rankCache = new WeakMap<object, { at: number; value: Map<number, RankedDays> }>();

async function cachedRanks(ctx: Pick<UseCaseContext, "db" | "clock">): Promise<Map<number, RankedDays>> {
  const now = ctx.clock.now().getTime();
  const hit = rankCache.get(ctx.db);
  if (hit && now >= hit.at && now - hit.at < STEP_TIMES_TTL_MS) return hit.value;
  const value = await rankedStepDays(ctx.db, since(ctx));
  rankCache.set(ctx.db, { at: now, value });
  return value;
}

/** `typicalStepTimes` as the pages show it: up to an hour old. */
export async function cachedTypicalStepTimes(ctx: Pick<UseCaseContext, "db" | "clock">, minGroup = MIN_PUBLISHED_GROUP): Promise<Map<number, TimeSummary | null>> {
  return summaries(await cachedRanks(ctx), minGroup);
}

/**
 * The funnel from the open steps alone (read through the state index, one row per
 * service still under way): under the workflow's rule every step before the open
 * one is approved, and a service with no open step has approved all seven.
 */
type OpenStepSql = { step_no: number; with_agency: number; with_officer: number };
type ServiceCountSql = { total: number; launched: number | null };

function funnelQueries(db: DbOrTx) {
  return {
    open: db.all<OpenStepSql>(sql`
      SELECT step_no, sum(state IN ('in_progress', 'returned')) AS with_agency, sum(state = 'in_review') AS with_officer
      FROM eservice_steps WHERE state IN ('in_progress', 'in_review', 'returned')
      GROUP BY step_no`),
    services: db.all<ServiceCountSql>(sql`SELECT count(*) AS total, sum(launched_at IS NOT NULL) AS launched FROM eservices`),
  };
}

function funnel(open: OpenStepSql[], [services]: ServiceCountSql[]) {
  const total = Number(services?.total ?? 0);
  const launched = Number(services?.launched ?? 0);
  const reached = funnelFromOpenSteps(
    open.map((r) => ({ stepNo: Number(r.step_no), count: Number(r.with_agency) + Number(r.with_officer) })),
    total,
  );
  const byNo = new Map(open.map((r) => [Number(r.step_no), r]));
  return {
    total,
    launched,
    awaitingLaunch: Math.max(0, reached.allApproved - launched),
    funnel: STEPS.map((step) => {
      const r = byNo.get(step.no);
      return { step, reached: reached.reached[step.no - 1]!, withAgency: Number(r?.with_agency ?? 0), withOfficer: Number(r?.with_officer ?? 0) };
    }),
  };
}

/** Officers' decisions per step, from the audit events every review writes (services/onboarding/steps.ts). */
function decisionsQuery(db: DbOrTx) {
  return db.all<{ step_no: number; returns: number; approvals: number }>(sql`
    SELECT CAST(json_extract(data, '$.stepNo') AS INTEGER) AS step_no,
      sum(action = 'eservice.step.return') AS returns,
      sum(action = 'eservice.step.approve') AS approvals
    FROM audit_events
    WHERE subject_type = 'eservice' AND action IN ('eservice.step.return', 'eservice.step.approve')
    GROUP BY 1`);
}

function bookedQuery(db: DbOrTx, dates: readonly string[]) {
  return db.all<{ date: string; n: number }>(sql`
    SELECT golive_batch_date AS date, count(*) AS n FROM eservices
    WHERE golive_batch_date IN (${sql.join(dates.map((d) => sql`${d}`), sql`, `)})
    GROUP BY golive_batch_date`);
}

/** Agencies with services not launched and unchanged (service or any step) since `before`, longest idle first. */
function idleQuery(db: DbOrTx, before: number) {
  return db.all<{ id: string; name: string; n: number; since: number }>(sql`
    SELECT a.id, a.name_th AS name, count(*) AS n, min(x.last_change) AS since FROM (
      SELECT e.agency_id, max(e.updated_at, coalesce((SELECT max(s.updated_at) FROM eservice_steps s WHERE s.eservice_id = e.id), 0)) AS last_change
      FROM eservices e WHERE e.launched_at IS NULL AND e.updated_at < ${before}
    ) x JOIN agencies a ON a.id = x.agency_id
    WHERE x.last_change < ${before}
    GROUP BY a.id, a.name_th
    ORDER BY since, a.name_th`);
}

/** Everything on the officers' onboarding overview. Officers see every step's figure, with how many it rests on. */
export async function onboardingOverview(ctx: Pick<UseCaseContext, "db" | "clock">): Promise<OnboardingOverview> {
  const now = ctx.clock.now();
  const { db } = ctx;
  const f = funnelQueries(db);
  // The live figures as ONE batch (one round trip on the Workers host); the step times come
  // from the hourly cache, or are computed beside it.
  const [[open, services, decisionRows, bookedRows, idleRows], times] = await Promise.all([
    db.batch([f.open, f.services, decisionsQuery(db), bookedQuery(db, upcomingTuesdays(now, NEXT_BATCHES)), idleQuery(db, idleBefore(now.getTime()))]),
    cachedTypicalStepTimes(ctx, 1),
  ]);
  const decided = new Map(decisionRows.map((r) => [Number(r.step_no), { returns: Number(r.returns), approvals: Number(r.approvals) }]));
  const booked = new Map(bookedRows.map((r) => [r.date, Number(r.n)]));
  const idle: IdleAgency[] = idleRows.map((r) => ({ id: r.id, name: r.name, services: Number(r.n), since: new Date(Number(r.since)) }));
  return {
    ...funnel(open, services),
    stepTimes: STEPS.map((step) => {
      const d = decided.get(step.no) ?? { returns: 0, approvals: 0 };
      return { step, summary: times.get(step.no) ?? null, ...d, returnRate: returnRate(d.returns, d.approvals) };
    }),
    batches: nextBatches(now, booked),
    idleAgencies: idle,
  };
}

/**
 * The agency's line per listed service, "อยู่ขั้นนี้ 12 วัน · ปกติ 9 วัน": the days
 * from the step rows the list already read, the typical times in one query of at
 * most seven rows (kept for an hour) however many services are listed; the typical
 * time only where at least `MIN_PUBLISHED_GROUP` services informed it.
 */
export async function stepTimeLines(
  ctx: Pick<UseCaseContext, "db" | "clock">,
  services: readonly { id: string; createdAt: Date; states: readonly StepState[]; times: readonly StepTimes[] }[],
): Promise<Map<string, string>> {
  const typical = await cachedTypicalStepTimes(ctx);
  const now = ctx.clock.now().getTime();
  const lines = new Map<string, string>();
  for (const s of services) {
    const step = currentStep(s.states);
    if (!step) continue;
    const line = stepTimeLine(daysInCurrentStep(stepOpenedAt(step.no, s.createdAt.getTime(), s.times), now), typical.get(step.no) ?? null);
    if (line) lines.set(s.id, line);
  }
  return lines;
}
