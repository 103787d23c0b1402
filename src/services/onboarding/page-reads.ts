/**
 * @module
 * A page's reads as queries not yet sent, with how their rows become what the
 * page shows. Unsent, they can ride in the same batch as the service they
 * belong to (`loadServiceWith` in service.ts): on the Workers host every
 * statement outside a batch is an HTTP round trip to the database, so a step
 * page is the session read plus ONE batch.
 */
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { DbOrTx } from "../../db/client";

type Query = BatchItem<"sqlite">;

/** Queries to send and what to make of their results (in the same order); `C` is what the caller knows by then. */
export interface PageReads<R, C = unknown> {
  readonly queries: readonly Query[];
  finish(results: unknown[], context: C): R | Promise<R>;
}

/** Reads typed by their own queries: `finish` sees each query's rows as drizzle types them. */
export function pageReads<const Q extends readonly Query[], R, C = unknown>(queries: Q, finish: (results: BatchResponse<Q>, context: C) => R | Promise<R>): PageReads<R, C> {
  return { queries, finish: (results, context) => finish(results as BatchResponse<Q>, context) };
}

/** Reads with nothing to send. */
export function noReads<R, C = unknown>(value: R): PageReads<R, C> {
  return { queries: [], finish: () => value };
}

/** The same reads, their result made into something else. */
export function mapReads<R, C, S>(reads: PageReads<R, C>, f: (value: R) => S): PageReads<S, C> {
  return { queries: reads.queries, finish: async (results, context) => f(await reads.finish(results, context)) };
}

/** Whether this is the database itself, which can batch, rather than a transaction, which cannot. */
function canBatch(db: DbOrTx): db is DbOrTx & { batch(queries: readonly [Query, ...Query[]]): Promise<unknown[]> } {
  return typeof (db as { batch?: unknown }).batch === "function";
}

/** Sends `queries` as one batch, or one by one inside a transaction (which runs one statement at a time). */
export async function sendAll(db: DbOrTx, queries: readonly Query[]): Promise<unknown[]> {
  if (queries.length === 0) return [];
  if (canBatch(db)) return db.batch(queries as readonly [Query, ...Query[]]);
  const results: unknown[] = [];
  for (const q of queries) results.push(await (q as unknown as PromiseLike<unknown>));
  return results;
}

/** Sends `reads` on their own (one round trip) and finishes them. */
export async function runReads<R, C>(db: DbOrTx, reads: PageReads<R, C>, context: C): Promise<R> {
  return reads.finish(await sendAll(db, reads.queries), context);
}
