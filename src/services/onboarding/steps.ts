/**
 * @module
 * The workflow's own moves on a step, each one transaction that reads the state
 * it depends on, writes, and leaves an audit event: the agency saves answers and
 * submits (the readiness check runs inside the submit's transaction), an officer
 * approves or returns with comments. What a step owns besides its answers is
 * changed by the step's own module (testers, test attempts, files, booking).
 */
import { and, eq, sql } from "drizzle-orm";
import { eservices, eserviceSteps } from "../../db/schema";
import type { FieldErrors } from "../../domain/forms";
import { labelledComments, type ReviewDecision } from "../../domain/onboarding/review";
import { stepDefinition } from "../../domain/onboarding/steps";
import { draftAnswers } from "../../domain/onboarding/draft";
import { applyStepAction, STEP_RESOURCES, stepByNo, type StepState } from "../../domain/onboarding/workflow";
import { stepReviewMail } from "../../messages/mail";
import { guardedAuditInsert, recordAudit } from "../audit";
import type { Db } from "../../db/client";
import { saveGuarded } from "../../db/guarded-write";
import { actorId, type UseCaseContext } from "../context";
import { claimFormToken } from "../form-once";
import { cancelBooking } from "./golive";
import { decideWrite, factsFrom, notifyAgency, stepActorOf, stepFacts, stepFactsRead, loadService, writeStateReads, type Refused } from "./service";
import { markAttemptsReviewed } from "./uat-tests";

export type StepOutcome = { ok: true; states: StepState[] } | Refused | { ok: false; reason: "not_ready"; errors: FieldErrors };

/**
 * Saves the agency's answers to an open step as they are: nothing typed is lost, valid or not.
 * Read, decide, write as two batches (db/guarded-write.ts): the answers go only over a
 * step still in the state the rule allowed, so a submit in between wins.
 */
export async function saveAnswers(ctx: UseCaseContext, serviceId: string, stepNo: number, answers: Record<string, unknown>): Promise<StepOutcome> {
  const now = ctx.clock.now();
  const db = ctx.db;
  return saveGuarded<StepOutcome>(
    db,
    async () => {
      const [[svc], steps] = await db.batch(writeStateReads(db, serviceId));
      const open = decideWrite(ctx, svc, steps, stepNo, "answers");
      if (!open.ok) return { outcome: open };
      return {
        outcome: { ok: true, states: open.states },
        writes: [
          db
            .update(eserviceSteps)
            .set({ answers, updatedAt: now })
            .where(and(eq(eserviceSteps.eserviceId, serviceId), eq(eserviceSteps.stepNo, stepNo), eq(eserviceSteps.state, open.state))),
          guardedAuditInsert(db, now, { actorId: actorId(ctx), action: "eservice.step.save_draft", subjectType: "eservice", subjectId: serviceId, data: { stepNo }, ip: ctx.actor.ip }),
        ],
      };
    },
    { ok: false, reason: "conflict" },
  );
}

/** The service's name and each step's stored answers (index `no - 1`): what `saveAnswersOver` builds on. */
export interface StoredAnswers {
  name: string;
  answers: (Record<string, unknown> | null)[];
}

/**
 * Saves answers built from the stored ones (one part of a form laid over the rest, a
 * prefill from earlier steps) under `saveAnswers`'s rules, as a guarded save whose
 * guard also holds the step's answers it built on: answers saved in between are built
 * over again, never lost. Answers with what it saved.
 */
export async function saveAnswersOver(
  ctx: UseCaseContext,
  serviceId: string,
  stepNo: number,
  build: (stored: StoredAnswers) => Record<string, unknown>,
): Promise<{ ok: true; answers: Record<string, unknown> } | Refused> {
  const now = ctx.clock.now();
  const db = ctx.db;
  const [svcRead] = writeStateReads(db, serviceId);
  // The answers as their stored JSON text (no column decoder on a plain SQL field), which the guard compares.
  const stepsRead = db
    .select({ stepNo: eserviceSteps.stepNo, state: eserviceSteps.state, answers: sql<string | null>`${eserviceSteps.answers}` })
    .from(eserviceSteps)
    .where(eq(eserviceSteps.eserviceId, serviceId));
  return saveGuarded<{ ok: true; answers: Record<string, unknown> } | Refused>(
    db,
    async () => {
      const [[svc], steps] = await db.batch([svcRead, stepsRead]);
      const open = decideWrite(ctx, svc, steps, stepNo, "answers");
      if (!open.ok) return { outcome: open };
      const texts = Array.from({ length: open.states.length }, (_, i) => steps.find((r) => r.stepNo === i + 1)?.answers ?? null);
      const answers = build({ name: open.svc.name, answers: texts.map((t) => (t ? (JSON.parse(t) as Record<string, unknown>) : null)) });
      return {
        outcome: { ok: true, answers },
        writes: [
          answersOver(db, serviceId, stepNo, open.state, texts[stepNo - 1] ?? null, answers, now),
          guardedAuditInsert(db, now, { actorId: actorId(ctx), action: "eservice.step.save_draft", subjectType: "eservice", subjectId: serviceId, data: { stepNo }, ip: ctx.actor.ip }),
        ],
      };
    },
    { ok: false, reason: "conflict" },
  );
}

