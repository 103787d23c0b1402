/**
 * @module
 * The outbox as admins see it: which mail did not arrive, and putting it right
 * (send again, or stop it). Bodies that carry a secret never leave this module.
 */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { outboxMail } from "../db/schema";
import {
  canCancelMail,
  canRetryMail,
  OUTBOX_PAGE_SIZE,
  OUTBOX_STATUSES,
  type MailActionRefusal,
  type MailKind,
  type OutboxFilter,
  type OutboxStatus,
} from "../domain/outbox";
import { recordAudit } from "./audit";
import { actorId, actorRole, type UseCaseContext } from "./context";

export interface AdminMailRow {
  id: string;
  createdAt: Date;
  to: string;
  subject: string;
  /** Null when the mail holds (or held) a temporary password: it is never shown. */
  text: string | null;
  redactAfterSend: boolean;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  userId: string | null;
  kind: MailKind | null;
}

export interface OutboxPage {
  rows: AdminMailRow[];
  /** Rows matching the filters (for paging). */
  total: number;
  /** Every mail by status, whatever the filters. */
  counts: Record<OutboxStatus, number>;
  page: number;
}

function countsQuery(db: DbOrTx) {
  return db.select({ status: outboxMail.status, n: sql<number>`count(*)` }).from(outboxMail).groupBy(outboxMail.status);
}

function countsOf(rows: { status: OutboxStatus; n: number }[]): Record<OutboxStatus, number> {
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const r of rows) if (r.status in counts) counts[r.status] = Number(r.n);
  return counts;
}

/** For the admin home's warning: counted on the (status, next_attempt_at) index. */
export async function failedMailCount(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(outboxMail).where(eq(outboxMail.status, "failed"));
  return Number(row?.n ?? 0);
}

/**
 * Newest first, 50 a page, by status and/or a part of the recipient's address.
 * The status counts, the filtered total and the page go as one batch (one round trip
 * on Workers); the total is counted only for an address filter (otherwise the
 * counts give it), its statement answering at once with `WHERE 0`.
 */
export async function listOutboxPage(db: Db, filter: OutboxFilter): Promise<OutboxPage> {
  const page = filter.page ?? 1;
  const where: SQL[] = [];
  if (filter.status) where.push(eq(outboxMail.status, filter.status));
  // instr, not LIKE: a typed % or _ is a character to find, not a wildcard.
  if (filter.to) where.push(sql`instr(lower(${outboxMail.to}), ${filter.to.toLowerCase()}) > 0`);
  const cond = where.length ? and(...where) : undefined;

  const [countRows, [filtered], rows] = await db.batch([
    countsQuery(db),
    db
      .select({ n: sql<number>`count(*)` })
      .from(outboxMail)
      .where(filter.to ? cond : sql`0`),
    db
      .select({
        id: outboxMail.id,
        createdAt: outboxMail.createdAt,
        to: outboxMail.to,
        subject: outboxMail.subject,
        text: sql<string | null>`case when ${outboxMail.redactAfterSend} then null else ${outboxMail.text} end`,
        redactAfterSend: outboxMail.redactAfterSend,
        status: outboxMail.status,
        attempts: outboxMail.attempts,
        nextAttemptAt: outboxMail.nextAttemptAt,
        lastError: outboxMail.lastError,
        sentAt: outboxMail.sentAt,
        userId: outboxMail.userId,
        kind: outboxMail.kind,
      })
      .from(outboxMail)
      .where(cond)
      .orderBy(desc(outboxMail.createdAt), desc(outboxMail.id))
      .limit(OUTBOX_PAGE_SIZE)
      .offset((page - 1) * OUTBOX_PAGE_SIZE),
  ]);
  const counts = countsOf(countRows);
  const total = filter.to
    ? Number(filtered?.n ?? 0)
    : filter.status
      ? counts[filter.status]
      : Object.values(counts).reduce((a, b) => a + b, 0);
  return { rows, total, counts, page };
}

export type MailActionOutcome = { ok: true } | { ok: false; reason: "forbidden" | "not_found" | MailActionRefusal };

/**
 * Queues a failed or cancelled mail again, due now, with a fresh set of attempts.
 * The last error stays until the next try replaces it, so the list still says why it failed.
 */
export async function retryMail(ctx: UseCaseContext, id: string): Promise<MailActionOutcome> {
  return changeStatus(ctx, id, {
    allowed: canRetryMail,
    refusal: "not_retryable",
    to: "pending",
    action: "mail.retried",
    set: (now) => ({ status: "pending", attempts: 0, nextAttemptAt: now, leaseUntil: null }),
  });
}

/** Stops a mail that has not been handed to the sender; `deliverDueMail` only claims pending rows. */
export async function cancelMail(ctx: UseCaseContext, id: string): Promise<MailActionOutcome> {
  return changeStatus(ctx, id, {
    allowed: canCancelMail,
    refusal: "not_cancellable",
    to: "cancelled",
    action: "mail.cancelled",
    set: () => ({ status: "cancelled", leaseUntil: null }),
  });
}

async function changeStatus(
  ctx: UseCaseContext,
  id: string,
  change: {
    allowed: (s: OutboxStatus) => boolean;
    refusal: MailActionRefusal;
    to: OutboxStatus;
    action: string;
    set: (now: Date) => Partial<typeof outboxMail.$inferInsert>;
  },
): Promise<MailActionOutcome> {
  if (actorRole(ctx) !== "admin") return { ok: false, reason: "forbidden" };
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<MailActionOutcome> => {
    const [row] = await tx.select({ status: outboxMail.status }).from(outboxMail).where(eq(outboxMail.id, id));
    if (!row) return { ok: false, reason: "not_found" };
    if (!change.allowed(row.status)) return { ok: false, reason: change.refusal };
    // Conditional on the status read: the sender claims rows conditionally too, so only one of us wins.
    const [changed] = await tx
      .update(outboxMail)
      .set(change.set(now))
      .where(and(eq(outboxMail.id, id), eq(outboxMail.status, row.status)))
      .returning({ id: outboxMail.id });
    if (!changed) return { ok: false, reason: change.refusal };
    await recordAudit(tx, now, { actorId: actorId(ctx), action: change.action, subjectType: "mail", subjectId: id, data: { from: row.status, to: change.to }, ip: ctx.actor.ip });
    return { ok: true };
  });
}
