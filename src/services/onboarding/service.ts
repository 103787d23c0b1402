/**
 * @module
 * The e-Service workflow engine applied to the database: load a service with its
 * seven steps (only for its agency's users and officers), save drafts, submit,
 * approve or return with per-field comments. Every transition is one
 * transaction with an audit event, an in-app notification and e-mail to the
 * agency's users.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { agencies, eservices, eserviceSteps, notifications, users } from "../db/schema";
import { applyStepAction, isStepState, stepByNo, type StepAction, type StepState } from "../domain/onboarding";
import { stepReviewMail } from "../views/mail-templates";
import { recordAudit } from "./audit";
import { newId } from "./crypto";
import { enqueueMail } from "./mail";
import { markAttemptsReviewed } from "./test-results";
import type { SessionUser } from "./session";

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
  steps: StepRow[];
  states: StepState[];
}

/** Whether `user` may see services of `agencyId` at all. */
export function canSeeAgency(user: SessionUser, agencyId: string): boolean {
  return user.role === "officer" || user.role === "admin" || (user.role === "agency" && user.orgId === agencyId);
}

/** The service with its steps, or null when it does not exist or is another agency's (same answer). */
export async function loadService(db: DbOrTx, user: SessionUser, id: string): Promise<ServiceView | null> {
  const [svc] = await db
    .select({ id: eservices.id, name: eservices.name, agencyId: eservices.agencyId, agencyName: agencies.nameTh, launchedAt: eservices.launchedAt })
    .from(eservices)
    .innerJoin(agencies, eq(agencies.id, eservices.agencyId))
    .where(eq(eservices.id, id))
    .limit(1);
  if (!svc || !canSeeAgency(user, svc.agencyId)) return null;
  const rows = await db.select().from(eserviceSteps).where(eq(eserviceSteps.eserviceId, id)).orderBy(asc(eserviceSteps.stepNo));
  const steps = rows.map((r) => ({
    stepNo: r.stepNo,
    state: isStepState(r.state) ? r.state : "locked",
    answers: r.answers ?? null,
    comments: r.comments ?? null,
    submittedAt: r.submittedAt,
    reviewedAt: r.reviewedAt,
  }));
  return { ...svc, steps, states: steps.map((s) => s.state) };
}

export interface ServiceListRow {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
  states: StepState[];
}

