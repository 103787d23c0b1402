/**
 * @module
 * Step 7 and the Tuesday batches: the agency confirms a wanted date once and gets
 * the batch the rule gives; the batch job (cron on Workers, croner on Node)
 * launches every confirmed service whose batch date has come, once each.
 */
import { and, asc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { agencies, eservices, eserviceSteps, notifications, users } from "../db/schema";
import { goLiveBatch } from "../domain/golive";
import { bangkokIsoDate } from "../domain/onboarding-forms";
import { launchedMail } from "../views/mail-templates";
import { recordAudit } from "./audit";
import { newId } from "./crypto";
import { enqueueMail } from "./mail";
import { transitionStep, type ServiceView } from "./onboarding";
import type { SessionUser } from "./session";

/** Confirms the go-live date: step 7 is submitted (locked for the agency) with its batch. */
export async function confirmGoLive(
  db: Db,
  ctx: { now: Date; appUrl: URL },
  actor: { user: SessionUser; ip: string },
  svc: ServiceView,
  input: { requestedDate: string; note: string | null },
): Promise<{ ok: true; batchDate: string } | { ok: false; reason: string }> {
  const batchDate = goLiveBatch(ctx.now, input.requestedDate);
  const result = await transitionStep(db, ctx, actor, svc.id, 7, { action: "submit", answers: { ...input, batchDate } });
  if (!result.ok) return { ok: false, reason: result.reason };
  await db.transaction(async (tx) => {
    await tx
      .update(eservices)
      .set({ goliveRequestedDate: input.requestedDate, goliveNote: input.note, goliveBatchDate: batchDate, goliveConfirmedAt: ctx.now })
      .where(eq(eservices.id, svc.id));
    await recordAudit(tx, ctx.now, { actorId: actor.user.id, action: "eservice.golive_confirmed", subjectType: "eservice", subjectId: svc.id, data: { ...input, batchDate }, ip: actor.ip });
  });
  return { ok: true, batchDate };
}

/** Officer: moves a confirmed, not yet launched service to another batch. */
export async function moveBatch(db: Db, now: Date, actor: { id: string; ip: string }, serviceId: string, batchDate: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(eservices)
      .set({ goliveBatchDate: batchDate, updatedAt: now })
      .where(and(eq(eservices.id, serviceId), isNotNull(eservices.goliveConfirmedAt), isNull(eservices.launchedAt)))
      .returning({ agencyId: eservices.agencyId, name: eservices.name });
    if (!rows[0]) return false;
    await tx.insert(notifications).values({ id: newId(), agencyId: rows[0].agencyId, eserviceId: serviceId, text: `${rows[0].name}: เจ้าหน้าที่ย้ายรอบเปิดให้บริการเป็นวันที่ ${batchDate}`, createdAt: now });
    await recordAudit(tx, now, { actorId: actor.id, action: "eservice.golive_moved", subjectType: "eservice", subjectId: serviceId, data: { batchDate }, ip: actor.ip });
    return true;
  });
}

/**
 * Launches every confirmed service whose batch date is today or earlier (Bangkok)
 * and that is not launched yet: one transaction each, conditional on still being
 * unlaunched, so running twice (or on two hosts) launches each once.
 */
export async function launchDueServices(db: Db, now: Date, appUrl: URL): Promise<string[]> {
  const today = bangkokIsoDate(now);
  const due = await db
    .select({ id: eservices.id, name: eservices.name, agencyId: eservices.agencyId, batchDate: eservices.goliveBatchDate })
    .from(eservices)
    .where(and(isNotNull(eservices.goliveConfirmedAt), isNull(eservices.launchedAt), lte(eservices.goliveBatchDate, today)))
    .orderBy(asc(eservices.goliveBatchDate));
  const launched: string[] = [];
  for (const svc of due) {
    const done = await db.transaction(async (tx) => {
      const rows = await tx
        .update(eservices)
        .set({ launchedAt: now, updatedAt: now })
        .where(and(eq(eservices.id, svc.id), isNull(eservices.launchedAt)))
        .returning({ id: eservices.id });
      if (!rows[0]) return false;
      await tx.update(eserviceSteps).set({ state: "done", reviewedAt: now, updatedAt: now }).where(and(eq(eserviceSteps.eserviceId, svc.id), eq(eserviceSteps.stepNo, 7)));
      await tx.insert(notifications).values({ id: newId(), agencyId: svc.agencyId, eserviceId: svc.id, text: `${svc.name}: เปิดให้บริการแล้ว (รอบวันที่ ${svc.batchDate})`, createdAt: now });
      await recordAudit(tx, now, { actorId: null, action: "eservice.launched", subjectType: "eservice", subjectId: svc.id, data: { batchDate: svc.batchDate }, ip: null });
      const recipients = await tx.select({ email: users.email }).from(users).where(and(eq(users.orgId, svc.agencyId), eq(users.role, "agency")));
      const mail = launchedMail({ service: svc.name, batchDate: svc.batchDate!, url: new URL(`/eservices/${svc.id}`, appUrl).toString() });
      for (const r of recipients) if (r.email) await enqueueMail(tx, now, { to: r.email, ...mail });
      return true;
    });
    if (done) launched.push(svc.id);
  }
  return launched;
}

export interface BatchRow {
  id: string;
  name: string;
  agencyName: string;
  batchDate: string;
  launchedAt: Date | null;
}

/** Confirmed services by batch date (optionally one agency's), for the batch calendar. */
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

export async function goliveOf(db: DbOrTx, serviceId: string) {
  const [row] = await db
    .select({ requestedDate: eservices.goliveRequestedDate, note: eservices.goliveNote, batchDate: eservices.goliveBatchDate, confirmedAt: eservices.goliveConfirmedAt, launchedAt: eservices.launchedAt })
    .from(eservices)
    .where(eq(eservices.id, serviceId));
  return row ?? null;
}
