/**
 * @module
 * A staff member's own account: their profile, a new e-mail address (which takes
 * effect only once a link mailed to it is followed), and changing their password.
 */
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { accountTokens, users } from "../db/schema";
import { emailChangeExpiresAt, sameEmail, type ProfileForm } from "../domain/profile-forms";
import { emailChangedNoticeMail, emailChangeConfirmMail } from "../messages/account-mail";
import type { PasswordKdf } from "../platform/ports";
import { claimToken, findLiveToken, newLinkToken, type LiveToken } from "./account-tokens";
import { recordAudit } from "./audit";
import { LOGIN_LIMIT_PER_ACCOUNT } from "./auth";
import { actorId, type UseCaseContext } from "./context";
import { enqueueMail } from "./mail";
import { hashPassword, verifyPassword } from "./password";
import { hitRateLimit, releaseRateLimit, type RateLimitRule } from "./rate-limit";
import { createSession, deleteUserSessions } from "./session";

/** Confirmation mails one user may have sent to new addresses in an hour. */
export const EMAIL_CHANGE_LIMIT: RateLimitRule = { limit: 5, windowMs: 3600_000 };

export interface Profile {
  displayName: string;
  phone: string | null;
  email: string | null;
  username: string | null;
  /** A new address waiting for its confirmation link to be followed. */
  pendingEmail: { address: string; expiresAt: Date } | null;
}

/** The user row and any pending e-mail change, read as one batch (one round trip on Workers). */
export async function getProfile(db: Db, userId: string, now: Date): Promise<Profile | null> {
  const [[user], [pending]] = await db.batch([
    db
      .select({ displayName: users.displayName, phone: users.phone, email: users.email, username: users.username })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1),
    db
      .select({ address: accountTokens.newEmail, expiresAt: accountTokens.expiresAt })
      .from(accountTokens)
      .where(
        and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, "email_change"), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now)),
      )
      .orderBy(desc(accountTokens.createdAt))
      .limit(1),
  ]);
  if (!user) return null;
  return { ...user, pendingEmail: pending?.address ? { address: pending.address, expiresAt: pending.expiresAt } : null };
}

export type ProfileOutcome =
  | { ok: true; emailChangeSentTo: string | null }
  | { ok: false; reason: "not_found" | "password_missing" | "wrong_current" }
  /** Too many confirmation links mailed. */
  | { ok: false; reason: "rate_limited"; retryAfterMs: number }
  /** Too many wrong passwords for this account (sign-in's limit). */
  | { ok: false; reason: "password_limited"; retryAfterMs: number };

/**
 * Saves the name and phone at once; a different e-mail only gets a confirmation
 * link (to the new address), replacing any earlier one not yet followed.
 * A different e-mail also needs the current password: with the mailbox, a stolen
 * session could take the account over through "forgot password". Any refusal
 * saves nothing, the name and phone included.
 */
export async function updateProfile(ctx: UseCaseContext, kdf: PasswordKdf, form: ProfileForm): Promise<ProfileOutcome> {
  const userId = actorId(ctx);
  if (!userId) return { ok: false, reason: "not_found" };
  const now = ctx.clock.now();
  const [current] = await ctx.db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  if (!current) return { ok: false, reason: "not_found" };
  const emailChanges = !sameEmail(current.email, form.email);
  if (emailChanges) {
    if (!form.currentPassword) return { ok: false, reason: "password_missing" };
    const check = await verifyCurrentPassword(ctx, kdf, userId, form.currentPassword);
    if (!check.ok && check.reason === "rate_limited") return { ok: false, reason: "password_limited", retryAfterMs: check.retryAfterMs };
    if (!check.ok && check.reason === "wrong_current") {
      await recordAudit(ctx.db, now, { actorId: userId, action: "user.email_change_refused", subjectType: "user", subjectId: userId, ip: ctx.actor.ip });
    }
    if (!check.ok) return check;
    // Counted only once the password is right, so guessing it uses up no confirmation mails.
    const hit = await hitRateLimit(ctx.db, `email_change:user:${userId}`, EMAIL_CHANGE_LIMIT, now);
    if (!hit.allowed) return { ok: false, reason: "rate_limited", retryAfterMs: hit.retryAfterMs };
  }
  const link = emailChanges ? await newLinkToken() : null;
  return ctx.db.transaction(async (tx): Promise<ProfileOutcome> => {
    const [before] = await tx
      .select({ displayName: users.displayName, phone: users.phone, username: users.username })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1);
    if (!before) return { ok: false, reason: "not_found" };
    const after = { displayName: form.displayName, phone: form.phone };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
    if (changed.length > 0) {
      await tx.update(users).set(after).where(eq(users.id, userId));
      await recordAudit(tx, now, {
        actorId: userId,
        action: "user.profile_updated",
        subjectType: "user",
        subjectId: userId,
        data: { before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])) },
        ip: ctx.actor.ip,
      });
    }
    if (!link) return { ok: true, emailChangeSentTo: null };
    await tx.delete(accountTokens).where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, "email_change"), isNull(accountTokens.usedAt)));
    await tx.insert(accountTokens).values({
      id: link.id,
      userId,
      purpose: "email_change",
      newEmail: form.email,
      createdAt: now,
      expiresAt: emailChangeExpiresAt(now),
    });
    const mail = emailChangeConfirmMail({
      name: after.displayName,
      username: before.username,
      newEmail: form.email,
      url: new URL(`/account/email/${link.token}`, ctx.appUrl).href,
    });
    await enqueueMail(tx, now, { to: form.email, ...mail, redactAfterSend: true, userId, kind: "email_change" });
    await recordAudit(tx, now, {
      actorId: userId,
      action: "user.email_change_requested",
      subjectType: "user",
      subjectId: userId,
      data: { newEmail: form.email },
      ip: ctx.actor.ip,
    });
    return { ok: true, emailChangeSentTo: form.email };
  });
}

