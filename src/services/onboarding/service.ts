/**
 * @module
 * An e-service with its seven steps, as its agency's users and officers see it,
 * and the one guard every onboarding write goes through: inside the write's
 * transaction, read the step's state and ask the declaration
 * (`domain/onboarding/workflow.ts`) whether this actor may change this thing now.
 */
import type { StepTimes } from "../../domain/onboarding-insight";
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "../../db/client";
import { agencies, eserviceFiles, eservices, eserviceSteps, notifications, testers, testResults, users } from "../../db/schema";
import type { StepFacts } from "../../domain/onboarding/steps";
import {
  isStepState,
  mayWrite,
  STEP_COUNT,
  type Booking,
  type StepActor,
  type StepState,
  type SubResource,
  type WriteRefusal,
} from "../../domain/onboarding/workflow";
import type { UseCaseContext } from "../context";
import { newId } from "../crypto";
import { enqueueMail } from "../mail";
import type { SessionUser } from "../session";
import { noReads, sendAll, type PageReads } from "./page-reads";

export interface StepRow {
  stepNo: number;
  state: StepState;
  answers: Record<string, unknown> | null;
  comments: Record<string, string> | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
}

export interface ServiceView {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
  launchedAt: Date | null;
  booking: Booking & { requestedDate: string | null; note: string | null };
  steps: StepRow[];
  states: StepState[];
}

/** Why a use case refused; routes map each to a status and a Thai message. */
export type Refusal = "not_found" | WriteRefusal | "not_allowed" | "conflict" | "not_ready";
export type Refused = { ok: false; reason: Refusal };

/** Whether `user` may see services of `agencyId` at all. */
export function canSeeAgency(user: SessionUser, agencyId: string): boolean {
  return user.role === "officer" || user.role === "admin" || (user.role === "agency" && user.orgId === agencyId);
}

/** Which side of the workflow a user is on; null for roles with no part in it. */
export function stepActorOf(user: SessionUser | null): StepActor | null {
  if (user?.role === "agency") return "agency";
  if (user?.role === "officer" || user?.role === "admin") return "officer";
  return null;
}

/** The service with its steps, or null when it does not exist or is another agency's (same answer). */
export async function loadService(db: DbOrTx, user: SessionUser, id: string): Promise<ServiceView | null> {
  return (await loadServiceWith(db, user, id, noReads(undefined)))?.svc ?? null;
}

/**
 * The service with its steps and the page's own `reads` of it, as ONE batch outside a
 * transaction (one round trip on the Workers host). `reads` are keyed by the id asked
 * for, not yet known to be the user's: when the service is missing or another
 * agency's, their rows are dropped unseen and the answer is null, as for a missing one.
 */
export async function loadServiceWith<R>(db: DbOrTx, user: SessionUser, id: string, reads: PageReads<R, ServiceView>): Promise<{ svc: ServiceView; data: R } | null> {
  const serviceQuery = db
    .select({
      id: eservices.id,
      name: eservices.name,
      agencyId: eservices.agencyId,
      agencyName: agencies.nameTh,
      launchedAt: eservices.launchedAt,
      requestedDate: eservices.goliveRequestedDate,
      note: eservices.goliveNote,
      batchDate: eservices.goliveBatchDate,
      confirmedAt: eservices.goliveConfirmedAt,
    })
    .from(eservices)
    .innerJoin(agencies, eq(agencies.id, eservices.agencyId))
    .where(eq(eservices.id, id))
    .limit(1);
  const stepsQuery = db.select().from(eserviceSteps).where(eq(eserviceSteps.eserviceId, id)).orderBy(asc(eserviceSteps.stepNo));
  const results = await sendAll(db, [serviceQuery, stepsQuery, ...reads.queries]);
  const [svc] = results[0] as Awaited<typeof serviceQuery>;
  const rows = results[1] as Awaited<typeof stepsQuery>;
  if (!svc || !canSeeAgency(user, svc.agencyId)) return null;
  const steps = rows.map((r) => ({
    stepNo: r.stepNo,
    state: isStepState(r.state) ? r.state : "locked",
    answers: r.answers ?? null,
    comments: r.comments ?? null,
    submittedAt: r.submittedAt,
    reviewedAt: r.reviewedAt,
  }));
  const { requestedDate, note, batchDate, confirmedAt, ...rest } = svc;
  const view: ServiceView = {
    ...rest,
    booking: { requestedDate, note, batchDate, confirmedAt, launchedAt: svc.launchedAt },
    steps,
    states: steps.map((s) => s.state),
  };
  return { svc: view, data: await reads.finish(results.slice(2), view) };
}

