/**
 * @module
 * A batch of queries built once and sent with each call's values: one round trip on
 * Workers, like drizzle's `db.batch`, without building the SQL again on every call.
 *
 * `db.batch` takes query builders, so a page that batches its reads builds every
 * query anew on each view: ~100 µs of CPU per query in drizzle, more than running it.
 * Queries prepared once per database handle (`preparedOnce`, with `sql.placeholder`
 * for every value that varies) are bound to a call's values here and sent through
 * the same client `db.batch` uses, so the busy retry and the Node host's write queue
 * apply as to any batch; each result is mapped by its query as drizzle maps a batch's.
 */
import { fillPlaceholders } from "drizzle-orm";
import type { Client, InArgs } from "@libsql/client";
import type { SQLitePreparedQuery } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

type AnyPrepared = SQLitePreparedQuery<any>;

/** A prepared query with the values for its placeholders, and the type of its rows. */
export interface Bound<R> {
  readonly query: AnyPrepared;
  readonly values: Record<string, unknown>;
  /** Never set: carries the result type. */
  readonly result?: R;
}

export function bind<Q extends AnyPrepared>(query: Q, values: Record<string, unknown>): Bound<Awaited<ReturnType<Q["execute"]>>> {
  return { query, values };
}

type Results<T extends readonly Bound<unknown>[]> = { -readonly [K in keyof T]: T[K] extends Bound<infer R> ? R : never };

/** Sends the bound queries as one batch (one transaction, as `db.batch` does) and maps each result. */
export async function runBound<T extends readonly Bound<unknown>[]>(db: Db, items: T): Promise<Results<T>> {
  const statements = items.map(({ query, values }) => {
    const { sql, params } = query.getQuery();
    return { sql, args: fillPlaceholders(params, values) as InArgs };
  });
  // The client drizzle was made with (db/client.ts), whose batch `db.batch` calls too.
  const results = await (db as Db & { $client: Client }).$client.batch(statements);
  return results.map((result, i) => items[i]!.query.mapResult(result, true)) as Results<T>;
}
