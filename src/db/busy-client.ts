/**
 * @module
 * The one place writes retry on SQLITE_BUSY (db/busy.ts), for both hosts:
 * statements and batches sent outside a transaction at the client, and each
 * `db.transaction(callback)` as a whole (a retry re-runs the callback).
 * Statements inside a transaction are never retried one by one: a transaction
 * that met BUSY midway is rolled back and started again from the top.
 */
import type { Client, InArgs, InStatement, ResultSet, TransactionMode } from "@libsql/client";
import type { Db } from "./client";
import { retryOnBusy, type BusyPolicy } from "./busy";

/** The client with `execute`, `batch` and `executeMultiple` retried while the database is busy. */
export function retryingClient(inner: Client, policy?: BusyPolicy): Client {
  return {
    execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
      return retryOnBusy(() => (typeof stmtOrSql === "string" && args !== undefined ? inner.execute(stmtOrSql, args) : inner.execute(stmtOrSql as InStatement)), policy);
    },
    batch: (stmts: InStatement[], mode?: TransactionMode) => retryOnBusy(() => inner.batch(stmts, mode), policy),
    migrate: (stmts: InStatement[]) => inner.migrate(stmts),
    transaction: (mode?: TransactionMode) => inner.transaction(mode),
    executeMultiple: (sql: string) => retryOnBusy(() => inner.executeMultiple(sql), policy),
    sync: () => inner.sync(),
    close: () => inner.close(),
    reconnect: () => inner.reconnect(),
    get closed() {
      return inner.closed;
    },
    get protocol() {
      return inner.protocol;
    },
  } as Client;
}

/** `db.transaction` re-run from the top while it fails with SQLITE_BUSY. */
export function retryingTransactions(db: Db, policy?: BusyPolicy): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = ((callback, config) => retryOnBusy(() => transaction(callback, config), policy)) as Db["transaction"];
  return db;
}