/**
 * Inside a write's transaction: the service, if the acting user may write
 * `resource` of step `stepNo` in its current state. Every onboarding write
 * starts here, so a rule declared in the workflow cannot be skipped by a route.
 */
export async function openForWrite(
  tx: Tx,
  ctx: UseCaseContext,
  serviceId: string,
  stepNo: number,
  resource: SubResource,
): Promise<{ ok: true; svc: ServiceView; actor: StepActor } | Refused> {
  const user = ctx.actor.user;
  const actor = stepActorOf(user);
  const svc = user && actor ? await loadService(tx, user, serviceId) : null;
  if (!svc || !actor) return { ok: false, reason: "not_found" };
  const allowed = mayWrite(svc.states, stepNo, resource, actor);
  return allowed.ok ? { ok: true, svc, actor } : allowed;
}

/**
 * What an onboarding write decides on, unsent, for the read batch of a save made as
 * a guarded write (db/guarded-write.ts): the service's agency and its step states.
 */
export function writeStateReads(db: Db, serviceId: string) {
  return [
    db.select({ id: eservices.id, name: eservices.name, agencyId: eservices.agencyId }).from(eservices).where(eq(eservices.id, serviceId)).limit(1),
    db.select({ stepNo: eserviceSteps.stepNo, state: eserviceSteps.state }).from(eserviceSteps).where(eq(eserviceSteps.eserviceId, serviceId)),
  ] as const;
}

/**
 * `openForWrite`'s decision on rows `writeStateReads` read: whether the acting user may
 * write `resource` of step `stepNo` now, with the step's state the write must guard on.
 */
export function decideWrite(
  ctx: UseCaseContext,
  svc: { id: string; name: string; agencyId: string } | undefined,
  stepRows: { stepNo: number; state: string }[],
  stepNo: number,
  resource: SubResource,
): { ok: true; svc: { id: string; name: string; agencyId: string }; states: StepState[]; state: StepState; actor: StepActor } | Refused {
  const user = ctx.actor.user;
  const actor = stepActorOf(user);
  if (!svc || !user || !actor || !canSeeAgency(user, svc.agencyId)) return { ok: false, reason: "not_found" };
  const states = Array<StepState>(STEP_COUNT).fill("locked");
  for (const r of stepRows) if (r.stepNo >= 1 && r.stepNo <= STEP_COUNT && isStepState(r.state)) states[r.stepNo - 1] = r.state;
  const allowed = mayWrite(states, stepNo, resource, actor);
  return allowed.ok ? { ok: true, svc, states, state: states[stepNo - 1]!, actor } : allowed;
}

/** A guarded write's condition (db/guarded-write.ts): step `stepNo` is still in the state the decision read. */
export function stepStillIn(serviceId: string, stepNo: number, state: StepState): SQL {
  return sql`exists (select 1 from ${eserviceSteps} where ${eserviceSteps.eserviceId} = ${serviceId} and ${eserviceSteps.stepNo} = ${stepNo} and ${eserviceSteps.state} = ${state})`;
}

/**
 * `stepFacts`'s reads as one statement, unsent, for a guarded save's read batch; the
 * step's answers come as their stored JSON text, which the save's guard compares.
 */
export function stepFactsRead(db: Db, serviceId: string, stepNo: number) {
  const count = (table: typeof testers | typeof testResults | typeof eserviceFiles, where: SQL | undefined) => sql`(select count(*) from ${table} where ${where})`;
  return db.all<{ answers: string | null; testers: number; pending: number; icons: number; screenshots: number; letters: number }>(sql`select
    (select ${eserviceSteps.answers} from ${eserviceSteps} where ${eserviceSteps.eserviceId} = ${serviceId} and ${eserviceSteps.stepNo} = ${stepNo}) as answers,
    ${count(testers, and(eq(testers.eserviceId, serviceId), eq(testers.stepNo, stepNo)))} as testers,
    ${count(testResults, and(eq(testResults.eserviceId, serviceId), eq(testResults.stepNo, stepNo), eq(testResults.status, "pending")))} as pending,
    ${count(eserviceFiles, and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.kind, "icon"), eq(eserviceFiles.stepNo, stepNo)))} as icons,
    ${count(eserviceFiles, and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.kind, "screenshot")))} as screenshots,
    ${count(eserviceFiles, and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.kind, "auth_letter")))} as letters`);
}