/** The guarded write of a step's answers: only over the state and the very answers (JSON text) they were made from. */
function answersOver(db: Db, serviceId: string, stepNo: number, state: StepState, from: string | null, answers: Record<string, unknown>, now: Date) {
  return db
    .update(eserviceSteps)
    .set({ answers, updatedAt: now })
    .where(and(eq(eserviceSteps.eserviceId, serviceId), eq(eserviceSteps.stepNo, stepNo), eq(eserviceSteps.state, state), sql`${eserviceSteps.answers} is ${from}`));
}

/**
 * An autosave while the agency types: the posted fields laid over the stored answers
 * under the rules of `draftAnswers` (incomplete is fine; invalid does not replace
 * valid). The same write rules as the save button: a locked or submitted step refuses.
 * A guarded save (db/guarded-write.ts): the merge goes only over the very answers it
 * was made from, so a save landing in between is merged again, never overwritten.
 */
export async function autosaveAnswers(ctx: UseCaseContext, serviceId: string, stepNo: number, posted: Record<string, unknown>): Promise<{ ok: true; at: Date } | Refused> {
  const now = ctx.clock.now();
  const step = stepDefinition(stepNo);
  if (!step) return { ok: false, reason: "not_found" };
  const db = ctx.db;
  return saveGuarded<{ ok: true; at: Date } | Refused>(
    db,
    async () => {
      const [[svc], steps, [stored]] = await db.batch([...writeStateReads(db, serviceId), stepFactsRead(db, serviceId, stepNo)]);
      const open = decideWrite(ctx, svc, steps, stepNo, "answers");
      if (!open.ok) return { outcome: open };
      const facts = factsFrom(stored, now);
      const answers = draftAnswers(facts.answers, posted, (a) => step.readiness({ ...facts, answers: a }));
      return {
        outcome: { ok: true, at: now },
        writes: [
          answersOver(db, serviceId, stepNo, open.state, stored?.answers ?? null, answers, now),
          guardedAuditInsert(db, now, { actorId: actorId(ctx), action: "eservice.step.save_draft", subjectType: "eservice", subjectId: serviceId, data: { stepNo, autosave: true }, ip: ctx.actor.ip }),
        ],
      };
    },
    { ok: false, reason: "conflict" },
  );
}

/** What stands between the step and a submit now (for the agency's "check" button). */
export async function readinessOf(ctx: UseCaseContext, serviceId: string, stepNo: number): Promise<{ ok: true; errors: FieldErrors } | Refused> {
  const step = stepDefinition(stepNo);
  const user = ctx.actor.user;
  const svc = step && user ? await loadService(ctx.db, user, serviceId) : null;
  if (!step || !svc) return { ok: false, reason: "not_found" };
  return { ok: true, errors: step.readiness(await stepFacts(ctx.db, svc, stepNo, ctx.clock.now())) };
}

/**
 * Submits a step for review: refused with the readiness errors when something is
 * missing, checked against what is stored at that moment, in the same transaction.
 * A repeat of the same rendered form (`once`) answers as the first did.
 */
