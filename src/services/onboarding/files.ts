/**
 * @module
 * The files a step keeps: step 1's optional icon, step 4's authorisation letter,
 * step 5's 120×120 icon and its ordered screenshots. A new file is stored before
 * its row (a refused row deletes it again); a replaced or removed file is
 * deleted only after the change has committed.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { eserviceFiles } from "../../db/schema";
import type { SubResource } from "../../domain/onboarding/workflow";
import { recordAudit } from "../audit";
import { actorId, type UseCaseContext } from "../context";
import { newId } from "../crypto";
import { claimFormToken } from "../form-once";
import type { StoredUpload } from "../uploads";
import { openForWrite, type Refused } from "./service";

type FileKind = "icon" | "screenshot" | "auth_letter";

/** Which declared sub-resource each kind of file is. */
const RESOURCE_OF: Record<FileKind, SubResource> = { icon: "icon", screenshot: "screenshots", auth_letter: "auth_letter" };

export async function serviceFile(db: DbOrTx, serviceId: string, kind: "icon" | "auth_letter", stepNo: number) {
  const [row] = await db
    .select({ id: eserviceFiles.id, fileName: eserviceFiles.fileName })
    .from(eserviceFiles)
    .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.kind, kind), eq(eserviceFiles.stepNo, stepNo)))
    .orderBy(asc(eserviceFiles.createdAt))
    .limit(1);
  return row ?? null;
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

const SCREENSHOT_STEP = 5;

/** Adds a screenshot at the end, once per rendered upload form (`once`). */
export async function addScreenshot(ctx: UseCaseContext, serviceId: string, file: StoredUpload, once?: string | null): Promise<{ ok: true } | Refused> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const open = await openForWrite(tx, ctx, serviceId, SCREENSHOT_STEP, "screenshots");
    if (!open.ok) return open;
    const claim = await claimFormToken<{ id: string }>(tx, ctx, "screenshot.add", once);
    if (claim.replay) return { ok: true, replayed: true } as const;
    const id = newId();
    const [last] = await tx
      .select({ p: sql<number>`coalesce(max(${eserviceFiles.position}), 0)` })
      .from(eserviceFiles)
      .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.kind, "screenshot")));
    await tx.insert(eserviceFiles).values({
      id,
      eserviceId: serviceId,
      stepNo: SCREENSHOT_STEP,
      kind: "screenshot",
      fileKey: file.key,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.size,
      position: (last?.p ?? 0) + 1,
      createdAt: now,
    });
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "eservice.screenshot_added", subjectType: "eservice", subjectId: serviceId, ip: ctx.actor.ip });
    await claim.settle({ id });
    return { ok: true, replayed: false } as const;
  });
  // A refused or repeated upload's image is nobody's.
  if (!outcome.ok || outcome.replayed) await ctx.files.delete(file.key);
  return outcome.ok ? { ok: true } : outcome;
}

/** Removes a screenshot; its file is deleted once the removal has committed. */
export async function removeScreenshot(ctx: UseCaseContext, serviceId: string, fileId: string): Promise<{ ok: true } | Refused> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const open = await openForWrite(tx, ctx, serviceId, SCREENSHOT_STEP, "screenshots");
    if (!open.ok) return open;
    const rows = await tx
      .delete(eserviceFiles)
      .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.id, fileId), eq(eserviceFiles.kind, "screenshot")))
      .returning({ key: eserviceFiles.fileKey });
    if (!rows[0]) return { ok: false, reason: "not_found" } as const;
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "eservice.screenshot_removed", subjectType: "eservice", subjectId: serviceId, ip: ctx.actor.ip });
    return { ok: true, key: rows[0].key } as const;
  });
  if (!outcome.ok) return outcome;
  await ctx.files.delete(outcome.key);
  return { ok: true };
}

/** Swaps a screenshot with its neighbour, so the order is the agency's. */
export async function moveScreenshot(ctx: UseCaseContext, serviceId: string, fileId: string, direction: "up" | "down"): Promise<{ ok: true } | Refused> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const open = await openForWrite(tx, ctx, serviceId, SCREENSHOT_STEP, "screenshots");
    if (!open.ok) return open;
    const list = await listScreenshots(tx, serviceId);
    const i = list.findIndex((f) => f.id === fileId);
    if (i < 0) return { ok: false, reason: "not_found" } as const;
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= list.length) return { ok: true } as const;
    const reordered = [...list];
    [reordered[i], reordered[j]] = [reordered[j]!, reordered[i]!];
    for (const [k, f] of reordered.entries()) {
      await tx.update(eserviceFiles).set({ position: k + 1 }).where(eq(eserviceFiles.id, f.id));
    }
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "eservice.screenshot_moved", subjectType: "eservice", subjectId: serviceId, data: { fileId, direction }, ip: ctx.actor.ip });
    return { ok: true } as const;
  });
}
