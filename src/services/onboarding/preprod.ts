/**
 * @module
 * Step 5, พัฒนาและติดตั้ง Pre-Production: the set-up form and testers work as
 * on UAT (uat.ts); this step also owns the App Id and Consumer Key and the
 * ordered screenshots. The key is random, shown in full exactly once (to the
 * agency, on an explicit request), and stored only as a SHA-256 hash with its
 * last four characters. When either side may act on them is declared in the
 * workflow (`credentials` and `screenshots` of step 5).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { appCredentials, eserviceFiles } from "../../db/schema";
import { recordAudit } from "../audit";
import { actorId, type UseCaseContext } from "../context";
import { newId, randomToken, sha256Hex } from "../crypto";
import { claimFormToken } from "../form-once";
import type { StoredUpload } from "../uploads";
import { replaceServiceFile, serviceFileQuery } from "./files";
import { pageReads, runReads } from "./page-reads";
import { openForWrite, type Refused } from "./service";
import { testersQuery, withNationalIds } from "./uat";

const STEP = 5;

export interface CredentialView {
  appId: string | null;
  keyHint: string | null;
  issuedAt: Date | null;
}

function credentialsQuery(db: DbOrTx, serviceId: string) {
  return db.select().from(appCredentials).where(eq(appCredentials.eserviceId, serviceId)).limit(1);
}

function credentialView(row: typeof appCredentials.$inferSelect | undefined): CredentialView {
  return { appId: row?.appId ?? null, keyHint: row?.keyHash ? row.keyHint : null, issuedAt: row?.keyHash ? row.issuedAt : null };
}

/**
 * Issues the key if none is outstanding and returns it in full; `shown` when a
 * key was already shown (it cannot be shown again, only reset by an officer).
 */
export async function revealCredentials(ctx: UseCaseContext, serviceId: string): Promise<{ ok: true; appId: string; consumerKey: string } | Refused | { ok: false; reason: "shown" }> {
  const now = ctx.clock.now();
  const consumerKey = `ck_${randomToken(32)}`;
  const keyHash = await sha256Hex(consumerKey);
  return ctx.db.transaction(async (tx) => {
    const open = await openForWrite(tx, ctx, serviceId, STEP, "credentials");
    if (!open.ok) return open;
    const [row] = await tx.select().from(appCredentials).where(eq(appCredentials.eserviceId, serviceId)).limit(1);
    if (row?.keyHash) return { ok: false, reason: "shown" } as const;
    const appId = row?.appId ?? `app_${randomToken(12)}`;
    await tx
      .insert(appCredentials)
      .values({ eserviceId: serviceId, appId, keyHash, keyHint: consumerKey.slice(-4), issuedAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: appCredentials.eserviceId, set: { keyHash, keyHint: consumerKey.slice(-4), issuedAt: now, updatedAt: now } });
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "credentials.issued", subjectType: "eservice", subjectId: serviceId, data: { appId }, ip: ctx.actor.ip });
    return { ok: true, appId, consumerKey } as const;
  });
}

/** Officer: forget the key, so the agency's next request issues a new one. */
export async function resetConsumerKey(ctx: UseCaseContext, serviceId: string): Promise<{ ok: true } | Refused> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const open = await openForWrite(tx, ctx, serviceId, STEP, "credentials");
    if (!open.ok) return open;
    await tx.update(appCredentials).set({ keyHash: null, keyHint: null, issuedAt: null, updatedAt: now }).where(eq(appCredentials.eserviceId, serviceId));
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "credentials.reset", subjectType: "eservice", subjectId: serviceId, ip: ctx.actor.ip });
    return { ok: true } as const;
  });
}

const screenshotColumns = { id: eserviceFiles.id, fileName: eserviceFiles.fileName, position: eserviceFiles.position };

function screenshotsQuery(db: DbOrTx, serviceId: string) {
  return db
    .select(screenshotColumns)
    .from(eserviceFiles)
    .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.kind, "screenshot")))
    .orderBy(asc(eserviceFiles.position), asc(eserviceFiles.createdAt));
}

/** Screenshot `fileId` of service `serviceId` (none of another's), for its delete page. */
export function screenshotReads(db: DbOrTx, serviceId: string, fileId: string) {
  const query = db
    .select(screenshotColumns)
    .from(eserviceFiles)
    .where(and(eq(eserviceFiles.eserviceId, serviceId), eq(eserviceFiles.id, fileId), eq(eserviceFiles.kind, "screenshot")))
    .limit(1);
  return pageReads([query], ([rows]) => rows[0] ?? null);
}

/** Adds a screenshot at the end, once per rendered upload form (`once`). */
export async function addScreenshot(ctx: UseCaseContext, serviceId: string, file: StoredUpload, once?: string | null): Promise<{ ok: true } | Refused> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const open = await openForWrite(tx, ctx, serviceId, STEP, "screenshots");
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
      stepNo: STEP,
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
    const open = await openForWrite(tx, ctx, serviceId, STEP, "screenshots");
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
    const open = await openForWrite(tx, ctx, serviceId, STEP, "screenshots");
    if (!open.ok) return open;
    const list = await screenshotsQuery(tx, serviceId);
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

/** Keeps `file` as the pre-production icon (its pixels already checked), replacing an earlier one. */
export async function setPreprodIcon(ctx: UseCaseContext, serviceId: string, file: StoredUpload): Promise<{ ok: true } | Refused> {
  return replaceServiceFile(ctx, serviceId, { kind: "icon", stepNo: STEP }, file);
}

/** What step 5's page shows: its testers, credentials, icon and screenshots, as one batch. */
export function preprodReads(ctx: UseCaseContext, serviceId: string) {
  return pageReads(
    [testersQuery(ctx.db, serviceId, STEP), credentialsQuery(ctx.db, serviceId), serviceFileQuery(ctx.db, serviceId, "icon", STEP), screenshotsQuery(ctx.db, serviceId)],
    async ([testers, credentials, icon, screenshots]) => ({
      testers: await withNationalIds(await ctx.keys(), testers),
      credentials: credentialView(credentials[0]),
      icon: icon[0] ?? null,
      screenshots,
    }),
  );
}

/** Step 5's page data on its own (one round trip). */
export async function preprodPage(ctx: UseCaseContext, serviceId: string) {
  return runReads(ctx.db, preprodReads(ctx, serviceId), undefined);
}