export async function submitStep(ctx: UseCaseContext, serviceId: string, stepNo: number, once?: string | null): Promise<StepOutcome> {
  const now = ctx.clock.now();
  const step = stepDefinition(stepNo);
  const user = ctx.actor.user;
  if (!step || !user || stepActorOf(user) !== "agency") return { ok: false, reason: "not_found" };
  return ctx.db.transaction(async (tx) => {
    const svc = await loadService(tx, user, serviceId);
    if (!svc) return { ok: false, reason: "not_found" } as const;
    const claim = await claimFormToken<true>(tx, ctx, `step.submit.${stepNo}`, once);
    if (claim.replay) return { ok: true, states: svc.states } as const;
    const result = applyStepAction(svc.states, stepNo, "submit", "agency");
    if (!result.ok) return result;
    // The go-live step is submitted only by confirming a booking (golive.ts).
    if (STEP_RESOURCES[step.key].booking) return { ok: false, reason: "not_allowed" } as const;
    const errors = step.readiness(await stepFacts(tx, svc, stepNo, now));
    if (Object.keys(errors).length) return { ok: false, reason: "not_ready", errors } as const;
    await tx
      .update(eserviceSteps)
      .set({ state: "in_review", submittedAt: now, updatedAt: now })
      .where(and(eq(eserviceSteps.eserviceId, serviceId), eq(eserviceSteps.stepNo, stepNo)));
    await tx.update(eservices).set({ updatedAt: now }).where(eq(eservices.id, serviceId));
    await recordAudit(tx, now, {
      actorId: user.id,
      action: "eservice.step.submit",
      subjectType: "eservice",
      subjectId: serviceId,
      data: { stepNo, from: svc.states[stepNo - 1], to: "in_review" },
      ip: ctx.actor.ip,
    });
    const text = `ส่งข้อมูลขั้นตอน "${step.th}" แล้ว อยู่ระหว่างการตรวจสอบ เราจะแจ้งทางอีเมลเมื่อตรวจสอบเสร็จ`;
    await notifyAgency(tx, now, svc, text, stepReviewMail({ service: svc.name, step: step.th, text, comments: [], url: serviceUrl(ctx, serviceId) }));
    await claim.settle(true);
    return { ok: true, states: result.states } as const;
  });
}

/**
 * An officer's decision on a submitted step. The comments (general one included)
 * are kept on the step either way and reach the agency on the page, in the
 * notification and in the e-mail. Returning the go-live step cancels its booking;
 * reviewing a test step closes its attempts.
 */
export async function reviewStep(ctx: UseCaseContext, serviceId: string, stepNo: number, review: ReviewDecision): Promise<StepOutcome> {
  const now = ctx.clock.now();
  const step = stepDefinition(stepNo);
  const user = ctx.actor.user;
  if (!step || !user || stepActorOf(user) !== "officer") return { ok: false, reason: "not_found" };
  return ctx.db.transaction(async (tx) => {
    const svc = await loadService(tx, user, serviceId);
    if (!svc) return { ok: false, reason: "not_found" } as const;
    const result = applyStepAction(svc.states, stepNo, review.decision, "officer");
    if (!result.ok) return result;
    const after = result.states[stepNo - 1]!;
    const comments = Object.keys(review.comments).length ? review.comments : null;
    await tx
      .update(eserviceSteps)
      .set({ state: after, reviewedAt: now, reviewedBy: user.id, comments, updatedAt: now })
      .where(and(eq(eserviceSteps.eserviceId, serviceId), eq(eserviceSteps.stepNo, stepNo)));
    if (result.opened) {
      await tx
        .update(eserviceSteps)
        .set({ state: "in_progress", updatedAt: now })
        .where(and(eq(eserviceSteps.eserviceId, serviceId), eq(eserviceSteps.stepNo, result.opened), eq(eserviceSteps.state, "locked")));
    }
    const owns = STEP_RESOURCES[step.key];
    if (owns.attempts) await markAttemptsReviewed(tx, serviceId, stepNo, review.decision === "approve" ? "approved" : "returned");
    if (owns.booking && review.decision === "return") await cancelBooking(tx, ctx, svc, comments);
    await tx.update(eservices).set({ updatedAt: now }).where(eq(eservices.id, serviceId));
    await recordAudit(tx, now, {
      actorId: user.id,
      action: `eservice.step.${review.decision}`,
      subjectType: "eservice",
      subjectId: serviceId,
      data: { stepNo, from: svc.states[stepNo - 1], to: after, comments },
      ip: ctx.actor.ip,
    });
    const next = result.opened ? stepByNo(result.opened) : undefined;
    const text =
      review.decision === "approve"
        ? `ขั้นตอน "${step.th}" ผ่านการตรวจสอบแล้ว${next ? ` ขั้นตอนถัดไป: ${next.th}` : ""}`
        : `ขั้นตอน "${step.th}" ถูกส่งกลับแก้ไข กรุณาดูความเห็นของเจ้าหน้าที่และแก้ไขแล้วส่งใหม่`;
    const listed = labelledComments(step, comments);
    const inline = listed.length ? ` ความเห็นของเจ้าหน้าที่: ${listed.map((c) => `${c.label}: ${c.text}`).join(" / ")}` : "";
    await notifyAgency(tx, now, svc, `${text}${inline}`, stepReviewMail({ service: svc.name, step: step.th, text, comments: listed, url: serviceUrl(ctx, serviceId) }));
    return { ok: true, states: result.states } as const;
  });
}

function serviceUrl(ctx: UseCaseContext, serviceId: string): string {
  return new URL(`/eservices/${serviceId}`, ctx.appUrl).toString();
}
