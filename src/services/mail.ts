/**
 * @module
 * The mail outbox: `enqueueMail` inside a change's transaction, `deliverDueMail`
 * from the scheduler. Delivery is at-least-once: a row is leased before sending
 * and marked sent after, so a crash mid-send retries rather than loses.
 */
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { outboxMail, type MailKind } from "../db/schema";
import type { MailTransport } from "../platform/ports";
import { newId } from "./crypto";

export const MAX_ATTEMPTS = 10;
const LEASE_MS = 5 * 60_000;
const BATCH = 20;

export interface NewMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The body holds a secret: keep it only until it is sent. */
  redactAfterSend?: boolean;
  /** The account the mail is about, and what for (shown on the staff page and the outbox). */
  userId?: string;
  kind?: MailKind;
}

export const REDACTED_BODY = "[เนื้อหาถูกลบหลังส่งแล้ว เพราะมีรหัสผ่านชั่วคราวหรือลิงก์ที่ใช้ได้ครั้งเดียว]";

export async function enqueueMail(tx: DbOrTx, now: Date, mail: NewMail): Promise<string> {
  const id = newId();
  await tx.insert(outboxMail).values({
    id,
    createdAt: now,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    status: "pending",
    nextAttemptAt: now,
    redactAfterSend: mail.redactAfterSend ?? false,
    userId: mail.userId ?? null,
    kind: mail.kind ?? null,
  });
  return id;
}

/** 1, 2, 4 … minutes, capped at 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

export interface DeliveryReport {
  sent: number;
  failed: number;
}

/**
 * Sends up to `limit` due mails; with no transport (dev without SMTP) mail waits in the
 * outbox. One statement leases the whole batch, then each mail costs one send and one
 * write: 1 + 2 × limit round trips, which the scheduler keeps under the Workers
 * subrequest budget (src/jobs.ts). What is left waits for the next run.
 */
export async function deliverDueMail(
  deps: { db: Db; mail: MailTransport | null; mailFrom: string },
  now: Date,
  limit = BATCH,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0 };
  if (!deps.mail) return report;
  const t = now;
  const due = or(
    and(eq(outboxMail.status, "pending"), lte(outboxMail.nextAttemptAt, t)),
    and(eq(outboxMail.status, "sending"), or(isNull(outboxMail.leaseUntil), lte(outboxMail.leaseUntil, t))),
  );
  const oldestDue = deps.db.select({ id: outboxMail.id }).from(outboxMail).where(due).orderBy(asc(outboxMail.nextAttemptAt)).limit(limit);
  // The conditional update is the lease: of two schedulers, each row goes to only one. Due-ness is
  // checked again by the update itself, as another run may have rescheduled a row meanwhile.
  const leased = await deps.db
    .update(outboxMail)
    .set({ status: "sending", leaseUntil: new Date(t.getTime() + LEASE_MS), attempts: sql`${outboxMail.attempts} + 1` })
    .where(and(inArray(outboxMail.id, oldestDue), due))
    .returning();
  leased.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());

  for (const row of leased) {
    const id = row.id;
    try {
      await deps.mail.send({ from: deps.mailFrom, to: row.to, subject: row.subject, text: row.text, html: row.html, messageId: row.id });
      await deps.db
        .update(outboxMail)
        .set({
          status: "sent",
          sentAt: t,
          leaseUntil: null,
          lastError: null,
          ...(row.redactAfterSend ? { text: REDACTED_BODY, html: null } : {}),
        })
        .where(eq(outboxMail.id, id));
      report.sent++;
    } catch (error) {
      const gaveUp = row.attempts >= MAX_ATTEMPTS;
      await deps.db
        .update(outboxMail)
        .set({
          status: gaveUp ? "failed" : "pending",
          leaseUntil: null,
          nextAttemptAt: new Date(t.getTime() + retryDelayMs(row.attempts)),
          lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
        })
        .where(eq(outboxMail.id, id));
      report.failed++;
    }
  }
  return report;
}

export async function listOutbox(db: DbOrTx, limit = 100) {
  return db.select().from(outboxMail).orderBy(sql`${outboxMail.createdAt} DESC`).limit(limit);
}

export async function countOutbox(db: DbOrTx, statuses: Array<"pending" | "sending" | "sent" | "failed">) {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(outboxMail)
    .where(inArray(outboxMail.status, statuses));
  return row?.n ?? 0;
}
