/**
 * @module
 * Live places in the officers' queue, kept countable at any queue length: a join
 * takes the next queue number and bumps its block's count, a leave lowers it, both
 * inside the caller's transaction (see domain/queue.ts for the scheme).
 */
import { isNotNull, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { academicRequests, queueBuckets } from "../db/schema";
import { QUEUE_BUCKET, queueBucket } from "../domain/queue";

const r = academicRequests;
const B = sql.raw(String(QUEUE_BUCKET));

/** The live place (1 = next) of the request row in scope, or null when it is not queued. */
export const queuePlace: SQL<number | null> = sql<number | null>`CASE WHEN ${r.queueSeq} IS NULL THEN NULL ELSE 1
  + (SELECT coalesce(sum(qb.waiting), 0) FROM queue_buckets qb WHERE qb.bucket < ${r.queueSeq} / ${B})
  + (SELECT count(*) FROM academic_requests q WHERE q.queue_seq >= ${r.queueSeq} / ${B} * ${B} AND q.queue_seq < ${r.queueSeq})
END`;

/** Takes the next queue number (behind everyone) and counts it; the caller stores it on the request. */
export async function joinQueue(tx: DbOrTx): Promise<number> {
  const [row] = await tx.select({ last: sql<number | null>`max(${r.queueSeq})` }).from(r);
  const seq = (row?.last ?? 0) + 1;
  await tx
    .insert(queueBuckets)
    .values({ bucket: queueBucket(seq), waiting: 1 })
    .onConflictDoUpdate({ target: queueBuckets.bucket, set: { waiting: sql`${queueBuckets.waiting} + 1` } });
  return seq;
}

/** Uncounts a queue number given up; the caller clears it on the request. */
export async function leaveQueue(tx: DbOrTx, seq: number): Promise<void> {
  const bucket = queueBucket(seq);
  await tx.update(queueBuckets).set({ waiting: sql`${queueBuckets.waiting} - 1` }).where(sql`${queueBuckets.bucket} = ${bucket}`);
  // Blocks empty out as the queue moves on; dropping them keeps the sum short.
  await tx.delete(queueBuckets).where(sql`${queueBuckets.bucket} = ${bucket} AND ${queueBuckets.waiting} <= 0`);
}

/**
 * Numbers every queued request afresh in (queue_entered_at, id) order and recounts
 * the blocks, for data written without joinQueue (seeds). migrations/0006 does the same.
 */
export async function renumberQueue(db: DbOrTx): Promise<void> {
  await db.update(r).set({ queueSeq: null }).where(isNotNull(r.queueSeq));
  await db.run(sql`UPDATE academic_requests SET queue_seq = q.rn FROM (
    SELECT id, row_number() OVER (ORDER BY queue_entered_at, id) AS rn FROM academic_requests WHERE queue_entered_at IS NOT NULL
  ) AS q WHERE academic_requests.id = q.id`);
  await db.delete(queueBuckets);
  await db.run(sql`INSERT INTO queue_buckets (bucket, waiting)
    SELECT queue_seq / ${B}, count(*) FROM academic_requests WHERE queue_seq IS NOT NULL GROUP BY queue_seq / ${B}`);
}
