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

const ONE_TRY: BusyPolicy = { deadlineMs: 0 };

/**
 * The client with `execute`, `batch` and `executeMultiple` retried while the database
 * is busy, and a view of it (`oneTry`) whose calls fail at the first SQLITE_BUSY.
 * The view goes through this client's own methods, so whatever wraps them (the
 * query counter of the tests) sees its statements too.
 */
export function retryingClient(inner: Client, policy?: BusyPolicy): { client: Client; oneTry: Client } {
  // Set only for the synchronous start of a call made through `oneTry`.
  let single = false;
  const policyOfCall = () => (single ? ONE_TRY : policy);
  const client = {
    execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
      const p = policyOfCall();
      return retryOnBusy(() => (typeof stmtOrSql === "string" && args !== undefined ? inner.execute(stmtOrSql, args) : inner.execute(stmtOrSql as InStatement)), p);
    },
    batch(stmts: InStatement[], mode?: TransactionMode) {
      const p = policyOfCall();
      return retryOnBusy(() => inner.batch(stmts, mode), p);
    },
    migrate: (stmts: InStatement[]) => inner.migrate(stmts),
    transaction: (mode?: TransactionMode) => inner.transaction(mode),
    executeMultiple(sql: string) {
      const p = policyOfCall();
      return retryOnBusy(() => inner.executeMultiple(sql), p);
    },
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
  const once = <A extends unknown[], R>(call: (...args: A) => R) => (...args: A): R => {
    single = true;
    try {
      return call(...args);
    } finally {
      single = false;
    }
  };
  const oneTry = Object.create(client) as Client;
  Object.assign(oneTry, {
    execute: once((...a: Parameters<Client["execute"]>) => client.execute(...a)),
    batch: once((...a: Parameters<Client["batch"]>) => client.batch(...a)),
    executeMultiple: once((sql: string) => client.executeMultiple(sql)),
  });
  return { client, oneTry };
}

/** `db.transaction` re-run from the top while it fails with SQLITE_BUSY. */
export function retryingTransactions(db: Db, policy?: BusyPolicy): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = ((callback, config) => retryOnBusy(() => transaction(callback, config), policy)) as Db["transaction"];
  return db;
}
