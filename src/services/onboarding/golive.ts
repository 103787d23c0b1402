/**
 * @module
 * Step 7 and the Tuesday batches. The agency confirms a wanted date once and
 * gets the batch the rule gives (irrevocable for it: the step is then under
 * review); an officer may move the booking to another batch, or return the step,
 * which cancels the booking so the agency chooses a new date. The batch job
 * (cron on Workers, croner on Node) launches each service whose seven steps are
 * approved and whose live booking is due, once.
 */
import { and, asc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "../../db/client";
import { agencies, eservices, eserviceSteps } from "../../db/schema";
import { goLiveBatch } from "../../domain/onboarding/golive";
import { bangkokIsoDate, thaiShortDate } from "../../domain/dates";
import { stepDefinition } from "../../domain/onboarding/steps";
import { applyStepAction, isLiveBooking, isStepState, mayLaunch, STEP_COUNT, type StepState } from "../../domain/onboarding/workflow";
import { launchedMail, stepReviewMail } from "../../messages/mail";
import { recordAudit } from "../audit";
import { actorId, type UseCaseContext } from "../context";
import { claimFormToken } from "../form-once";
import { notifyAgency, openForWrite, type Refused, type ServiceView } from "./service";

const GOLIVE_STEP = 7;

/**
 * Confirms the go-live date: the booking and step 7's submission are one change.
 * A repeat of the same rendered confirmation (`once`) answers with the first booking.
 */
export async function confirmBooking(
  ctx: UseCaseContext,
  serviceId: string,
  input: { requestedDate: string; note: string | null },
  once?: string | null,
): Promise<{ ok: true; batchDate: string } | Refused> {
  const now = ctx.clock.now();
  const batchDate = goLiveBatch(now, input.requestedDate);
  return ctx.db.transaction(async (tx) => {
    const claim = await claimFormToken<{ batchDate: string }>(tx, ctx, "golive.confirm", once);
    if (claim.replay) return { ok: true, ...claim.result } as const;
    const open = await openForWrite(tx, ctx, serviceId, GOLIVE_STEP, "booking");
    if (!open.ok) return open;
    const submitted = applyStepAction(open.svc.states, GOLIVE_STEP, "submit", "agency");
    if (!submitted.ok) return submitted;
    await tx
      .update(eserviceSteps)
      .set({ state: "in_review", answers: { ...input, batchDate }, submittedAt: now, updatedAt: now })
      .where(and(eq(eserviceSteps.eserviceId, serviceId), eq(eserviceSteps.stepNo, GOLIVE_STEP)));
    await tx
      .update(eservices)
      .set({ goliveRequestedDate: input.requestedDate, goliveNote: input.note, goliveBatchDate: batchDate, goliveConfirmedAt: now, updatedAt: now })
      .where(eq(eservices.id, serviceId));
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "eservice.golive_confirmed", subjectType: "eservice", subjectId: serviceId, data: { ...input, batchDate }, ip: ctx.actor.ip });
    const step = stepDefinition(GOLIVE_STEP)!;
    const text = `ยืนยันวันเปิดให้บริการแล้ว: รอบวันอังคารที่ ${thaiShortDate(batchDate)} รอเจ้าหน้าที่ตรวจสอบ`;
    await notifyAgency(tx, now, open.svc, text, stepReviewMail({ service: open.svc.name, step: step.th, text, comments: [], url: new URL(`/eservices/${serviceId}`, ctx.appUrl).toString() }));
    await claim.settle({ batchDate });
    return { ok: true, batchDate } as const;
  });
}

/** Officer: moves a live booking to another batch (the workflow says when; the booking must still be live). */
export async function moveBatch(ctx: UseCaseContext, serviceId: string, batchDate: string): Promise<{ ok: true } | Refused> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const open = await openForWrite(tx, ctx, serviceId, GOLIVE_STEP, "booking");
    if (!open.ok) return open;
    if (!isLiveBooking(open.svc.booking)) return { ok: false, reason: "not_allowed" } as const;
    await tx.update(eservices).set({ goliveBatchDate: batchDate, updatedAt: now }).where(eq(eservices.id, serviceId));
    await notifyAgency(tx, now, open.svc, `เจ้าหน้าที่ย้ายรอบเปิดให้บริการเป็นวันอังคารที่ ${thaiShortDate(batchDate)}`);
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "eservice.golive_moved", subjectType: "eservice", subjectId: serviceId, data: { from: open.svc.booking.batchDate, batchDate }, ip: ctx.actor.ip });
    return { ok: true } as const;
  });
}

/**
 * Inside an officer's return of step 7: the booking is cancelled outright, so
 * the batch job cannot launch it and the agency sees only "choose a new date".
 */
