/**
 * @module
 * Step 3, การทดสอบผ่าน UAT Environment, and (with its own step number) step 6
 * on pre-production: test attempts, each an uploaded
 * Minimum Testcase workbook with details, editable and removable by the agency
 * while the step is open to it and until an officer has reviewed the attempt.
 * A workbook is stored before its row; a refused row deletes it again, and a
 * removed row's file goes only after the removal commits.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { testResults } from "../../db/schema";
import { attemptEditable } from "../../domain/onboarding/uat-tests";
import { saveGuarded } from "../../db/guarded-write";
import { guardedAuditInsert, recordAudit } from "../audit";
import { actorId, type UseCaseContext } from "../context";
import { newId } from "../crypto";
import { claimFormToken } from "../form-once";
import type { StoredUpload } from "../uploads";
import type { TestSummary } from "../xlsx-summary";
import { pageReads } from "./page-reads";
import { decideWrite, openForWrite, stepStillIn, writeStateReads, type Refused } from "./service";

function attemptsQuery(db: DbOrTx, serviceId: string, stepNo: number) {
  return db
    .select()
    .from(testResults)
    .where(and(eq(testResults.eserviceId, serviceId), eq(testResults.stepNo, stepNo)))
    .orderBy(asc(testResults.attemptNo));
}

/** Attempt `id` of step `stepNo` of service `serviceId` (none of another's), unsent. */
export function attemptQuery(db: DbOrTx, serviceId: string, stepNo: number, id: string) {
  return db
    .select()
    .from(testResults)
    .where(and(eq(testResults.id, id), eq(testResults.eserviceId, serviceId), eq(testResults.stepNo, stepNo)))
    .limit(1);
}

export async function getAttempt(db: DbOrTx, serviceId: string, stepNo: number, id: string) {
  const [row] = await attemptQuery(db, serviceId, stepNo, id);
  return row ?? null;
}

/** One attempt, for a page that batches it with its service. */
export function attemptReads(db: DbOrTx, serviceId: string, stepNo: number, id: string) {
  return pageReads([attemptQuery(db, serviceId, stepNo, id)], ([rows]) => rows[0] ?? null);
}

/** The attempts list of step `stepNo`'s page (3 or 6). */
export function attemptsReads(db: DbOrTx, serviceId: string, stepNo: number) {
  return pageReads([attemptsQuery(db, serviceId, stepNo)], ([attempts]) => ({ attempts }));
}

export async function addAttempt(
  ctx: UseCaseContext,
  serviceId: string,
  stepNo: number,
  input: { details: string; file: StoredUpload; summary: TestSummary | null },
  once?: string | null,
): Promise<{ ok: true; id: string } | Refused> {
  const now = ctx.clock.now();
  const id = newId();
  const outcome = await ctx.db.transaction(async (tx) => {
    const open = await openForWrite(tx, ctx, serviceId, stepNo, "attempts");
    if (!open.ok) return open;
    const claim = await claimFormToken<{ id: string }>(tx, ctx, "attempt.add", once);
    if (claim.replay) return { ok: true, id: claim.result.id, replayed: true } as const;
    // The attempt number is taken inside the insert's transaction, so two uploads cannot share one.
    const [row] = await tx
      .select({ n: sql<number>`coalesce(max(${testResults.attemptNo}), 0)` })
      .from(testResults)
      .where(and(eq(testResults.eserviceId, serviceId), eq(testResults.stepNo, stepNo)));
    await tx.insert(testResults).values({
      id,
      eserviceId: serviceId,
      stepNo,
      attemptNo: (row?.n ?? 0) + 1,
      details: input.details,
      fileKey: input.file.key,
      fileName: input.file.fileName,
      size: input.file.size,
      summary: input.summary,
      status: "pending",
      createdAt: now,
    });
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "test_result.added", subjectType: "eservice", subjectId: serviceId, data: { id, stepNo }, ip: ctx.actor.ip });
    await claim.settle({ id });
    return { ok: true, id, replayed: false } as const;
  });
  // A refused or repeated upload's workbook is nobody's.
  if (!outcome.ok || outcome.replayed) await ctx.files.delete(input.file.key);
  return outcome.ok ? { ok: true, id: outcome.id } : outcome;
}

/**
 * Only a pending attempt changes; a reviewed one is `frozen` like the step. Read, decide,
 * write as two batches (db/guarded-write.ts): the details go only while the step and
 * the attempt are still in the states the rules allowed.
 */
export async function updateAttemptDetails(ctx: UseCaseContext, serviceId: string, stepNo: number, id: string, details: string): Promise<{ ok: true } | Refused> {
  const now = ctx.clock.now();
  const db = ctx.db;
  const mine = and(eq(testResults.id, id), eq(testResults.eserviceId, serviceId), eq(testResults.stepNo, stepNo));
  return saveGuarded<{ ok: true } | Refused>(
    db,
    async () => {
      const [svc, steps] = writeStateReads(db, serviceId);
      const [[row], stepRows, [attempt]] = await db.batch([svc, steps, db.select({ status: testResults.status }).from(testResults).where(mine).limit(1)]);
      const open = decideWrite(ctx, row, stepRows, stepNo, "attempts");
      // A missing attempt is not found whatever the step's state (as the edit route has always answered).
      if (!attempt || (!open.ok && open.reason === "not_found")) return { outcome: { ok: false, reason: "not_found" } };
      if (!open.ok) return { outcome: open };
      if (!attemptEditable(attempt.status)) return { outcome: { ok: false, reason: "frozen" } };
      return {
        outcome: { ok: true },
        writes: [
          db
            .update(testResults)
            .set({ details })
            .where(and(mine, eq(testResults.status, attempt.status), stepStillIn(serviceId, stepNo, open.state))),
          guardedAuditInsert(db, now, { actorId: actorId(ctx), action: "test_result.updated", subjectType: "eservice", subjectId: serviceId, data: { id }, ip: ctx.actor.ip }),
        ],
      };
    },
    { ok: false, reason: "conflict" },
  );
}

/** Removes a pending attempt; its workbook is deleted once the removal has committed. */
export async function deleteAttempt(ctx: UseCaseContext, serviceId: string, stepNo: number, id: string): Promise<{ ok: true } | Refused> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const open = await openForWrite(tx, ctx, serviceId, stepNo, "attempts");
    if (!open.ok) return open;
    const attempt = await getAttempt(tx, serviceId, stepNo, id);
    if (!attempt) return { ok: false, reason: "not_found" } as const;
    if (!attemptEditable(attempt.status)) return { ok: false, reason: "frozen" } as const;
    await tx.delete(testResults).where(eq(testResults.id, id));
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "test_result.deleted", subjectType: "eservice", subjectId: serviceId, data: { id }, ip: ctx.actor.ip });
    return { ok: true, key: attempt.fileKey } as const;
  });
  if (!outcome.ok) return outcome;
  await ctx.files.delete(outcome.key);
  return { ok: true };
}

/** After a review, the attempts it covered are no longer editable. */
export async function markAttemptsReviewed(tx: DbOrTx, serviceId: string, stepNo: number, status: "approved" | "returned") {
  await tx
    .update(testResults)
    .set({ status })
    .where(and(eq(testResults.eserviceId, serviceId), eq(testResults.stepNo, stepNo), eq(testResults.status, "pending")));
}

/** What step 3's page shows. */
export function uatTestsReads(db: DbOrTx, serviceId: string) {
  return attemptsReads(db, serviceId, 3);
}
