/**
 * @module
 * A form save in two round trips to the database instead of one per statement.
 *
 * On the Workers host every statement of an interactive transaction is its own HTTP
 * request to Turso (BEGIN rides with the first, COMMIT goes alone), while a batch is
 * one request and runs as one transaction (on the Node host it also queues behind the
 * JS write lock, platform/node/serialized-writes.ts, as a whole). So a save:
 *
 * 1. reads what its rule needs as ONE batch;
 * 2. decides with the pure rule from `domain/`, as inside a transaction;
 * 3. writes as ONE batch whose first statement carries a guard — the state the decision
 *    read still holds (`… WHERE id = ? AND state = ?`) — and whose other statements
 *    (audit event, timeline line) take effect only when that guard matched
 *    (`guardedInsert`: `INSERT … SELECT … WHERE changes() = 1`);
 * 4. when the guard missed, someone changed that state in between: read and decide
 *    again, a bounded number of times, then give the use case's stale outcome.
 *
 * The rule stays where it was declared and is enforced inside the atomic write (the
 * guard), and the audit event exists iff the change does, as with a transaction.
 *
 * Resends: the busy layer (busy-client.ts) sends a batch again only after SQLITE_BUSY,
 * and a batch that met SQLITE_BUSY was rolled back whole (it is one transaction), so a
 * resend never follows a commit and cannot write twice.
 */
import { getTableColumns, is, Param, sql, SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

/** How many times a save reads and decides before it gives its stale outcome. */
export const SAVE_ATTEMPTS = 3;

/** A guarded first write, then the writes that depend on it. */
export type GuardedBatch = readonly [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];

/** What one read-and-decide came to: an outcome, and the writes that make it true (none for a refusal). */
export interface Decision<T> {
  outcome: T;
  writes?: GuardedBatch;
}

/**
 * Runs `decide` (one read batch, then the pure rule) and sends its writes as one batch;
 * when the first write's guard matched nothing, decides again, up to `attempts` times,
 * then answers `stale`.
 *
 * @example
 * return saveGuarded(ctx.db, async () => {
 *   const [row] = await ctx.db.batch([readState]);
 *   const allowed = rule(row.state);
 *   if (!allowed.ok) return { outcome: allowed };
 *   return { outcome: { ok: true }, writes: [update.where(and(eq(t.id, id), eq(t.state, row.state))), guardedInsert(ctx.db, auditEvents, event)] };
 * }, { ok: false, reason: "conflict" });
 */
export async function saveGuarded<T>(db: Db, decide: () => Promise<Decision<T>>, stale: T, attempts = SAVE_ATTEMPTS): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const { outcome, writes } = await decide();
    if (!writes) return outcome;
    const [first] = (await db.batch(writes as unknown as [BatchItem<"sqlite">])) as unknown[];
    if (changedAny(first)) return outcome;
  }
  return stale;
}

/** Whether a write's result says it touched a row: rows of `.returning()`, or the driver's `rowsAffected`. */
function changedAny(result: unknown): boolean {
  if (Array.isArray(result)) return result.length > 0;
  return Number((result as { rowsAffected?: number } | undefined)?.rowsAffected ?? 0) > 0;
}

/**
 * `db.insert(table).values(row)` that takes effect only when the statement just before
 * it in the batch changed exactly one row: the guarded write, or a guarded insert
 * after it (each inserts one row, so they chain). The values are encoded and
 * defaulted per column as drizzle's own insert does it.
 */
export function guardedInsert<T extends SQLiteTable>(db: Db, table: T, row: T["$inferInsert"]) {
  const values = Object.entries(getTableColumns(table))
    // As drizzle's insert: generated columns (other than "by default") take no value.
    .filter(([, col]) => col.generated === undefined || col.generated.type === "byDefault")
    .map(([key, col]) => {
      const value = (row as Record<string, unknown>)[key];
      if (value !== undefined && !(is(value, Param) && value.value === undefined)) return is(value, SQL) ? value : sql.param(value, col);
      if (col.default !== null && col.default !== undefined) return is(col.default, SQL) ? col.default : sql.param(col.default, col);
      const made = col.defaultFn?.() ?? col.onUpdateFn?.();
      if (made !== undefined) return is(made, SQL) ? made : sql.param(made, col);
      return sql`null`;
    });
  return db.insert(table).select(sql`select ${sql.join(values, sql`, `)} where changes() = 1`);
}