/** The account and new address a confirmation link is for, while it can still be used. */
export function findEmailChangeLink(ctx: UseCaseContext, token: string): Promise<LiveToken | null> {
  return findLiveToken(ctx.db, token, "email_change", ctx.clock.now());
}

export type EmailConfirmOutcome = { ok: true; userId: string } | { ok: false; reason: "invalid_link" };

/**
 * Follows a confirmation link. The token names the account, so whoever is signed
 * in (or nobody) cannot redirect the change to another account; the old address
 * is told.
 */
export async function confirmEmailChange(ctx: UseCaseContext, token: string): Promise<EmailConfirmOutcome> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<EmailConfirmOutcome> => {
    const live = await claimToken(tx, token, "email_change", now);
    if (!live || !live.newEmail) return { ok: false, reason: "invalid_link" };
    const oldEmail = live.user.email;
    await tx.update(users).set({ email: live.newEmail }).where(eq(users.id, live.userId));
    // Reset links already mailed went to the old address, which no longer speaks for the account.
    await tx
      .delete(accountTokens)
      .where(and(eq(accountTokens.userId, live.userId), eq(accountTokens.purpose, "password_reset"), isNull(accountTokens.usedAt)));
    if (oldEmail && !sameEmail(oldEmail, live.newEmail)) {
      const notice = emailChangedNoticeMail({ name: live.user.displayName, username: live.user.username, newEmail: live.newEmail });
      await enqueueMail(tx, now, { to: oldEmail, ...notice, userId: live.userId, kind: "email_change" });
    }
    await recordAudit(tx, now, {
      // The link proves the new mailbox belongs to the account's owner: the change is theirs.
      actorId: live.userId,
      action: "user.email_changed",
      subjectType: "user",
      subjectId: live.userId,
      data: { before: oldEmail, after: live.newEmail, signedInAs: actorId(ctx) },
      ip: ctx.actor.ip,
    });
    return { ok: true, userId: live.userId };
  });
}

export type ChangePasswordOutcome =
  | { ok: true; session: { token: string; expiresAt: Date } }
  | { ok: false; reason: "wrong_current" | "not_found" }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number };

type PasswordCheck =
  | { ok: true; passwordHash: string }
  | { ok: false; reason: "wrong_current" | "not_found" }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number };

/**
 * Checks the acting user's current password as sign-in does: a wrong one counts
 * against the same per-account limit, so no form here is a side door for
 * guessing; a right one gives its hit back. The caller audits a wrong one.
 */
async function verifyCurrentPassword(ctx: UseCaseContext, kdf: PasswordKdf, userId: string, password: string): Promise<PasswordCheck> {
  const now = ctx.clock.now();
  const [user] = await ctx.db.select({ usernameLower: users.usernameLower, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return { ok: false, reason: "not_found" };
  const key = `login:user:${user.usernameLower ?? userId}`;
  const hit = await hitRateLimit(ctx.db, key, LOGIN_LIMIT_PER_ACCOUNT, now);
  if (!hit.allowed) return { ok: false, reason: "rate_limited", retryAfterMs: hit.retryAfterMs };
  if (!user.passwordHash || !(await verifyPassword(kdf, password, user.passwordHash))) return { ok: false, reason: "wrong_current" };
  await releaseRateLimit(ctx.db, key, hit);
  return { ok: true, passwordHash: user.passwordHash };
}

/**
 * Changes the acting user's password once the current one is checked
 * (`verifyCurrentPassword`). On success every session of the user ends and a
 * fresh one replaces the current one, all in one transaction.
 */
export async function changePassword(
  ctx: UseCaseContext,
  kdf: PasswordKdf,
  input: { currentPassword: string; newPassword: string; userAgent: string | null },
): Promise<ChangePasswordOutcome> {
  const userId = actorId(ctx);
  if (!userId) return { ok: false, reason: "not_found" };
  const now = ctx.clock.now();
  const check = await verifyCurrentPassword(ctx, kdf, userId, input.currentPassword);
  if (!check.ok && check.reason === "wrong_current") {
    await recordAudit(ctx.db, now, { actorId: userId, action: "user.password_change_failed", subjectType: "user", subjectId: userId, ip: ctx.actor.ip });
  }
  if (!check.ok) return check;
  const stored = check.passwordHash;
  const passwordHash = await hashPassword(kdf, input.newPassword);
  return ctx.db.transaction(async (tx): Promise<ChangePasswordOutcome> => {
    // Only if the hash is still the one just verified (another tab may have changed it meanwhile).
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, passwordExpiresAt: null })
      .where(and(eq(users.id, userId), eq(users.passwordHash, stored)))
      .returning({ id: users.id });
    if (!updated) return { ok: false, reason: "wrong_current" };
    await deleteUserSessions(tx, userId);
    const session = await createSession(tx, userId, now, input.userAgent);
    await recordAudit(tx, now, { actorId: userId, action: "user.password_changed", subjectType: "user", subjectId: userId, ip: ctx.actor.ip });
    return { ok: true, session: { token: session.token, expiresAt: session.expiresAt } };
  });
}
