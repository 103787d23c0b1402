/**
 * @module
 * The one-of-a-kind files steps keep (step 1's optional icon, step 4's
 * authorisation letter, step 5's icon) and downloads of any service file. A new
 * file is stored before its row (a refused row deletes it again); a replaced
 * file is deleted only after the change has committed.
 */
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { eserviceFiles } from "../../db/schema";
import type { SubResource } from "../../domain/onboarding/workflow";
import { recordAudit } from "../audit";
import { actorId, type UseCaseContext } from "../context";
import { newId } from "../crypto";
import type { StoredUpload } from "../uploads";
import { pageReads } from "./page-reads";
import { openForWrite, type Refused } from "./service";

/** Which declared sub-resource each kind of file is. */
const RESOURCE_OF: Record<"icon" | "auth_letter", SubResource> = { icon: "icon", auth_letter: "auth_letter" };

/** The one file of `kind` step `stepNo` keeps, unsent (at most one row). */
export function serviceFileQuery(db: DbOrTx, serviceId: string, kind: "icon" | "auth_letter", stepNo: number) {
  return db
    .select({ id: eserviceFiles.id, fileName: eserviceFiles.fileName })
    .from(eserviceFiles)
    .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.kind, kind), eq(eserviceFiles.stepNo, stepNo)))
    .orderBy(asc(eserviceFiles.createdAt))
    .limit(1);
}

export async function serviceFile(db: DbOrTx, serviceId: string, kind: "icon" | "auth_letter", stepNo: number) {
  const [row] = await serviceFileQuery(db, serviceId, kind, stepNo);
  return row ?? null;
}

/** File `fileId` of service `serviceId` (none of another service's), unsent. */
export function serviceFileByIdQuery(db: DbOrTx, serviceId: string, fileId: string) {
  return db
    .select()
    .from(eserviceFiles)
    .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.id, fileId)))
    .limit(1);
}

/** File `fileId` of service `serviceId`, for a download that batches it with its service. */
export function serviceFileReads(db: DbOrTx, serviceId: string, fileId: string) {
  return pageReads([serviceFileByIdQuery(db, serviceId, fileId)], ([rows]) => rows[0] ?? null);
}

/** Keeps `file` as the one file of `kind` step `stepNo` has (an icon, the letter), replacing an earlier one. */
export async function replaceServiceFile(
  ctx: UseCaseContext,
  serviceId: string,
  slot: { kind: "icon" | "auth_letter"; stepNo: number },
  file: StoredUpload,
): Promise<{ ok: true } | Refused> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const open = await openForWrite(tx, ctx, serviceId, slot.stepNo, RESOURCE_OF[slot.kind]);
    if (!open.ok) return open;
    const old = await tx
      .delete(eserviceFiles)
      .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.kind, slot.kind), eq(eserviceFiles.stepNo, slot.stepNo)))
      .returning({ key: eserviceFiles.fileKey });
    await tx.insert(eserviceFiles).values({
      id: newId(),
      eserviceId: serviceId,
      stepNo: slot.stepNo,
      kind: slot.kind,
      fileKey: file.key,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.size,
      createdAt: now,
    });
    await recordAudit(tx, now, { actorId: actorId(ctx), action: `eservice.${slot.kind}_uploaded`, subjectType: "eservice", subjectId: serviceId, data: { stepNo: slot.stepNo }, ip: ctx.actor.ip });
    return { ok: true, replaced: old.map((o) => o.key) } as const;
  });
  if (!outcome.ok) {
    await ctx.files.delete(file.key);
    return outcome;
  }
  for (const key of outcome.replaced) await ctx.files.delete(key);
  return { ok: true };
}
