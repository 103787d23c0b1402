/**
 * @module
 * Staff sign-in and sign-out: password check behind per-account and per-IP
 * limits (only failed attempts count; refused ones neither count nor extend a
 * lockout), a fresh session on success (the old one, if any, is dropped), and an
 * outdated password hash (PBKDF2 from before argon2id) replaced in the same step.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import type { Role } from "../domain/roles";
import type { PasswordKdf } from "../platform/ports";
import { recordAudit } from "./audit";
import { actorId, type UseCaseContext } from "./context";
import { checkPassword, DUMMY_HASH } from "./password";
import { clearRateLimit, hitRateLimit, releaseRateLimit, type RateLimitRule } from "./rate-limit";
import { createSession, deleteSessionByToken } from "./session";

export const LOGIN_LIMIT_PER_ACCOUNT: RateLimitRule = { limit: 5, windowMs: 15 * 60_000 };
export const LOGIN_LIMIT_PER_IP: RateLimitRule = { limit: 30, windowMs: 15 * 60_000 };

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date; user: { id: string; role: Role; mustChangePassword: boolean } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "expired_temporary" }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number };

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
  /** The session cookie the browser already had; rotated away on success. */
  previousToken: string | null;
}

export async function loginWithPassword(
  deps: { db: Db; kdf: PasswordKdf; now: Date },
  input: LoginInput,
): Promise<LoginResult> {
  const { db, now } = deps;
  const usernameLower = input.username.toLowerCase();
  const ipKey = `login:ip:${input.ip}`;
  const accountKey = `login:user:${usernameLower}`;
  // Each limit takes a slot up front (atomically, so parallel guesses cannot slip past
  // a read-then-write check); a refused attempt gives back what it took and so never
  // counts, and a correct password gives back the IP's slot below.
  const perIp = await hitRateLimit(db, ipKey, LOGIN_LIMIT_PER_IP, now);
  const perAccount = await hitRateLimit(db, accountKey, LOGIN_LIMIT_PER_ACCOUNT, now);
  if (!perIp.allowed || !perAccount.allowed) {
    await releaseRateLimit(db, ipKey, perIp);
    await releaseRateLimit(db, accountKey, perAccount);
    return { ok: false, reason: "rate_limited", retryAfterMs: Math.max(perIp.retryAfterMs, perAccount.retryAfterMs) };
  }

  const [user] = await db.select().from(users).where(eq(users.usernameLower, usernameLower)).limit(1);
  const check = await checkPassword(deps.kdf, input.password, user?.passwordHash ?? DUMMY_HASH);
  const expiredTemporary =
    user?.mustChangePassword && user.passwordExpiresAt !== null && user.passwordExpiresAt.getTime() <= now.getTime();
  if (!user || !check.ok || user.disabledAt || !user.passwordHash) return { ok: false, reason: "invalid" };
  // Only failures count against the IP: one university's NAT address carries every colleague's sign-in.
  await releaseRateLimit(db, ipKey, perIp);
  // Said only to someone who knows the password, so it reveals nothing to a guesser.
  if (expiredTemporary) return { ok: false, reason: "expired_temporary" };

  const rehash = check.rehash ? { from: user.passwordHash, to: check.rehash } : undefined;
  const session = await startSession(db, now, { ...input, userId: user.id, method: "password", rehash });
  await clearRateLimit(db, accountKey);
  return {
    ok: true,
    token: session.token,
    expiresAt: session.expiresAt,
    user: { id: user.id, role: user.role, mustChangePassword: user.mustChangePassword },
  };
}

/**
 * A fresh session for `userId`, replacing the one the browser had (fixation
 * defence), in one transaction with its audit event.
 */
export async function startSession(
  db: Db,
  now: Date,
  input: {
    userId: string;
    previousToken: string | null;
    ip: string;
    userAgent: string | null;
    method: "password" | "thaid" | "thaid-qr";
    /** A password hash to store in place of the outdated one just verified. */
    rehash?: { from: string; to: string };
  },
) {
  return db.transaction(async (tx) => {
    if (input.previousToken) await deleteSessionByToken(tx, input.previousToken);
    if (input.rehash) {
      // Only over the hash just verified: a password changed meanwhile in another tab stays.
      await tx
        .update(users)
        .set({ passwordHash: input.rehash.to })
        .where(and(eq(users.id, input.userId), eq(users.passwordHash, input.rehash.from)));
    }
    const created = await createSession(tx, input.userId, now, input.userAgent);
    await recordAudit(tx, now, {
      actorId: input.userId,
      action: "auth.login",
      subjectType: "user",
      subjectId: input.userId,
      data: { method: input.method },
      ip: input.ip,
    });
    return created;
  });
}

/** Ends the acting user's session `token` (a visitor with no user has nothing to end). */
export async function logout(ctx: UseCaseContext, token: string, reason?: "idle"): Promise<void> {
  const userId = actorId(ctx);
  if (!userId) return;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await deleteSessionByToken(tx, token);
    await recordAudit(tx, now, { actorId: userId, action: "auth.logout", subjectType: "user", subjectId: userId, ip: ctx.actor.ip, ...(reason ? { data: { reason } } : {}) });
  });
}