export async function cancelBooking(tx: Tx, ctx: UseCaseContext, svc: ServiceView, comments: Record<string, string> | null): Promise<void> {
  if (!svc.booking.confirmedAt) return;
  const now = ctx.clock.now();
  await tx
    .update(eservices)
    .set({ goliveBatchDate: null, goliveConfirmedAt: null, updatedAt: now })
    .where(eq(eservices.id, svc.id));
  await recordAudit(tx, now, {
    actorId: actorId(ctx),
    action: "eservice.golive_cancelled",
    subjectType: "eservice",
    subjectId: svc.id,
    data: { batchDate: svc.booking.batchDate, reason: comments },
    ip: ctx.actor.ip,
  });
  const when = svc.booking.batchDate ? ` รอบวันอังคารที่ ${thaiShortDate(svc.booking.batchDate)}` : "";
  await notifyAgency(tx, now, svc, `ยกเลิกการจองรอบเปิดให้บริการ${when} แล้ว กรุณาเลือกวันเปิดให้บริการใหม่`);
}

/**
 * Launches the services whose batch date is today or earlier (Bangkok), whose
 * seven steps are approved and whose booking is live, up to `limit` of them (each
 * costs a transaction's round trips; the scheduler keeps a run under the Workers
 * subrequest budget and a later run takes the rest): one transaction each,
 * re-checked inside it, so running twice (or on two hosts) launches each once.
 */
export async function launchDueServices(db: Db, now: Date, appUrl: URL, limit = Number.MAX_SAFE_INTEGER): Promise<string[]> {
  const today = bangkokIsoDate(now);
  // Only services whose steps are all approved are picked, so that a booked but unapproved one never
  // takes a place in the limit run after run; the workflow's rule decides again inside the transaction.
  const approvedSteps = sql<number>`(SELECT count(*) FROM ${eserviceSteps} WHERE ${eserviceSteps.eserviceId} = ${eservices.id} AND ${eserviceSteps.state} = 'done')`;
  const due = await db
    .select({ id: eservices.id })
    .from(eservices)
    .where(and(isNotNull(eservices.goliveConfirmedAt), isNull(eservices.launchedAt), lte(eservices.goliveBatchDate, today), sql`${approvedSteps} = ${STEP_COUNT}`))
    .orderBy(asc(eservices.goliveBatchDate))
    .limit(limit);
  const launched: string[] = [];
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      const [svc] = await tx
        .select({ id: eservices.id, name: eservices.name, agencyId: eservices.agencyId, batchDate: eservices.goliveBatchDate, confirmedAt: eservices.goliveConfirmedAt, launchedAt: eservices.launchedAt })
        .from(eservices)
        .where(eq(eservices.id, id));
      if (!svc) return false;
      const states = await stepStates(tx, id);
      if (!mayLaunch(states, svc, today)) return false;
      await tx.update(eservices).set({ launchedAt: now, updatedAt: now }).where(eq(eservices.id, id));
      await recordAudit(tx, now, { actorId: null, action: "eservice.launched", subjectType: "eservice", subjectId: id, data: { batchDate: svc.batchDate }, ip: null });
      await notifyAgency(
        tx,
        now,
        svc,
        `เปิดให้บริการแล้ว (รอบวันอังคารที่ ${thaiShortDate(svc.batchDate!)})`,
        launchedMail({ service: svc.name, batchDate: svc.batchDate!, url: new URL(`/eservices/${id}`, appUrl).toString() }),
      );
      return true;
    });
    if (done) launched.push(id);
  }
  return launched;
}

async function stepStates(tx: DbOrTx, serviceId: string): Promise<StepState[]> {
  const rows = await tx.select({ stepNo: eserviceSteps.stepNo, state: eserviceSteps.state }).from(eserviceSteps).where(eq(eserviceSteps.eserviceId, serviceId));
  const states = Array<StepState>(STEP_COUNT).fill("locked");
  for (const r of rows) states[r.stepNo - 1] = isStepState(r.state) ? r.state : "locked";
  return states;
}

export interface BatchRow {
  id: string;
  name: string;
  agencyName: string;
  batchDate: string;
  launchedAt: Date | null;
}

/** Booked services by batch date (optionally one agency's), for the batch calendar; cancelled ones hold no batch. */
export async function scheduledServices(db: DbOrTx, agencyId?: string): Promise<BatchRow[]> {
  return db
    .select({ id: eservices.id, name: eservices.name, agencyName: agencies.nameTh, batchDate: sql<string>`${eservices.goliveBatchDate}`, launchedAt: eservices.launchedAt })
    .from(eservices)
    .innerJoin(agencies, eq(agencies.id, eservices.agencyId))
    .where(and(isNotNull(eservices.goliveBatchDate), agencyId ? eq(eservices.agencyId, agencyId) : undefined))
    .orderBy(asc(eservices.goliveBatchDate), asc(eservices.name));
}

export async function launchedServices(db: DbOrTx, agencyId: string) {
  return db
    .select({ id: eservices.id, name: eservices.name, launchedAt: eservices.launchedAt, batchDate: eservices.goliveBatchDate })
    .from(eservices)
    .where(and(eq(eservices.agencyId, agencyId), isNotNull(eservices.launchedAt)))
    .orderBy(asc(eservices.name));
}
