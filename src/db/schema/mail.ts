import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** failed: gave up after the last retry; cancelled: an admin stopped it. */
export type OutboxStatus = "pending" | "sending" | "sent" | "failed" | "cancelled";

/** What a mail is for, where someone must be able to tell whether it arrived. */
export type MailKind = "credentials" | "password_reset" | "email_change";

/**
 * Transactional outbox: a mail is a row written in the same transaction as the
 * change that caused it, and a job delivers it later, so a crash can neither send
 * mail for a change that rolled back nor lose mail for one that committed.
 */
export const outboxMail = sqliteTable(
  "outbox_mail",
  {
    id: text("id").primaryKey(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    to: text("to_addr").notNull(),
    subject: text("subject").notNull(),
    text: text("body_text").notNull(),
    html: text("body_html"),
    status: text("status").$type<OutboxStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    /** A claimed row whose lease ran out (the sender crashed) is tried again. */
    leaseUntil: integer("lease_until", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    /** Mail carrying a secret (a temporary password): its body is wiped once sent. */
    redactAfterSend: integer("redact_after_send", { mode: "boolean" }).notNull().default(false),
    /** The account this mail is about (its credentials, its reset link), for the staff page. */
    userId: text("user_id"),
    kind: text("kind").$type<MailKind>(),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt), index("outbox_user_idx").on(t.userId, t.createdAt)],
);
