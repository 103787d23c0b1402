/**
 * @module
 * Supporting documents of a request, each with its own status so nobody wonders
 * whether a file arrived: ได้รับแล้ว → ตรวจแล้ว → ถูกต้อง / ต้องแก้ไข. When they may
 * change is declared in domain/academic.ts (`documentsChange`); both use cases
 * read the request's status in their own transaction and write nothing when
 * the declaration says no.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { preparedOnce, type DbOrTx } from "../db/client";
import { academicRequests, requestDocuments, requestEvents } from "../db/schema";
import { DOCUMENT_STATUSES, documentsChange, mayDo, type DocumentRefusal } from "../domain/academic";
import type { DocumentStatusForm } from "../domain/academic-forms";
import { guardedInsert, saveGuarded } from "../db/guarded-write";
import { guardedAuditInsert, recordAudit } from "./audit";
import { actorId, type UseCaseContext } from "./context";
import { claimFormToken } from "./form-once";
import { newId } from "./crypto";
import { visibleTo } from "./requests";
import type { SessionUser } from "./session";

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

/**
 * A document of a request `user` may see, in one statement: the request's access
 * rule rides in the same WHERE (a join), so a request that is not theirs and a
 * document that does not exist are the same null (404).
 */
export async function getDocumentFor(db: DbOrTx, user: SessionUser, requestId: string, documentId: string) {
  const visible = visibleTo(user);
  if (!visible) return null;
  const [row] = await db
    .select({ document: requestDocuments })
    .from(requestDocuments)
    .innerJoin(academicRequests, eq(academicRequests.id, requestDocuments.requestId))
    .where(and(eq(requestDocuments.requestId, requestId), eq(requestDocuments.id, documentId), visible))
    .limit(1);
  return row?.document ?? null;
}

export type DocumentOutcome<T = object> = ({ ok: true } & T) | { ok: false; reason: "not_found" | DocumentRefusal };

/**
 * Records an uploaded file (already stored under `file.key`) and says so on the
 * timeline, if the request is the acting university's and its documents are
 * still open. On refusal nothing is written and the caller deletes the file.
 */
export async function addDocument(
  ctx: UseCaseContext,
  requestId: string,
  file: { key: string; fileName: string; size: number; contentType: string },
  once?: string | null,
): Promise<DocumentOutcome<{ id: string; duplicate: boolean }>> {
  const user = ctx.actor.user;
  if (!user || !mayDo(user.role, "upload") || !user.orgId) return { ok: false, reason: "not_found" };
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [req] = await tx
      .select({ status: academicRequests.status })
      .from(academicRequests)
      .where(and(eq(academicRequests.id, requestId), eq(academicRequests.universityId, user.orgId!)));
    if (!req) return { ok: false, reason: "not_found" } as const;
    const open = documentsChange(req.status);
    if (!open.ok) return open;
    // Once per rendered upload form: a resent upload answers with the first document,
    // `duplicate` telling the route that the bytes it just stored are not needed.
    const claim = await claimFormToken<{ id: string }>(tx, ctx, "document.upload", once);
    if (claim.replay) return { ok: true, id: claim.result.id, duplicate: true } as const;
    const id = newId();
    await tx.insert(requestDocuments).values({
      id,
      requestId,
      fileKey: file.key,
      fileName: file.fileName,
      size: file.size,
      contentType: file.contentType,
      status: "received",
      uploadedBy: user.id,
      uploadedAt: now,
    });
    await tx.insert(requestEvents).values({
      requestId,
      at: now,
      kind: "document",
      status: req.status,
      label: `ได้รับเอกสาร ${file.fileName}`,
      actorId: user.id,
    });
    await recordAudit(tx, now, { actorId: user.id, action: "document.uploaded", subjectType: "request", subjectId: requestId, data: { documentId: id }, ip: ctx.actor.ip });
    await claim.settle({ id });
    return { ok: true, id, duplicate: false } as const;
  });
}

/**
 * An officer marks one document, while the request's documents are still open. Read,
 * decide, write as two batches (db/guarded-write.ts): the mark, its timeline line and
 * its audit event go only while the request is still in the status the rule allowed;
 * `conflict` when its status kept changing under the officer.
 */
export async function setDocumentStatus(
  ctx: UseCaseContext,
  requestId: string,
  documentId: string,
  form: DocumentStatusForm,
): Promise<DocumentOutcome | { ok: false; reason: "conflict" }> {
  if (!mayDo(ctx.actor.user?.role, "checkDocument")) return { ok: false, reason: "not_found" };
  const now = ctx.clock.now();
  const db = ctx.db;
  const { status, note } = form;
  return saveGuarded<DocumentOutcome | { ok: false; reason: "conflict" }>(
    db,
    async () => {
      const [[req], [doc]] = await db.batch([
        // Officers never see drafts, so a draft's documents are not theirs to mark.
        db
          .select({ status: academicRequests.status })
          .from(academicRequests)
          .where(and(eq(academicRequests.id, requestId), sql`${academicRequests.status} <> 'draft'`)),
        db
          .select({ fileName: requestDocuments.fileName })
          .from(requestDocuments)
          .where(and(eq(requestDocuments.id, documentId), eq(requestDocuments.requestId, requestId))),
      ]);
      if (!req) return { outcome: { ok: false, reason: "not_found" } };
      const open = documentsChange(req.status);
      if (!open.ok) return { outcome: open };
      if (!doc) return { outcome: { ok: false, reason: "not_found" } };
      const stillIn = sql`exists (select 1 from ${academicRequests} where ${academicRequests.id} = ${requestId} and ${academicRequests.status} = ${req.status})`;
      return {
        outcome: { ok: true },
        writes: [
          db
            .update(requestDocuments)
            .set({ status, note, reviewedAt: now })
            .where(and(eq(requestDocuments.id, documentId), eq(requestDocuments.requestId, requestId), stillIn)),
          guardedInsert(db, requestEvents, {
            requestId,
            at: now,
            kind: "document",
            status: req.status,
            label: `เอกสาร ${doc.fileName}: ${DOCUMENT_STATUSES[status]}${note ? ` (${note})` : ""}`,
            actorId: actorId(ctx),
          }),
          guardedAuditInsert(db, now, { actorId: actorId(ctx), action: "document.status", subjectType: "request", subjectId: requestId, data: { documentId, status, note }, ip: ctx.actor.ip }),
        ],
      };
    },
    { ok: false, reason: "conflict" },
  );
}