/** The facts `stepFactsRead` read, as `stepFacts` gives them. */
export function factsFrom(row: { answers: string | null; testers: number; pending: number; icons: number; screenshots: number; letters: number } | undefined, now: Date): StepFacts {
  return {
    answers: row?.answers ? (JSON.parse(row.answers) as Record<string, unknown>) : {},
    testers: Number(row?.testers ?? 0),
    pendingAttempts: Number(row?.pending ?? 0),
    hasIcon: Number(row?.icons ?? 0) > 0,
    screenshots: Number(row?.screenshots ?? 0),
    hasAuthLetter: Number(row?.letters ?? 0) > 0,
    now,
  };
}

/** What the readiness check of step `stepNo` needs, read in the caller's transaction. */
export async function stepFacts(tx: DbOrTx, svc: ServiceView, stepNo: number, now: Date): Promise<StepFacts> {
  const count = async (table: typeof testers | typeof testResults | typeof eserviceFiles, where: ReturnType<typeof and>) =>
    (await tx.select({ n: sql<number>`count(*)` }).from(table).where(where))[0]?.n ?? 0;
  // One after another: they share the caller's transaction, which runs one statement at a time.
  const testerCount = await count(testers, and(eq(testers.eserviceId, svc.id), eq(testers.stepNo, stepNo)));
  const pendingAttempts = await count(testResults, and(eq(testResults.eserviceId, svc.id), eq(testResults.stepNo, stepNo), eq(testResults.status, "pending")));
  const icons = await count(eserviceFiles, and(eq(eserviceFiles.eserviceId, svc.id), eq(eserviceFiles.kind, "icon"), eq(eserviceFiles.stepNo, stepNo)));
  const screenshots = await count(eserviceFiles, and(eq(eserviceFiles.eserviceId, svc.id), eq(eserviceFiles.kind, "screenshot")));
  const letters = await count(eserviceFiles, and(eq(eserviceFiles.eserviceId, svc.id), eq(eserviceFiles.kind, "auth_letter")));
  return {
    answers: svc.steps[stepNo - 1]?.answers ?? {},
    testers: testerCount,
    pendingAttempts,
    hasIcon: icons > 0,
    screenshots,
    hasAuthLetter: letters > 0,
    now,
  };
}

/** Tells the agency: a line in its notifications and, when given, an e-mail to each active user. */
export async function notifyAgency(
  tx: DbOrTx,
  now: Date,
  svc: { id: string; name: string; agencyId: string },
  text: string,
  mail?: { subject: string; text: string },
): Promise<void> {
  await tx.insert(notifications).values({ id: newId(), agencyId: svc.agencyId, eserviceId: svc.id, text: `${svc.name}: ${text}`, createdAt: now });
  if (!mail) return;
  const recipients = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.orgId, svc.agencyId), eq(users.role, "agency"), isNull(users.disabledAt)));
  for (const r of recipients) if (r.email) await enqueueMail(tx, now, { to: r.email, ...mail });
}

export interface ServiceListRow {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
  launchedAt: Date | null;
  createdAt: Date;
  states: StepState[];
  /** Each step's submission and review times, for how long the current step has been open. */
  times: StepTimes[];
}

