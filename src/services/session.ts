/**
 * @module
 * Database-backed sessions. The cookie holds a random 160-bit token; the row is
 * keyed by its SHA-256, so reading the table does not let anyone sign in.
 */
import { and, eq, lt, sql } from "drizzle-orm";
import { firstTryOnly, preparedOnce, type DbOrTx } from "../db/client";
import { isBusyError } from "../db/busy";
import { sessions, users } from "../db/schema";
import type { Role } from "../domain/roles";
import { randomToken, sha256Hex } from "./crypto";

/** Signed out after this long without a request. */
export const SESSION_IDLE_MS = 2 * 3600_000;
/** Signed out this long after sign-in, however active. */
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
/** How long an idle-expired session row is kept before the sweep (see sweepSessions). */
const IDLE_ROW_KEPT_MS = 10 * 3600_000;
/** last_seen_at is written at most this often, to keep reads read-only. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionUser {
  id: string;
  role: Role;
  displayName: string;
  username: string | null;
  orgId: string | null;
  /** Applicants only: the HMAC of their national ID, which their requests are filed under. */
  pidHmac: string | null;
  mustChangePassword: boolean;
}

export interface ValidSession {
  id: string;
  user: SessionUser;
}

export async function createSession(
  db: DbOrTx,
  userId: string,
  now: Date,
  userAgent: string | null,
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const { insert, ...created } = await newSession(db, userId, now, userAgent);
  await insert;
  return created;
}

/** A new session's token and its row's insert, unsent (sign-in sends it in one batch with its audit event). */
export async function newSession(db: DbOrTx, userId: string, now: Date, userAgent: string | null) {
  const token = randomToken(20);
  const id = await sha256Hex(token);
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  const insert = db.insert(sessions).values({
    id,
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, id, expiresAt, insert };
}

function buildSessionQuery(db: DbOrTx) {
  return db
    .select({
      id: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      user: {
        id: users.id,
        role: users.role,
        displayName: users.displayName,
        username: users.username,
        orgId: users.orgId,
        pidHmac: users.pidHmac,
        mustChangePassword: users.mustChangePassword,
        disabledAt: users.disabledAt,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .limit(1)
    .prepare();
}

const sessionQuery = preparedOnce(buildSessionQuery);

/** The session and its user, or null when unknown, idle too long, past its end, or the user is disabled. */
export async function validateSession(db: DbOrTx, token: string, now: Date): Promise<ValidSession | null> {
  return (await readSession(db, token, now)).session;
}

/**
 * `validateSession`, also saying whose the row was when it no longer signs anyone in
 * (a form posted too late is parked for them) — from the same one statement.
 */
export async function readSession(db: DbOrTx, token: string, now: Date): Promise<{ session: ValidSession | null; ownerId: string | null }> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return { session: null, ownerId: null };
  const id = await sha256Hex(token);
  const [row] = await sessionQuery(db).all({ id });
  if (!row) return { session: null, ownerId: null };
  const t = now.getTime();
  if (t >= row.expiresAt.getTime() || t - row.lastSeenAt.getTime() >= SESSION_IDLE_MS || row.user.disabledAt) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { session: null, ownerId: row.user.id };
  }
  if (t - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    // Many requests of one session can arrive together once a minute has passed; only the
    // first of them writes (the others match no row, so they commit nothing to disk).
    // Skipped, not waited for, while another writer holds the lock: a page must not wait on
    // it, and the session's next request touches it again.
    await firstTryOnly(db)
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, new Date(t - TOUCH_EVERY_MS + 1))))
      .catch((e: unknown) => {
        if (!isBusyError(e)) throw e;
      });
  }
  const { disabledAt: _disabled, ...user } = row.user;
  return { session: { id, user }, ownerId: row.user.id };
}

/**
 * Marks the session as used now, whatever the once-a-minute write throttle of
 * `validateSession` says: the keep-alive of the timeout warning must extend it.
 */
export async function touchSession(db: DbOrTx, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
}

export async function deleteSessionByToken(db: DbOrTx, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, await sha256Hex(token)));
}

export async function deleteUserSessions(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/**
 * Removes sessions past their absolute end, and idle ones some hours after their idle
 * limit: an idle row no longer signs anyone in (validateSession refuses it), but until
 * it is swept it tells whose form a late post is, so the form can be parked for them.
 */
export async function sweepSessions(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  await db.delete(sessions).where(and(lt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS - IDLE_ROW_KEPT_MS))));
}
