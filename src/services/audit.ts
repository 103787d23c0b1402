import type { Db, DbOrTx } from "../db/client";
import { guardedInsert } from "../db/guarded-write";
import { auditEvents } from "../db/schema";

export interface AuditEvent {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
  ip?: string | null;
}

/** Call inside the transaction that made the change, so the event exists iff the change does. */
export async function recordAudit(tx: DbOrTx, at: Date, event: AuditEvent): Promise<void> {
  await auditInsert(tx, at, event);
}

function auditRow(at: Date, event: AuditEvent) {
  return {
    at,
    actorId: event.actorId,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    data: event.data ?? null,
    ip: event.ip ?? null,
  };
}

/** `recordAudit`'s insert, unsent: for a change made as one batch (atomic, like a transaction), sent with it. */
export function auditInsert(tx: DbOrTx, at: Date, event: AuditEvent) {
  return tx.insert(auditEvents).values(auditRow(at, event));
}

/** `auditInsert` for a guarded write's batch (db/guarded-write.ts): made only when the guard before it matched. */
export function guardedAuditInsert(db: Db, at: Date, event: AuditEvent) {
  return guardedInsert(db, auditEvents, auditRow(at, event));
}
