import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { eserviceFiles } from "../db/schema";
import { recordAudit } from "./audit";
import { newId } from "./crypto";

export async function serviceIcon(db: DbOrTx, serviceId: string, stepNo = 1) {
  const [row] = await db
    .select({ id: eserviceFiles.id, fileName: eserviceFiles.fileName })
    .from(eserviceFiles)
    .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.kind, "icon"), eq(eserviceFiles.stepNo, stepNo)))
    .orderBy(asc(eserviceFiles.createdAt))
    .limit(1);
  return row ?? null;
}

type ServiceFileKind = "icon" | "screenshot" | "auth_letter";

/**
 * Stores the one file of `kind` a step keeps (an icon, the authorisation
 * letter), replacing an earlier one; returns the replaced files' keys to delete.
 */
export async function replaceServiceFile(
  db: Db,
  now: Date,
  actor: { id: string; ip: string },
  serviceId: string,
  slot: { kind: ServiceFileKind; stepNo: number },
  file: { key: string; fileName: string; contentType: string; size: number },
): Promise<string[]> {
  return db.transaction(async (tx) => {
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
    await recordAudit(tx, now, { actorId: actor.id, action: `eservice.${slot.kind}_uploaded`, subjectType: "eservice", subjectId: serviceId, data: { stepNo: slot.stepNo }, ip: actor.ip });
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

export async function listScreenshots(db: DbOrTx, serviceId: string) {
  return db
    .select({ id: eserviceFiles.id, fileName: eserviceFiles.fileName, position: eserviceFiles.position })
    .from(eserviceFiles)
    .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.kind, "screenshot")))
    .orderBy(asc(eserviceFiles.position), asc(eserviceFiles.createdAt));
}

export async function addScreenshot(
  db: Db,
  now: Date,
  actor: { id: string; ip: string },
  serviceId: string,
  file: { key: string; fileName: string; contentType: string; size: number },
) {
  await db.transaction(async (tx) => {
    const [last] = await tx
      .select({ p: sql<number>`coalesce(max(${eserviceFiles.position}), 0)` })
      .from(eserviceFiles)
      .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.kind, "screenshot")));
    await tx.insert(eserviceFiles).values({
      id: newId(),
      eserviceId: serviceId,
      stepNo: 5,
      kind: "screenshot",
      fileKey: file.key,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.size,
      position: (last?.p ?? 0) + 1,
      createdAt: now,
    });
    await recordAudit(tx, now, { actorId: actor.id, action: "eservice.screenshot_added", subjectType: "eservice", subjectId: serviceId, ip: actor.ip });
  });
}

/** Removes a screenshot; returns its file key to delete, or null. */
export async function removeScreenshot(db: Db, now: Date, actor: { id: string; ip: string }, serviceId: string, fileId: string) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .delete(eserviceFiles)
      .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.id, fileId), eq(eserviceFiles.kind, "screenshot")))
      .returning({ key: eserviceFiles.fileKey });
    if (!rows[0]) return null;
    await recordAudit(tx, now, { actorId: actor.id, action: "eservice.screenshot_removed", subjectType: "eservice", subjectId: serviceId, ip: actor.ip });
    return rows[0].key;
  });
}

/** Swaps a screenshot with its neighbour, so the order is the agency's. */
export async function moveScreenshot(db: Db, now: Date, actor: { id: string; ip: string }, serviceId: string, fileId: string, direction: "up" | "down") {
  await db.transaction(async (tx) => {
    const list = await listScreenshots(tx, serviceId);
    const i = list.findIndex((f) => f.id === fileId);
    const j = direction === "up" ? i - 1 : i + 1;
    if (i < 0 || j < 0 || j >= list.length) return;
    const reordered = [...list];
    [reordered[i], reordered[j]] = [reordered[j]!, reordered[i]!];
    for (const [k, f] of reordered.entries()) {
      await tx.update(eserviceFiles).set({ position: k + 1 }).where(eq(eserviceFiles.id, f.id));
    }
    await recordAudit(tx, now, { actorId: actor.id, action: "eservice.screenshot_moved", subjectType: "eservice", subjectId: serviceId, data: { fileId, direction }, ip: actor.ip });
  });
}
