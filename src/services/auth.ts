/**
 * @module
 * Staff sign-in and sign-out: password check behind per-account and per-IP
 * limits (only failed attempts count; refused ones neither count nor extend a
 * lockout), a fresh session on success (the old one, if any, is dropped), and an
 * outdated password hash (PBKDF2 from before argon2id) replaced in the same step.
 */
import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { sessions, users } from "../db/schema";
import type { Role } from "../domain/roles";
import type { PasswordKdf } from "../platform/ports";
import { auditInsert, recordAudit } from "./audit";
import { actorId, type UseCaseContext } from "./context";
import { checkPassword, DUMMY_HASH } from "./password";
import { sha256Hex } from "./crypto";
import { clearRateLimitQuery, rateLimitHit, rateLimitOutcome, releaseRateLimitQuery, type RateLimitRule } from "./rate-limit";
import { deleteSessionByToken, newSession } from "./session";

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
  // The two hits and the account's row go as one batch (one round trip on the Workers
  // host); the row is only looked at once both hits were allowed.
  const [ipHit, accountHit, [user]] = await db.batch([
    rateLimitHit(db, ipKey, LOGIN_LIMIT_PER_IP, now),
    rateLimitHit(db, accountKey, LOGIN_LIMIT_PER_ACCOUNT, now),
    db.select().from(users).where(eq(users.usernameLower, usernameLower)).limit(1),
  ]);
  const perIp = await rateLimitOutcome(db, ipKey, LOGIN_LIMIT_PER_IP, now, ipHit);
  const perAccount = await rateLimitOutcome(db, accountKey, LOGIN_LIMIT_PER_ACCOUNT, now, accountHit);
  if (!perIp.allowed || !perAccount.allowed) {
    await db.batch([releaseRateLimitQuery(db, ipKey, perIp), releaseRateLimitQuery(db, accountKey, perAccount)]);
    return { ok: false, reason: "rate_limited", retryAfterMs: Math.max(perIp.retryAfterMs, perAccount.retryAfterMs) };
  }

  const check = await checkPassword(deps.kdf, input.password, user?.passwordHash ?? DUMMY_HASH);
  const expiredTemporary =
    user?.mustChangePassword && user.passwordExpiresAt !== null && user.passwordExpiresAt.getTime() <= now.getTime();
  if (!user || !check.ok || user.disabledAt || !user.passwordHash) return { ok: false, reason: "invalid" };
  // Only failures count against the IP: one university's NAT address carries every colleague's sign-in.
  const releaseIp = releaseRateLimitQuery(db, ipKey, perIp);
  // Said only to someone who knows the password, so it reveals nothing to a guesser.
  if (expiredTemporary) {
    await releaseIp;
    return { ok: false, reason: "expired_temporary" };
  }

  const rehash = check.rehash ? { from: user.passwordHash, to: check.rehash } : undefined;
  // The IP's slot given back and the account's limit cleared in the session's own batch.
  const session = await startSession(db, now, { ...input, userId: user.id, method: "password", rehash }, [releaseIp, clearRateLimitQuery(db, accountKey)]);
  return {
    ok: true,
    token: session.token,
    expiresAt: session.expiresAt,
    user: { id: user.id, role: user.role, mustChangePassword: user.mustChangePassword },
  };
}

/**
 * A fresh session for `userId`, replacing the one the browser had (fixation
 * defence), with its audit event, as one batch: atomic like a transaction, and one
 * round trip on the Workers host (nothing in it is read-then-decide). `also`: the
 * caller's writes that belong to the same step.
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
  also: readonly BatchItem<"sqlite">[] = [],
) {
  const { insert, ...created } = await newSession(db, input.userId, now, input.userAgent);
  const writes: BatchItem<"sqlite">[] = [];
  if (input.previousToken) writes.push(db.delete(sessions).where(eq(sessions.id, await sha256Hex(input.previousToken))));
  if (input.rehash) {
    // Only over the hash just verified: a password changed meanwhile in another tab stays.
    writes.push(
      db
        .update(users)
        .set({ passwordHash: input.rehash.to })
        .where(and(eq(users.id, input.userId), eq(users.passwordHash, input.rehash.from))),
    );
  }
  const audit = auditInsert(db, now, {
    actorId: input.userId,
    action: "auth.login",
    subjectType: "user",
    subjectId: input.userId,
    data: { method: input.method },
    ip: input.ip,
  });
  await db.batch([...writes, insert, audit, ...also] as unknown as [BatchItem<"sqlite">]);
  return created;
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
