/**
 * @module
 * The one database type the app sees, whatever host made the client.
 */
import type { Client } from "@libsql/client";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
// The HTTP entry: it pulls in no native driver, so the same code bundles for workerd, and
// unlike the `web` entry no WebSocket client (~5 KiB gzip of the Worker); each host hands
// drizzle its own client anyway (platform/node, platform/workers).
import { drizzle } from "drizzle-orm/libsql/http";
import * as schema from "./schema";
import { retryingClient, retryingTransactions } from "./busy-client";

export type Schema = typeof schema;
export type Db = LibSQLDatabase<Schema>;
/** A drizzle transaction handle; services take `Db | Tx` when they can run inside either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

const FIRST_TRY = Symbol("firstTry");

/** Writes retry on SQLITE_BUSY up to a deadline (db/busy.ts), whichever host made the client. */
export function createDb(client: Client): Db {
  const clients = retryingClient(client);
  const db = retryingTransactions(drizzle(clients.client, { schema }));
  Object.defineProperty(db, FIRST_TRY, { value: drizzle(clients.oneTry, { schema }) });
  return db;
}

/**
 * The same database without the busy retry, for a write that is better skipped
 * than waited for (a session's last-seen time): it fails at once with SQLITE_BUSY.
 * A transaction handle is returned as is.
 */
export function firstTryOnly(db: DbOrTx): DbOrTx {
  return (db as DbOrTx & { [FIRST_TRY]?: Db })[FIRST_TRY] ?? db;
}

export { schema };

/**
 * A query built once per database handle and reused: for the queries every page
 * view runs, building the SQL in drizzle costs about as much as running it.
 * `build` must use `sql.placeholder()` for every value that varies.
 */
export function preparedOnce<P>(build: (db: DbOrTx) => P): (db: DbOrTx) => P {
  const built = new WeakMap<DbOrTx, P>();
  return (db) => {
    let query = built.get(db);
    if (query === undefined) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}
