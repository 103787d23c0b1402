/**
 * @module
 * Fixed-window rate limits kept in the database, so every process and isolate
 * counts together.
 */
import { and, eq, gt, sql } from "drizzle-orm";
import { preparedOnce, type Db, type DbOrTx } from "../db/client";
import { bind, type Bound } from "../db/prepared-batch";
import { rateLimits } from "../db/schema";

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Milliseconds until the window resets; 0 when allowed. */
  retryAfterMs: number;
  /** When the counted window opened (epoch ms); lets `releaseRateLimit` give back this hit only. */
  windowStart: number;
}

/**
 * Counts one hit against `key` and says whether it is within the rule. One
 * upsert, so concurrent hits cannot both read the old count. A refused hit
 * writes nothing: it neither counts nor pushes the end of the window back.
 */
export async function hitRateLimit(db: DbOrTx, key: string, rule: RateLimitRule, now: Date): Promise<RateLimitResult> {
  return rateLimitOutcome(db, key, rule, now, await rateLimitHit(db, key, rule, now));
}

/**
 * `hitRateLimit`'s one upsert, unsent: a page may send it in its own batch (one round
 * trip with its reads), then read the outcome with `rateLimitOutcome`.
 */
export function rateLimitHit(db: DbOrTx, key: string, rule: RateLimitRule, now: Date) {
  const t = now.getTime();
  const expired = t - rule.windowMs;
  return db
    .insert(rateLimits)
    .values({ key, windowStart: t, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStart} <= ${expired} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowStart: sql`CASE WHEN ${rateLimits.windowStart} <= ${expired} THEN ${t} ELSE ${rateLimits.windowStart} END`,
      },
      setWhere: sql`${rateLimits.windowStart} <= ${expired} OR ${rateLimits.count} < ${rule.limit}`,
    })
    .returning({ windowStart: rateLimits.windowStart });
}

/** `rateLimitHit`'s upsert built once per database handle, for the hot tracking page. */
const hitQuery = preparedOnce((db) =>
  db
    .insert(rateLimits)
    .values({ key: sql.placeholder("key"), windowStart: sql.placeholder("t"), count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStart} <= ${sql.placeholder("expired")} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowStart: sql`CASE WHEN ${rateLimits.windowStart} <= ${sql.placeholder("expired")} THEN ${sql.placeholder("t")} ELSE ${rateLimits.windowStart} END`,
      },
      setWhere: sql`${rateLimits.windowStart} <= ${sql.placeholder("expired")} OR ${rateLimits.count} < ${sql.placeholder("limit")}`,
    })
    .returning({ windowStart: rateLimits.windowStart })
    .prepare(),
);

/** `rateLimitHit` as a prepared query bound to this hit's values, for `runBound`. */
export function boundRateLimitHit(db: Db, key: string, rule: RateLimitRule, now: Date): Bound<{ windowStart: number }[]> {
  const t = now.getTime();
  return bind(hitQuery(db), { key, t, expired: t - rule.windowMs, limit: rule.limit });
}

/** What the upsert's returned rows mean; a refused hit reads when its window ends (one more round trip, refusals only). */
export async function rateLimitOutcome(db: DbOrTx, key: string, rule: RateLimitRule, now: Date, returned: { windowStart: number }[]): Promise<RateLimitResult> {
  const t = now.getTime();
  const [row] = returned;
  if (row) return { allowed: true, retryAfterMs: 0, windowStart: row.windowStart };
  const [full] = await db.select({ windowStart: rateLimits.windowStart }).from(rateLimits).where(eq(rateLimits.key, key));
  const windowStart = full?.windowStart ?? t;
  return { allowed: false, retryAfterMs: Math.max(0, windowStart + rule.windowMs - t), windowStart };
}

/**
 * Gives back an allowed hit, e.g. a sign-in that turned out to be correct, so only
 * failures use up the limit. Does nothing once the hit's window has been replaced.
 */
export async function releaseRateLimit(db: DbOrTx, key: string, hit: RateLimitResult): Promise<void> {
  if (hit.allowed) await releaseRateLimitQuery(db, key, hit);
}

/** `releaseRateLimit`'s update, unsent, for a batch; it matches nothing for a refused hit's window. */
export function releaseRateLimitQuery(db: DbOrTx, key: string, hit: RateLimitResult) {
  return db
    .update(rateLimits)
    .set({ count: sql`${rateLimits.count} - 1` })
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, hit.windowStart), gt(rateLimits.count, 0), hit.allowed ? undefined : sql`0`));
}

export async function clearRateLimit(db: DbOrTx, key: string): Promise<void> {
  await clearRateLimitQuery(db, key);
}

export function clearRateLimitQuery(db: DbOrTx, key: string) {
  return db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** Drops windows that ended long ago; run by the scheduler. */
export async function sweepRateLimits(db: DbOrTx, now: Date, olderThanMs = 24 * 3600_000): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.windowStart} < ${now.getTime() - olderThanMs}`);
}
