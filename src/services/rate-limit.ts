/**
 * @module
 * Fixed-window rate limits kept in the database, so every process and isolate
 * counts together.
 */
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { rateLimits } from "../db/schema";

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Milliseconds until the window resets; 0 when allowed. */
  retryAfterMs: number;
}

/**
 * Counts one hit against `key` and says whether it is within the rule. One
 * upsert, so concurrent hits cannot both read the old count.
 */
export async function hitRateLimit(db: DbOrTx, key: string, rule: RateLimitRule, now: Date): Promise<RateLimitResult> {
  const t = now.getTime();
  const expired = t - rule.windowMs;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: t, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStart} <= ${expired} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowStart: sql`CASE WHEN ${rateLimits.windowStart} <= ${expired} THEN ${t} ELSE ${rateLimits.windowStart} END`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  if (!row || row.count <= rule.limit) return { allowed: true, retryAfterMs: 0 };
  return { allowed: false, retryAfterMs: Math.max(0, row.windowStart + rule.windowMs - t) };
}

export async function clearRateLimit(db: DbOrTx, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** Drops windows that ended long ago; run by the scheduler. */
export async function sweepRateLimits(db: DbOrTx, now: Date, olderThanMs = 24 * 3600_000): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.windowStart} < ${now.getTime() - olderThanMs}`);
}