/** Services with their step states: an agency user's own, or (officers) all; one query for the steps. */
export async function listServices(
  db: DbOrTx,
  user: SessionUser,
  filters: { q?: string; agencyId?: string } = {},
): Promise<ServiceListRow[]> {
  const conditions = [];
  if (user.role === "agency") {
    if (!user.orgId) return [];
    conditions.push(eq(eservices.agencyId, user.orgId));
  } else if (user.role !== "officer" && user.role !== "admin") return [];
  if (filters.agencyId) conditions.push(eq(eservices.agencyId, filters.agencyId));
  if (filters.q) conditions.push(sql`${eservices.name} LIKE ${`%${filters.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`} ESCAPE '\\'`);
  const services = await db
    .select({ id: eservices.id, name: eservices.name, agencyId: eservices.agencyId, agencyName: agencies.nameTh })
    .from(eservices)
    .innerJoin(agencies, eq(agencies.id, eservices.agencyId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(eservices.name));
  if (services.length === 0) return [];
  const steps = await db
    .select({ eserviceId: eserviceSteps.eserviceId, stepNo: eserviceSteps.stepNo, state: eserviceSteps.state })
    .from(eserviceSteps)
    .where(inArray(eserviceSteps.eserviceId, services.map((s) => s.id)));
  const states = new Map<string, StepState[]>();
  for (const s of steps) {
    const list = states.get(s.eserviceId) ?? Array<StepState>(7).fill("locked");
    list[s.stepNo - 1] = isStepState(s.state) ? s.state : "locked";
    states.set(s.eserviceId, list);
  }
  return services.map((s) => ({ ...s, states: states.get(s.id) ?? Array<StepState>(7).fill("locked") }));
}

export type StepOutcome = { ok: true; states: StepState[] } | { ok: false; reason: "not_found" | "locked" | "not_allowed" | "wrong_actor" | "conflict" };

interface TransitionInput {
  action: StepAction;
  answers?: Record<string, unknown>;
  comments?: Record<string, string>;
}

/**
 * Applies one workflow action. The current state is part of the UPDATE's
 * WHERE, so two people acting at once cannot both win.
 */
export async function transitionStep(
  db: Db,
  ctx: { now: Date; appUrl: URL },
  actor: { user: SessionUser; ip: string },
  serviceId: string,
  stepNo: number,
  input: TransitionInput,
): Promise<StepOutcome> {
  const step = stepByNo(stepNo);
  if (!step) return { ok: false, reason: "not_found" };
  const svc = await loadService(db, actor.user, serviceId);
  if (!svc) return { ok: false, reason: "not_found" };
  const who = actor.user.role === "agency" ? "agency" : "officer";
  const result = applyStepAction(svc.states, stepNo, input.action, who);
  if (!result.ok) return result;
  const before = svc.states[stepNo - 1]!;
  const after = result.states[stepNo - 1]!;

  return db.transaction(async (tx) => {
    const set: Partial<typeof eserviceSteps.$inferInsert> = { state: after, updatedAt: ctx.now };
    if (input.action === "save_draft" || input.action === "submit") set.answers = input.answers ?? {};
    if (input.action === "submit") set.submittedAt = ctx.now;
    if (input.action === "approve" || input.action === "return") {
      set.reviewedAt = ctx.now;
      set.reviewedBy = actor.user.id;
      set.comments = input.action === "return" ? (input.comments ?? {}) : null;
    }
    const updated = await tx
      .update(eserviceSteps)
      .set(set)
      .where(and(eq(eserviceSteps.eserviceId, serviceId), eq(eserviceSteps.stepNo, stepNo), eq(eserviceSteps.state, before)))
      .returning({ stepNo: eserviceSteps.stepNo });
    if (!updated[0]) return { ok: false, reason: "conflict" } as const;
    if ((input.action === "approve" || input.action === "return") && (stepNo === 3 || stepNo === 6)) {
      await markAttemptsReviewed(tx, serviceId, stepNo, input.action === "approve" ? "approved" : "returned");
    }
    if (result.opened) {
      await tx
        .update(eserviceSteps)
        .set({ state: "in_progress", updatedAt: ctx.now })
        .where(and(eq(eserviceSteps.eserviceId, serviceId), eq(eserviceSteps.stepNo, result.opened), eq(eserviceSteps.state, "locked")));
    }
    await tx.update(eservices).set({ updatedAt: ctx.now }).where(eq(eservices.id, serviceId));
    await recordAudit(tx, ctx.now, {
      actorId: actor.user.id,
      action: `eservice.step.${input.action}`,
      subjectType: "eservice",
      subjectId: serviceId,
      data: { stepNo, from: before, to: after, comments: input.comments ?? null },
      ip: actor.ip,
    });
    if (input.action !== "save_draft") {
      const text = notificationText(step.th, input.action, result.opened);
      await tx.insert(notifications).values({ id: newId(), agencyId: svc.agencyId, eserviceId: serviceId, text: `${svc.name}: ${text}`, createdAt: ctx.now });
      const recipients = await tx
        .select({ email: users.email })
        .from(users)
        .where(and(eq(users.orgId, svc.agencyId), eq(users.role, "agency"), isNull(users.disabledAt)));
      const mail = stepReviewMail({ service: svc.name, step: step.th, text, url: new URL(`/eservices/${serviceId}`, ctx.appUrl).toString() });
      for (const r of recipients) if (r.email) await enqueueMail(tx, ctx.now, { to: r.email, ...mail });
    }
    return { ok: true, states: result.states } as const;
  });
}

function notificationText(stepName: string, action: StepAction, opened: number | null): string {
  switch (action) {
    case "submit":
      return `ส่งข้อมูลขั้นตอน "${stepName}" แล้ว อยู่ระหว่างการตรวจสอบ เราจะแจ้งทางอีเมลเมื่อตรวจสอบเสร็จ`;
    case "approve":
      return opened
        ? `ขั้นตอน "${stepName}" ผ่านการตรวจสอบแล้ว ขั้นตอนถัดไป: ${stepByNo(opened)!.th}`
        : `ขั้นตอน "${stepName}" ผ่านการตรวจสอบแล้ว`;
    case "return":
      return `ขั้นตอน "${stepName}" ถูกส่งกลับแก้ไข กรุณาดูความเห็นของเจ้าหน้าที่และแก้ไขแล้วส่งใหม่`;
    default:
      return "";
  }
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

export async function latestNotifications(db: DbOrTx, agencyId: string, limit = 10) {
  return db.select().from(notifications).where(eq(notifications.agencyId, agencyId)).orderBy(desc(notifications.createdAt)).limit(limit);
}

export async function markNotificationRead(db: DbOrTx, agencyId: string, id: string, now: Date): Promise<void> {
  await db.update(notifications).set({ readAt: now }).where(and(eq(notifications.id, id), eq(notifications.agencyId, agencyId)));
}