/** The services `user` may list, narrowed by `filters`; null when the role lists none. */
function listConditions(user: SessionUser, filters: { q?: string; agencyId?: string }): SQL[] | null {
  const conditions: SQL[] = [];
  if (user.role === "agency") {
    if (!user.orgId) return null;
    conditions.push(eq(eservices.agencyId, user.orgId));
  } else if (user.role !== "officer" && user.role !== "admin") return null;
  if (filters.agencyId) conditions.push(eq(eservices.agencyId, filters.agencyId));
  if (filters.q) conditions.push(sql`${eservices.name} LIKE ${`%${filters.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`} ESCAPE '\\'`);
  return conditions;
}

const stepTimeColumns = { eserviceId: eserviceSteps.eserviceId, stepNo: eserviceSteps.stepNo, state: eserviceSteps.state, submittedAt: eserviceSteps.submittedAt, reviewedAt: eserviceSteps.reviewedAt };
type StepTimeRow = { eserviceId: string; stepNo: number; state: string; submittedAt: Date | null; reviewedAt: Date | null };

/** Each service with its seven step states, from step rows already read. */
function statesOf<T extends { id: string }>(services: T[], steps: StepTimeRow[]): (T & { states: StepState[]; times: StepTimes[] })[] {
  const states = new Map<string, StepState[]>();
  const times = new Map<string, StepTimes[]>();
  for (const s of steps) {
    const list = states.get(s.eserviceId) ?? Array<StepState>(STEP_COUNT).fill("locked");
    list[s.stepNo - 1] = isStepState(s.state) ? s.state : "locked";
    states.set(s.eserviceId, list);
    times.set(s.eserviceId, [...(times.get(s.eserviceId) ?? []), { stepNo: s.stepNo, state: s.state, submittedAt: s.submittedAt?.getTime() ?? null, reviewedAt: s.reviewedAt?.getTime() ?? null }]);
  }
  return services.map((s) => ({ ...s, states: states.get(s.id) ?? Array<StepState>(STEP_COUNT).fill("locked"), times: times.get(s.id) ?? [] }));
}

const listColumns = { id: eservices.id, name: eservices.name, agencyId: eservices.agencyId, agencyName: agencies.nameTh, launchedAt: eservices.launchedAt, createdAt: eservices.createdAt };
type ListRow = Omit<ServiceListRow, "states" | "times">;

// The current step in SQL, as `currentStep` in domain/onboarding/workflow.ts defines it: the
// first step not approved (every service has all seven step rows from its creation).
// test/node/eservice-paging.test.ts holds the two definitions together.
const currentStepNo = sql`(SELECT min(cs.step_no) FROM eservice_steps cs WHERE cs.eservice_id = ${eservices.id} AND cs.state <> 'done')`;
const currentStepState = sql`(SELECT cs.state FROM eservice_steps cs WHERE cs.eservice_id = ${eservices.id} AND cs.state <> 'done' ORDER BY cs.step_no LIMIT 1)`;

/**
 * One page of the service list, filtered by name and by the current step and its
 * state in SQL, so the rows read stay within the page however many services there are.
 */
export async function pageServices(
  db: DbOrTx,
  user: SessionUser,
  filters: { q?: string; agencyId?: string; step?: number; state?: string },
  paging: { page: number; pageSize: number },
): Promise<{ rows: ServiceListRow[]; total: number }> {
  const conditions = listConditions(user, filters);
  if (!conditions) return { rows: [], total: 0 };
  if (filters.step) conditions.push(sql`${currentStepNo} = ${filters.step}`);
  if (filters.state) conditions.push(sql`${currentStepState} = ${filters.state}`);
  const where = conditions.length ? and(...conditions) : undefined;
  const offset = (paging.page - 1) * paging.pageSize;
  const order = [asc(eservices.name), asc(eservices.id)];
  // Every service has its agency, so the page without the join holds the same ids.
  const pageIds = db.select({ id: eservices.id }).from(eservices).where(where).orderBy(...order).limit(paging.pageSize).offset(offset);
  // The page, its total and its services' step rows (chosen by the same page, as a subquery) as ONE batch.
  const [services, [count], steps] = (await sendAll(db, [
    db.select(listColumns).from(eservices).innerJoin(agencies, eq(agencies.id, eservices.agencyId)).where(where).orderBy(...order).limit(paging.pageSize).offset(offset),
    db.select({ n: sql<number>`count(*)` }).from(eservices).where(where),
    db.select(stepTimeColumns).from(eserviceSteps).where(inArray(eserviceSteps.eserviceId, pageIds)),
  ])) as [ListRow[], { n: number }[], StepTimeRow[]];
  return { rows: statesOf(services, steps), total: count?.n ?? 0 };
}

/**
 * An agency's services grouped by their seven step states and whether they were
 * launched, with how many share each: the dashboard counts them with the
 * workflow's own predicates, reading a handful of rows instead of every service.
 */
export async function serviceShapes(db: DbOrTx, agencyId: string): Promise<ServiceShape[]> {
  return shapesFrom(await serviceShapesQuery(db, agencyId));
}

export interface ServiceShape {
  states: StepState[];
  launched: boolean;
  count: number;
}

/** `serviceShapes`'s read, unsent, for a page that batches it. */
export function serviceShapesQuery(db: DbOrTx, agencyId: string) {
  return db.all<{ sig: string | null; launched: number; n: number }>(sql`
    SELECT sig, launched, count(*) AS n FROM (
      SELECT (SELECT group_concat(s.state, ',' ORDER BY s.step_no) FROM eservice_steps s WHERE s.eservice_id = e.id) AS sig,
             e.launched_at IS NOT NULL AS launched
      FROM eservices e WHERE e.agency_id = ${agencyId}
    ) GROUP BY sig, launched`);
}

export function shapesFrom(rows: { sig: string | null; launched: number; n: number }[]): ServiceShape[] {
  return rows.map((r) => {
    const states = Array<StepState>(STEP_COUNT).fill("locked");
    (r.sig ?? "").split(",").forEach((state, i) => {
      if (i < STEP_COUNT && isStepState(state)) states[i] = state;
    });
    return { states, launched: Boolean(r.launched), count: Number(r.n) };
  });
}

/**
 * The agency dashboard's reads as ONE batch (one round trip on the Workers host):
 * its shapes, the chooser's services, the latest notifications, and the chosen
 * service (the wanted one if it is the agency's, else the first by name) with its
 * steps — the choice made in SQL, so nothing waits for the chooser's list.
 */
export async function agencyDashboard(db: Db, agencyId: string, wanted: string | undefined) {
  const pick = sql`coalesce(
    (SELECT w.id FROM eservices w WHERE w.id = ${wanted ?? null} AND w.agency_id = ${agencyId}),
    (SELECT f.id FROM eservices f WHERE f.agency_id = ${agencyId} ORDER BY f.name, f.id LIMIT 1))`;
  const [shapes, services, notes, chosen, steps] = await db.batch([
    serviceShapesQuery(db, agencyId),
    db.select({ id: eservices.id, name: eservices.name }).from(eservices).where(eq(eservices.agencyId, agencyId)).orderBy(asc(eservices.name), asc(eservices.id)),
    latestNotifications(db, agencyId),
    db.select(listColumns).from(eservices).innerJoin(agencies, eq(agencies.id, eservices.agencyId)).where(eq(eservices.id, pick)),
    db.select(stepTimeColumns).from(eserviceSteps).where(eq(eserviceSteps.eserviceId, pick)),
  ]);
  const [selected] = statesOf(chosen, steps);
  return { shapes: shapesFrom(shapes), services, notifications: notes, selected: selected ?? null };
}

export interface ReviewQueueRow {
  serviceId: string;
  serviceName: string;
  agencyName: string;
  stepNo: number;
  submittedAt: Date | null;
}

/** Submitted steps across agencies, oldest first. */
export async function reviewQueue(db: DbOrTx): Promise<ReviewQueueRow[]> {
  return db
    .select({
      serviceId: eservices.id,
      serviceName: eservices.name,
      agencyName: agencies.nameTh,
      stepNo: eserviceSteps.stepNo,
      submittedAt: eserviceSteps.submittedAt,
    })
    .from(eserviceSteps)
    .innerJoin(eservices, eq(eservices.id, eserviceSteps.eserviceId))
    .innerJoin(agencies, eq(agencies.id, eservices.agencyId))
    .where(eq(eserviceSteps.state, "in_review"))
    .orderBy(asc(eserviceSteps.submittedAt));
}

export function latestNotifications(db: DbOrTx, agencyId: string, limit = 10) {
  return db.select().from(notifications).where(eq(notifications.agencyId, agencyId)).orderBy(desc(notifications.createdAt)).limit(limit);
}

export async function markNotificationRead(db: DbOrTx, agencyId: string, id: string, now: Date): Promise<void> {
  await db.update(notifications).set({ readAt: now }).where(and(eq(notifications.id, id), eq(notifications.agencyId, agencyId)));
}
