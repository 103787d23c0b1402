import { and, asc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { eserviceFiles } from "../db/schema";
import { recordAudit } from "./audit";
import { newId } from "./crypto";

export async function serviceIcon(db: DbOrTx, serviceId: string) {
  const [row] = await db
    .select({ id: eserviceFiles.id, fileName: eserviceFiles.fileName })
    .from(eserviceFiles)
    .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.kind, "icon"), eq(eserviceFiles.stepNo, 1)))
    .orderBy(asc(eserviceFiles.createdAt))
    .limit(1);
  return row ?? null;
}

/** Stores step 1's icon, replacing an earlier one; returns the keys of replaced files to delete. */
export async function setServiceIcon(
  db: Db,
  now: Date,
  actor: { id: string; ip: string },
  serviceId: string,
  file: { key: string; fileName: string; contentType: string; size: number },
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const old = await tx
      .delete(eserviceFiles)
      .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.kind, "icon"), eq(eserviceFiles.stepNo, 1)))
      .returning({ key: eserviceFiles.fileKey });
    await tx.insert(eserviceFiles).values({
      id: newId(),
      eserviceId: serviceId,
      stepNo: 1,
      kind: "icon",
      fileKey: file.key,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.size,
      createdAt: now,
    });
    await recordAudit(tx, now, { actorId: actor.id, action: "eservice.icon_uploaded", subjectType: "eservice", subjectId: serviceId, ip: actor.ip });
    return old.map((o) => o.key);
  });
}

export async function getServiceFile(db: DbOrTx, serviceId: string, fileId: string) {
  const [row] = await db
    .select()
    .from(eserviceFiles)
    .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.id, fileId)))
    .limit(1);
  return row ?? null;
}
