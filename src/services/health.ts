/**
 * @module
 * What `/healthz` asks of the database: can it answer at all, and is mail getting out.
 */
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { OUTBOX_STUCK_MINUTES } from "../domain/outbox";

export async function databaseReachable(db: DbOrTx): Promise<boolean> {
  try {
    await db.run(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

export interface MailHealth {
  /** Mail given up on after the last retry, waiting for an admin. */
  failed: number;
  /** Nobody is sending: a due mail waited, or a sender's lease ran out, more than OUTBOX_STUCK_MINUTES ago. */
  stuck: boolean;
  /** How long the oldest due pending mail has waited, in whole minutes (0 when none is due). */
  oldestDueMinutes: number;
}

/**
 * Counts only, never a recipient or a subject: these figures are public. One statement,
 * each part answered from the (status, next_attempt_at) index.
 */
export async function mailHealth(db: DbOrTx, now: Date): Promise<MailHealth> {
  const stuckBefore = now.getTime() - OUTBOX_STUCK_MINUTES * 60_000;
  const [row] = await db.all<{ failed: number; oldest_due: number | null; stale_sending: number }>(sql`
    select
      (select count(*) from outbox_mail where status = 'failed') as failed,
      (select min(next_attempt_at) from outbox_mail where status = 'pending' and next_attempt_at <= ${now.getTime()}) as oldest_due,
      (select count(*) from outbox_mail where status = 'sending' and (lease_until is null or lease_until < ${stuckBefore})) as stale_sending`);
  const oldestDue = row?.oldest_due == null ? null : Number(row.oldest_due);
  const oldestDueMinutes = oldestDue === null ? 0 : Math.floor((now.getTime() - oldestDue) / 60_000);
  return {
    failed: Number(row?.failed ?? 0),
    stuck: (oldestDue !== null && oldestDue < stuckBefore) || Number(row?.stale_sending ?? 0) > 0,
    oldestDueMinutes,
  };
}
