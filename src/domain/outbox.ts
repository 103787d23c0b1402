/**
 * @module
 * What an admin may do with a mail in the outbox, and how the outbox reads in Thai.
 * Pure rules: the services check them inside the transaction that changes the row.
 */
import * as z from "zod/mini";

// The same unions as the schema's (kept here because domain imports nothing outside domain).
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "cancelled"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export type MailKind = "credentials" | "password_reset" | "email_change";

export const OUTBOX_STATUS_LABEL: Record<OutboxStatus, string> = {
  pending: "รอส่ง",
  sending: "กำลังส่ง",
  sent: "ส่งแล้ว",
  failed: "ส่งไม่สำเร็จ",
  cancelled: "ยกเลิกแล้ว",
};

export const MAIL_KIND_LABEL: Record<MailKind, string> = {
  credentials: "รหัสผ่านชั่วคราว",
  password_reset: "ลิงก์ตั้งรหัสผ่านใหม่",
  email_change: "ยืนยันอีเมล",
};

/** Mail that was given up on or stopped can be queued again; anything else is in flight or done. */
export function canRetryMail(status: OutboxStatus): boolean {
  return status === "failed" || status === "cancelled";
}

/**
 * A mail not yet handed to the sender can be stopped. A `sending` row is leased by the
 * sender and may already be on the wire, so cancelling it would be a promise we cannot keep.
 */
export function canCancelMail(status: OutboxStatus): boolean {
  return status === "pending" || status === "failed";
}

export type MailActionRefusal = "not_retryable" | "not_cancellable";

export const MAIL_REFUSAL_TH: Record<MailActionRefusal, string> = {
  not_retryable: "ส่งอีเมลนี้ใหม่ไม่ได้ เพราะอีเมลนี้ไม่ได้อยู่ในสถานะส่งไม่สำเร็จหรือยกเลิกแล้ว (สถานะอาจเปลี่ยนไปแล้ว กรุณาตรวจสอบในรายการ)",
  not_cancellable: "ยกเลิกอีเมลนี้ไม่ได้ เพราะอีเมลนี้ไม่ได้รอส่งหรือส่งไม่สำเร็จ (อาจกำลังส่งหรือส่งแล้ว กรุณาตรวจสอบในรายการ)",
};

/** A pending mail due longer than this, or a sender lease expired longer than this, means nobody is sending. */
export const OUTBOX_STUCK_MINUTES = 15;

export const OUTBOX_PAGE_SIZE = 50;

/** The list's GET filters; anything unreadable is dropped rather than refused (it is only a view). */
export const outboxFilterQuery = z.object({
  status: z.catch(z.optional(z.enum(OUTBOX_STATUSES)), undefined),
  to: z.catch(z.optional(z.string().check(z.trim(), z.maxLength(254))), undefined),
  page: z.catch(z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100_000))), undefined),
});
export type OutboxFilter = z.infer<typeof outboxFilterQuery>;

/** The filters as query parameters (empty ones left out), to keep them across a redirect or a page link. */
export function outboxQuery(f: OutboxFilter, page?: number): string {
  const p = new URLSearchParams();
  if (f.status) p.set("status", f.status);
  if (f.to) p.set("to", f.to);
  if (page && page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `?${s}` : "";
}
