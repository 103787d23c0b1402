/**
 * @module
 * "ลืมรหัสผ่าน?": a staff member asks for a reset link by e-mail address and sets a
 * new password through it.
 *
 * Asking must not tell anyone whether an address has an account. The answer is
 * always the same, and so is the work behind it: both rate limits are hit, the
 * accounts are looked up, and the same statements write the tokens, mails and
 * audit events for however many accounts matched (none included), each as one
 * INSERT … SELECT over a JSON array.
 */
import { and, eq, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "../db/client";
import { accountTokens, auditEvents, outboxMail, users } from "../db/schema";
import { resetLinkExpiresAt } from "../domain/profile-forms";
import { passwordResetMail } from "../messages/account-mail";
import type { PasswordKdf } from "../platform/ports";
import { claimToken, findLiveToken, newLinkToken, type LiveToken } from "./account-tokens";
import { recordAudit } from "./audit";
import { actorId, type UseCaseContext } from "./context";
import { newId } from "./crypto";
import { hashPassword } from "./password";
import { clearRateLimit, hitRateLimit, releaseRateLimit, type RateLimitRule } from "./rate-limit";
import { deleteUserSessions } from "./session";

export const RESET_LIMIT_PER_ADDRESS: RateLimitRule = { limit: 3, windowMs: 3600_000 };
export const RESET_LIMIT_PER_IP: RateLimitRule = { limit: 20, windowMs: 3600_000 };

/**
 * Inserts `rows` with one statement whatever their number: `columns` maps each
 * row field to the column it fills.
 */
async function insertEach(tx: DbOrTx, table: SQLiteTable, columns: Record<string, SQLiteColumn>, rows: Record<string, unknown>[]): Promise<void> {
  const fields = Object.keys(columns);
  const names = sql.join(fields.map((f) => sql.identifier(columns[f]!.name)), sql`, `);
  const values: SQL[] = fields.map((f) => sql`json_extract(value, ${`$.${f}`})`);
  await tx.run(sql`INSERT INTO ${table} (${names}) SELECT ${sql.join(values, sql`, `)} FROM json_each(${JSON.stringify(rows)})`);
}

/**
 * Mails a reset link to every active staff account with this address (compared
 * without case), unless a rate limit is reached. Says nothing either way.
 */
export async function requestPasswordReset(ctx: UseCaseContext, address: string): Promise<void> {
  const now = ctx.clock.now();
  const lower = address.trim().toLowerCase();
  const ipKey = `pwreset:ip:${ctx.actor.ip ?? "none"}`;
  const addressKey = `pwreset:email:${lower}`;
  const perIp = await hitRateLimit(ctx.db, ipKey, RESET_LIMIT_PER_IP, now);
  const perAddress = await hitRateLimit(ctx.db, addressKey, RESET_LIMIT_PER_ADDRESS, now);
  const allowed = perIp.allowed && perAddress.allowed;
  if (!allowed) {
    // A refused request uses up nothing of the other limit.
    await releaseRateLimit(ctx.db, ipKey, perIp);
    await releaseRateLimit(ctx.db, addressKey, perAddress);
  }
  await ctx.db.transaction(async (tx) => {
    const found = await tx
      .select({ id: users.id, displayName: users.displayName, username: users.username, email: users.email })
      .from(users)
      .where(and(sql`lower(${users.email}) = ${lower}`, ne(users.role, "applicant"), isNull(users.disabledAt)));
    const accounts = allowed ? found : [];
    const expiresAt = resetLinkExpiresAt(now).getTime();
    const links = await Promise.all(accounts.map(async (a) => ({ account: a, ...(await newLinkToken()) })));
    const userIds = JSON.stringify(accounts.map((a) => a.id));

    // Only the newest link works.
    await tx
      .delete(accountTokens)
      .where(
        and(
          eq(accountTokens.purpose, "password_reset"),
          isNull(accountTokens.usedAt),
          inArray(accountTokens.userId, sql`(SELECT value FROM json_each(${userIds}))`),
        ),
      );
    await insertEach(
      tx,
      accountTokens,
      { id: accountTokens.id, userId: accountTokens.userId, purpose: accountTokens.purpose, createdAt: accountTokens.createdAt, expiresAt: accountTokens.expiresAt },
      links.map((l) => ({ id: l.id, userId: l.account.id, purpose: "password_reset", createdAt: now.getTime(), expiresAt })),
    );
    await insertEach(
      tx,
      outboxMail,
      {
        id: outboxMail.id,
        createdAt: outboxMail.createdAt,
        to: outboxMail.to,
        subject: outboxMail.subject,
        text: outboxMail.text,
        status: outboxMail.status,
        attempts: outboxMail.attempts,
        nextAttemptAt: outboxMail.nextAttemptAt,
        redactAfterSend: outboxMail.redactAfterSend,
        userId: outboxMail.userId,
        kind: outboxMail.kind,
      },
      links.map((l) => {
        const mail = passwordResetMail({
          name: l.account.displayName,
          username: l.account.username,
          url: new URL(`/reset-password/${l.token}`, ctx.appUrl).href,
        });
        return {
          id: newId(),
          createdAt: now.getTime(),
          // The stored address, which may differ in case from the one typed.
          to: l.account.email,
          subject: mail.subject,
          text: mail.text,
          status: "pending",
          attempts: 0,
          nextAttemptAt: now.getTime(),
          redactAfterSend: 1,
          userId: l.account.id,
          kind: "password_reset",
        };
      }),
    );
    await insertEach(
      tx,
      auditEvents,
      { at: auditEvents.at, actorId: auditEvents.actorId, action: auditEvents.action, subjectType: auditEvents.subjectType, subjectId: auditEvents.subjectId, ip: auditEvents.ip },
      accounts.map((a) => ({
        at: now.getTime(),
        actorId: actorId(ctx),
        action: "user.password_reset_requested",
        subjectType: "user",
        subjectId: a.id,
        ip: ctx.actor.ip,
      })),
    );
  });
}

/** The account a reset link is for, while the link can still be used. */
export function findResetLink(ctx: UseCaseContext, token: string): Promise<LiveToken | null> {
  return findLiveToken(ctx.db, token, "password_reset", ctx.clock.now());
}

export type ResetOutcome = { ok: true; userId: string } | { ok: false; reason: "invalid_link" };

/**
 * Sets the new password through a live link and uses the link up. Every session
 * of the account ends; a temporary password's expiry no longer applies, but a
 * user who never finished the first sign-in still chooses a username next.
 */
export async function resetPassword(ctx: UseCaseContext, kdf: PasswordKdf, token: string, newPassword: string): Promise<ResetOutcome> {
  const now = ctx.clock.now();
  const passwordHash = await hashPassword(kdf, newPassword);
  return ctx.db.transaction(async (tx): Promise<ResetOutcome> => {
    const live = await claimToken(tx, token, "password_reset", now);
    if (!live) return { ok: false, reason: "invalid_link" };
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordExpiresAt: null })
      .where(eq(users.id, live.userId))
      .returning({ usernameLower: users.usernameLower });
    await deleteUserSessions(tx, live.userId);
    // Whatever else was mailed and not yet followed goes too: a reset is a recovery, and a pending
    // new address may be an intruder's.
    await tx.delete(accountTokens).where(and(eq(accountTokens.userId, live.userId), isNull(accountTokens.usedAt)));
    // Whoever was locked out by wrong guesses may sign in with the new password at once.
    if (user?.usernameLower) await clearRateLimit(tx, `login:user:${user.usernameLower}`);
    await recordAudit(tx, now, { actorId: live.userId, action: "user.password_reset", subjectType: "user", subjectId: live.userId, ip: ctx.actor.ip });
    return { ok: true, userId: live.userId };
  });
}
