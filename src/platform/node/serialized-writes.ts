/**
 * @module
 * One writer at a time, queued in JavaScript, for the embedded libSQL client.
 *
 * SQLite allows one writer anyway, but the embedded client waits for the write lock
 * inside a synchronous native call (the busy timeout), which stops the whole event
 * loop. If the lock holder is a transaction of this same process that is between two
 * awaits, it can never finish while we wait: two requests that write in the same tick
 * stall the process for the full timeout and then fail with SQLITE_BUSY. Queuing
 * writers here instead keeps the event loop running, so the holder commits and the
 * next writer starts at once. Readers are not queued: WAL lets them run beside it.
 */
import { LibsqlError, type Client, type InArgs, type InStatement, type ResultSet, type Transaction, type TransactionMode } from "@libsql/client";

/** How long a writer waits for the others before failing like SQLite's busy timeout would. */
export const WRITE_WAIT_MS = 10_000;

/** A FIFO lock whose waiters give up after a timeout. */
export class WriteLock {
  #held = false;
  #waiters: (() => void)[] = [];

  constructor(private readonly timeoutMs = WRITE_WAIT_MS) {}

  acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(grant), 1);
        reject(new LibsqlError(`database is locked: waited ${this.timeoutMs} ms for another writer`, "SQLITE_BUSY"));
      }, this.timeoutMs);
      this.#waiters.push(grant);
    });
  }

  /** Hands the lock straight to the next waiter, if any. */
  release(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#held = false;
  }

  get waiting(): number {
    return this.#waiters.length;
  }
}

/** Statements that only read; anything else (including PRAGMA and WITH … INSERT) is treated as a write. */
function isRead(stmt: InStatement | string): boolean {
  const text = typeof stmt === "string" ? stmt : stmt.sql;
  return /^\s*(select|explain)\b/i.test(text);
}

/** The client with every write, batch and non-read transaction queued behind one lock. */
export function serializeWrites(inner: Client, lock = new WriteLock()): Client {
  const locked = async <T>(work: () => Promise<T>): Promise<T> => {
    await lock.acquire();
    try {
      return await work();
    } finally {
      lock.release();
    }
  };

  const client: Client = {
    execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
      const stmt: InStatement = typeof stmtOrSql === "string" ? (args === undefined ? stmtOrSql : { sql: stmtOrSql, args }) : stmtOrSql;
      return isRead(stmt) ? inner.execute(stmt) : locked(() => inner.execute(stmt));
    },
    batch(stmts, mode?: TransactionMode) {
      return mode === "read" ? inner.batch(stmts, mode) : locked(() => inner.batch(stmts, mode));
    },
    migrate(stmts) {
      return locked(() => inner.migrate(stmts));
    },
    async transaction(mode?: TransactionMode): Promise<Transaction> {
      if (mode === "read") return inner.transaction(mode);
      await lock.acquire();
      let tx: Transaction;
      try {
        tx = await inner.transaction(mode);
      } catch (e) {
        lock.release();
        throw e;
      }
      return releasingOnEnd(tx, lock);
    },
    executeMultiple(sql: string) {
      return locked(() => inner.executeMultiple(sql));
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
  return client;
}

/** The transaction, releasing the lock exactly once when it commits, rolls back or closes. */
function releasingOnEnd(tx: Transaction, lock: WriteLock): Transaction {
  let open = true;
  const end = () => {
    if (open) {
      open = false;
      lock.release();
    }
  };
  return {
    execute: (stmt: InStatement) => tx.execute(stmt),
    batch: (stmts: InStatement[]) => tx.batch(stmts),
    executeMultiple: (sql: string) => tx.executeMultiple(sql),
    async commit() {
      try {
        await tx.commit();
      } finally {
        end();
      }
    },
    async rollback() {
      try {
        await tx.rollback();
      } finally {
        end();
      }
    },
    close() {
      try {
        tx.close();
      } finally {
        end();
      }
    },
    get closed() {
      return tx.closed;
    },
  } as Transaction;
}
