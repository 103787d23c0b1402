/**
 * @module
 * Shareable tracking links (`/track/<token>`). The token is 160 random bits and
 * only its SHA-256 is stored; making a new link revokes the old ones, so a link
 * that leaked can be cut off. The link never grants access by itself: the
 * visitor still signs in and must be allowed to see the request.
 *
 * Mailing a link: since only the hash is kept, the plain link exists only at the
 * moment it is made. So "send the tracking link by e-mail" makes a fresh link
 * (revoking the old ones, as a new link always does) and mails that one, in the
 * same transaction; a link copied by hand earlier stops working, which the
 * button says.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { academicRequests, trackingLinks } from "../db/schema";
import { recordAudit } from "./audit";
import { actorId, actorRole, type UseCaseContext } from "./context";
import { newId, randomToken, sha256Hex } from "./crypto";
import { claimFormToken } from "./form-once";
import { enqueueMail } from "./mail";
import { trackingLinkMail } from "../messages/mail";

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

/** Who gets the mailed link: the applicant (when the request has an address) and the coordinator, each once. */
export function trackingMailRecipients(req: { applicantEmail: string | null; coordinatorEmail: string }): string[] {
  const seen = new Map<string, string>();
  for (const to of [req.applicantEmail, req.coordinatorEmail]) {
    const address = to?.trim();
    if (address && !seen.has(address.toLowerCase())) seen.set(address.toLowerCase(), address);
  }
  return [...seen.values()];
}

/**
 * A fresh link (the old ones stop working), mailed through the outbox to the
 * applicant and the coordinator on file, recorded as `tracking_link.mailed`.
 * `once` is the form's one-time token: a second post of the same form answers
 * with the first post's recipients and mails nothing.
 */
export async function mailTrackingLink(
  ctx: UseCaseContext,
  requestId: string,
  once: string | null,
): Promise<TrackingLinkOutcome<{ recipients: string[] }>> {
  const officerId = linkHandler(ctx);
  if (!officerId) return { ok: false, reason: "not_found" };
  const now = ctx.clock.now();
  const token = randomToken(20);
  const tokenHash = await sha256Hex(token);
  return ctx.db.transaction(async (tx): Promise<TrackingLinkOutcome<{ recipients: string[] }>> => {
    const claim = await claimFormToken<{ recipients: string[] }>(tx, ctx, "tracking_link.mail", once);
    if (claim.replay) return { ok: true, recipients: claim.result.recipients };
    const [req] = await tx
      .select({
        ticketNo: academicRequests.ticketNo,
        title: academicRequests.applicantTitle,
        firstName: academicRequests.applicantFirstName,
        lastName: academicRequests.applicantLastName,
        applicantEmail: academicRequests.applicantEmail,
        coordinatorEmail: academicRequests.coordinatorEmail,
      })
      .from(academicRequests)
      .where(eq(academicRequests.id, requestId))
      .limit(1);
    if (!req) return { ok: false, reason: "not_found" };
    const recipients = trackingMailRecipients(req);
    await revokeLive(tx, requestId, now);
    await tx.insert(trackingLinks).values({ id: newId(), requestId, tokenHash, createdBy: officerId, createdAt: now });
    const mail = trackingLinkMail({
      ticketNo: req.ticketNo ?? "-",
      applicantName: `${req.title}${req.firstName} ${req.lastName}`,
      url: new URL(`/track/${token}`, ctx.appUrl).toString(),
      helpUrl: new URL("/help/thaid", ctx.appUrl).toString(),
    });
    // The body holds the only plain copy of the link: gone from the outbox once sent.
    for (const to of recipients) await enqueueMail(tx, now, { to, ...mail, redactAfterSend: true });
    await recordAudit(tx, now, {
      actorId: officerId,
      action: "tracking_link.mailed",
      subjectType: "request",
      subjectId: requestId,
      data: { ticketNo: req.ticketNo, recipients: recipients.join(", ") },
      ip: ctx.actor.ip,
    });
    await claim.settle({ recipients });
    return { ok: true, recipients };
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
  const hash = await trackingTokenHash(token);
  if (!hash) return null;
  const [row] = await db
    .select({ requestId: trackingLinks.requestId })
    .from(trackingLinks)
    .where(and(eq(trackingLinks.tokenHash, hash), isNull(trackingLinks.revokedAt)))
    .limit(1);
  return row?.requestId ?? null;
}

/** What a tracking link's token is stored as; null for a string no link could have (never looked up). */
export async function trackingTokenHash(token: string): Promise<string | null> {
  return /^[A-Za-z0-9_-]{20,64}$/.test(token) ? sha256Hex(token) : null;
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
