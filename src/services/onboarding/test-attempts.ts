/**
 * @module
 * Test attempts of steps 3 and 6: each an uploaded Minimum Testcase workbook with
 * details, editable and removable by the agency until an officer has reviewed it.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { testResults } from "../db/schema";
import { recordAudit } from "./audit";
import { newId } from "./crypto";
import type { TestSummary } from "./xlsx-summary";

export async function listAttempts(db: DbOrTx, serviceId: string, stepNo: number) {
  return db
    .select()
    .from(testResults)
    .where(and(eq(testResults.eserviceId, serviceId), eq(testResults.stepNo, stepNo)))
    .orderBy(asc(testResults.attemptNo));
}

export async function getAttempt(db: DbOrTx, serviceId: string, stepNo: number, id: string) {
  const [row] = await db
    .select()
    .from(testResults)
    .where(and(eq(testResults.id, id), eq(testResults.eserviceId, serviceId), eq(testResults.stepNo, stepNo)))
    .limit(1);
  return row ?? null;
}

export async function addAttempt(
  db: Db,
  now: Date,
  actor: { id: string; ip: string },
  serviceId: string,
  stepNo: number,
  input: { details: string; file: { key: string; fileName: string; size: number }; summary: TestSummary | null },
): Promise<string> {
  const id = newId();
  await db.transaction(async (tx) => {
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
    await recordAudit(tx, now, { actorId: actor.id, action: "test_result.added", subjectType: "eservice", subjectId: serviceId, data: { id, stepNo }, ip: actor.ip });
  });
  return id;
}

export async function updateAttemptDetails(db: Db, now: Date, actor: { id: string; ip: string }, serviceId: string, stepNo: number, id: string, details: string) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(testResults)
      .set({ details })
      .where(and(eq(testResults.id, id), eq(testResults.eserviceId, serviceId), eq(testResults.stepNo, stepNo), eq(testResults.status, "pending")))
      .returning({ id: testResults.id });
    if (!rows[0]) return false;
    await recordAudit(tx, now, { actorId: actor.id, action: "test_result.updated", subjectType: "eservice", subjectId: serviceId, data: { id }, ip: actor.ip });
    return true;
  });
}

/** Removes an unreviewed attempt; returns its file key to delete, or null. */
export async function deleteAttempt(db: Db, now: Date, actor: { id: string; ip: string }, serviceId: string, stepNo: number, id: string) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .delete(testResults)
      .where(and(eq(testResults.id, id), eq(testResults.eserviceId, serviceId), eq(testResults.stepNo, stepNo), eq(testResults.status, "pending")))
      .returning({ key: testResults.fileKey });
    if (!rows[0]) return null;
    await recordAudit(tx, now, { actorId: actor.id, action: "test_result.deleted", subjectType: "eservice", subjectId: serviceId, data: { id }, ip: actor.ip });
    return rows[0].key;
  });
}

/** After a review, the attempts it covered are no longer editable. */
export async function markAttemptsReviewed(tx: DbOrTx, serviceId: string, stepNo: number, status: "approved" | "returned") {
  await tx
    .update(testResults)
    .set({ status })
    .where(and(eq(testResults.eserviceId, serviceId), eq(testResults.stepNo, stepNo), eq(testResults.status, "pending")));
}
