/**
 * @module
 * Shareable tracking links (`/track/<token>`). The token is 160 random bits and
 * only its SHA-256 is stored; making a new link revokes the old ones, so a link
 * that leaked can be cut off. The link never grants access by itself: the
 * visitor still signs in and must be allowed to see the request.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { academicRequests, trackingLinks } from "../db/schema";
import { recordAudit } from "./audit";
import { newId, randomToken, sha256Hex } from "./crypto";
import type { Actor } from "./requests";

export async function createTrackingLink(db: Db, now: Date, actor: Actor, requestId: string): Promise<string | null> {
  if (actor.user.role !== "officer" && actor.user.role !== "admin") return null;
  const token = randomToken(20);
  const tokenHash = await sha256Hex(token);
  const created = await db.transaction(async (tx) => {
    const [req] = await tx.select({ id: academicRequests.id }).from(academicRequests).where(eq(academicRequests.id, requestId)).limit(1);
    if (!req) return false;
    await tx
      .update(trackingLinks)
      .set({ revokedAt: now })
      .where(and(eq(trackingLinks.requestId, requestId), isNull(trackingLinks.revokedAt)));
    await tx.insert(trackingLinks).values({ id: newId(), requestId, tokenHash, createdBy: actor.user.id, createdAt: now });
    await recordAudit(tx, now, { actorId: actor.user.id, action: "tracking_link.created", subjectType: "request", subjectId: requestId, ip: actor.ip });
    return true;
  });
  return created ? token : null;
}

export async function revokeTrackingLinks(db: Db, now: Date, actor: Actor, requestId: string): Promise<void> {
  if (actor.user.role !== "officer" && actor.user.role !== "admin") return;
  await db.transaction(async (tx) => {
    await tx
      .update(trackingLinks)
      .set({ revokedAt: now })
      .where(and(eq(trackingLinks.requestId, requestId), isNull(trackingLinks.revokedAt)));
    await recordAudit(tx, now, { actorId: actor.user.id, action: "tracking_link.revoked", subjectType: "request", subjectId: requestId, ip: actor.ip });
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
