/**
 * @module
 * Supporting documents of a request, each with its own status so nobody wonders
 * whether a file arrived: ได้รับแล้ว → ตรวจแล้ว → ถูกต้อง / ต้องแก้ไข.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { preparedOnce, type Db, type DbOrTx } from "../db/client";
import { academicRequests, requestDocuments, requestEvents, type DocumentStatus } from "../db/schema";
import { recordAudit } from "./audit";
import type { UseCaseContext } from "./context";
import { claimFormToken } from "./form-once";
import { newId } from "./crypto";
import type { Actor } from "./requests";

export const DOCUMENT_STATUS_LABEL: Record<DocumentStatus, string> = {
  received: "ได้รับแล้ว",
  checked: "ตรวจแล้ว",
  ok: "ถูกต้อง",
  needs_fix: "ต้องแก้ไข",
};

export function isDocumentStatus(value: unknown): value is DocumentStatus {
  return typeof value === "string" && Object.hasOwn(DOCUMENT_STATUS_LABEL, value);
}

const documentsQuery = preparedOnce((db) =>
  db
    .select()
    .from(requestDocuments)
    .where(eq(requestDocuments.requestId, sql.placeholder("requestId")))
    .orderBy(asc(requestDocuments.uploadedAt))
    .prepare(),
);

export async function listDocuments(db: DbOrTx, requestId: string) {
  return documentsQuery(db).all({ requestId });
}

export async function getDocument(db: DbOrTx, requestId: string, documentId: string) {
  const [row] = await db
    .select()
    .from(requestDocuments)
    .where(and(eq(requestDocuments.requestId, requestId), eq(requestDocuments.id, documentId)))
    .limit(1);
  return row ?? null;
}

/**
 * Records an uploaded file (already stored) and says so on the timeline, once per
 * rendered upload form (`once`): a resent upload answers with the first document,
 * `duplicate` telling the route that the bytes it just stored are not needed.
 */
export async function addDocument(
  ctx: UseCaseContext,
  requestId: string,
  file: { key: string; fileName: string; size: number; contentType: string },
  once?: string | null,
): Promise<{ id: string; duplicate: boolean }> {
  const userId = ctx.actor.user?.id;
  if (!userId) throw new Error("a document is uploaded by a signed-in user");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const claim = await claimFormToken<{ id: string }>(tx, ctx, "document.upload", once);
    if (claim.replay) return { id: claim.result.id, duplicate: true };
    const id = newId();
    const [req] = await tx.select({ status: academicRequests.status }).from(academicRequests).where(eq(academicRequests.id, requestId));
    await tx.insert(requestDocuments).values({
      id,
      requestId,
      fileKey: file.key,
      fileName: file.fileName,
      size: file.size,
      contentType: file.contentType,
      status: "received",
      uploadedBy: userId,
      uploadedAt: now,
    });
    await tx.insert(requestEvents).values({
      requestId,
      at: now,
      kind: "document",
      status: req!.status,
      label: `ได้รับเอกสาร ${file.fileName}`,
      actorId: userId,
    });
    await recordAudit(tx, now, { actorId: userId, action: "document.uploaded", subjectType: "request", subjectId: requestId, data: { documentId: id }, ip: ctx.actor.ip });
    await claim.settle({ id });
    return { id, duplicate: false };
  });
}

export async function setDocumentStatus(
  db: Db,
  now: Date,
  actor: Actor,
  requestId: string,
  documentId: string,
  status: DocumentStatus,
  note: string | null,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(requestDocuments)
      .set({ status, note, reviewedAt: now })
      .where(and(eq(requestDocuments.id, documentId), eq(requestDocuments.requestId, requestId)))
      .returning({ fileName: requestDocuments.fileName });
    if (!rows[0]) return false;
    const [req] = await tx.select({ status: academicRequests.status }).from(academicRequests).where(eq(academicRequests.id, requestId));
    await tx.insert(requestEvents).values({
      requestId,
      at: now,
      kind: "document",
      status: req!.status,
      label: `เอกสาร ${rows[0].fileName}: ${DOCUMENT_STATUS_LABEL[status]}${note ? ` (${note})` : ""}`,
      actorId: actor.user.id,
    });
    await recordAudit(tx, now, { actorId: actor.user.id, action: "document.status", subjectType: "request", subjectId: requestId, data: { documentId, status, note }, ip: actor.ip });
    return true;
  });
}
