/**
 * @module
 * Shareable tracking links (`/track/<token>`). The token is 160 random bits and
 * only its SHA-256 is stored; making a new link revokes the old ones, so a link
 * that leaked can be cut off. The link never grants access by itself: the
 * visitor still signs in and must be allowed to see the request.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { academicRequests, trackingLinks } from "../db/schema";
import { recordAudit } from "./audit";
import { actorId, actorRole, type UseCaseContext } from "./context";
import { newId, randomToken, sha256Hex } from "./crypto";

/** Only officers handle links; to anyone else a request answers as if it did not exist. */
export type TrackingLinkOutcome<T = object> = ({ ok: true } & T) | { ok: false; reason: "not_found" };

function linkHandler(ctx: UseCaseContext): string | null {
  const role = actorRole(ctx);
  return role === "officer" || role === "admin" ? actorId(ctx) : null;
}

async function requestExists(tx: DbOrTx, requestId: string): Promise<boolean> {
  const [req] = await tx.select({ id: academicRequests.id }).from(academicRequests).where(eq(academicRequests.id, requestId)).limit(1);
  return !!req;
}

async function revokeLive(tx: DbOrTx, requestId: string, now: Date): Promise<void> {
  await tx
    .update(trackingLinks)
    .set({ revokedAt: now })
    .where(and(eq(trackingLinks.requestId, requestId), isNull(trackingLinks.revokedAt)));
}

/** A new link for the request (the token is shown once); the old links stop working. */
export async function createTrackingLink(ctx: UseCaseContext, requestId: string): Promise<TrackingLinkOutcome<{ token: string }>> {
  const officerId = linkHandler(ctx);
  if (!officerId) return { ok: false, reason: "not_found" };
  const now = ctx.clock.now();
  const token = randomToken(20);
  const tokenHash = await sha256Hex(token);
  return ctx.db.transaction(async (tx): Promise<TrackingLinkOutcome<{ token: string }>> => {
    if (!(await requestExists(tx, requestId))) return { ok: false, reason: "not_found" };
    await revokeLive(tx, requestId, now);
    await tx.insert(trackingLinks).values({ id: newId(), requestId, tokenHash, createdBy: officerId, createdAt: now });
    await recordAudit(tx, now, { actorId: officerId, action: "tracking_link.created", subjectType: "request", subjectId: requestId, ip: ctx.actor.ip });
    return { ok: true, token };
  });
}

export async function revokeTrackingLinks(ctx: UseCaseContext, requestId: string): Promise<TrackingLinkOutcome> {
  if (!linkHandler(ctx)) return { ok: false, reason: "not_found" };
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<TrackingLinkOutcome> => {
    if (!(await requestExists(tx, requestId))) return { ok: false, reason: "not_found" };
    await revokeLive(tx, requestId, now);
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "tracking_link.revoked", subjectType: "request", subjectId: requestId, ip: ctx.actor.ip });
    return { ok: true };
  });
}

/** The request a live token points at, or null (unknown, malformed or revoked). */
export async function resolveTrackingToken(db: DbOrTx, token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const [row] = await db
    .select({ requestId: trackingLinks.requestId })
    .from(trackingLinks)
    .where(and(eq(trackingLinks.tokenHash, await sha256Hex(token)), isNull(trackingLinks.revokedAt)))
    .limit(1);
  return row?.requestId ?? null;
}

export async function activeTrackingLink(db: DbOrTx, requestId: string) {
  const [row] = await db
    .select({ createdAt: trackingLinks.createdAt })
    .from(trackingLinks)
    .where(and(eq(trackingLinks.requestId, requestId), isNull(trackingLinks.revokedAt)))
    .orderBy(desc(trackingLinks.createdAt))
    .limit(1);
  return row ?? null;
}
