/**
 * @module
 * The one database type the app sees, whatever host made the client.
 */
import type { Client } from "@libsql/client";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
// The web entry: it pulls in no native driver, so the same code bundles for workerd.
import { drizzle } from "drizzle-orm/libsql/web";
import * as schema from "./schema";
import { retryingClient, retryingTransactions } from "./busy-client";

export type Schema = typeof schema;
export type Db = LibSQLDatabase<Schema>;
/** A drizzle transaction handle; services take `Db | Tx` when they can run inside either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/** Writes retry on SQLITE_BUSY up to a deadline (db/busy.ts), whichever host made the client. */
export function createDb(client: Client): Db {
  return retryingTransactions(drizzle(retryingClient(client), { schema }));
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
