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
 *
 * A write that met SQLITE_BUSY (another process holds the lock) leaves its
 * statement un-reset on the pooled connection (libsql finalizes it only when
 * garbage-collected), and every later COMMIT on that connection fails with
 * "cannot commit transaction - SQL statements in progress". So after such a
 * failure the pool's connections are dropped before the next write, at a moment
 * when no transaction is open and no read is in flight.
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

/** SQLITE_BUSY in any of its spellings (drizzle wraps driver errors; db/busy.ts is not imported here to stay standalone). */
function isBusy(e: unknown): boolean {
  for (let err = e, depth = 0; err && depth < 5; err = (err as { cause?: unknown }).cause, depth++) {
    if (/^SQLITE_BUSY/.test(String((err as { code?: unknown }).code ?? "")) || /database is locked|statements in progress/i.test(String((err as { message?: unknown }).message ?? ""))) return true;
  }
  return false;
}

/** The client with every write, batch and non-read transaction queued behind one lock. */
export function serializeWrites(inner: Client, lock = new WriteLock()): Client {
  let reads = 0;
  let readsDone: (() => void) | null = null;
  let resetting: Promise<void> | null = null;
  let poisoned = false;

  const read = async <T>(work: () => Promise<T>): Promise<T> => {
    while (resetting) await resetting;
    reads++;
    try {
      return await work();
    } finally {
      if (--reads === 0) readsDone?.();
    }
  };
  /** Called holding the write lock, so no write transaction is open: waits out the reads, then drops every connection. */
  const resetIfPoisoned = async () => {
    if (!poisoned) return;
    resetting = (async () => {
      while (reads > 0) await new Promise<void>((resolve) => (readsDone = resolve));
      readsDone = null;
      await inner.reconnect();
      poisoned = false;
    })();
    try {
      await resetting;
    } finally {
      resetting = null;
    }
  };
  const noteBusy = (e: unknown) => {
    if (isBusy(e)) poisoned = true;
    return e;
  };
  const locked = async <T>(work: () => Promise<T>): Promise<T> => {
    await lock.acquire();
    try {
      await resetIfPoisoned();
      return await work();
    } catch (e) {
      throw noteBusy(e);
    } finally {
      lock.release();
    }
  };

  const client: Client = {
    execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
      const stmt: InStatement = typeof stmtOrSql === "string" ? (args === undefined ? stmtOrSql : { sql: stmtOrSql, args }) : stmtOrSql;
      return isRead(stmt) ? read(() => inner.execute(stmt)) : locked(() => inner.execute(stmt));
    },
    batch(stmts, mode?: TransactionMode) {
      // A page's reads sent as one batch (for one round trip on Workers) take no write lock in WAL.
      return mode === "read" || stmts.every((s) => isRead(Array.isArray(s) ? s[0] : s)) ? read(() => inner.batch(stmts, mode)) : locked(() => inner.batch(stmts, mode));
    },
    migrate(stmts) {
      return locked(() => inner.migrate(stmts));
    },
    async transaction(mode?: TransactionMode): Promise<Transaction> {
      // Not counted as a read: it would hold off a reset for as long as it stays open. Nothing uses it.
      if (mode === "read") return inner.transaction(mode);
      await lock.acquire();
      let tx: Transaction;
      try {
        await resetIfPoisoned();
        tx = await inner.transaction(mode);
      } catch (e) {
        lock.release();
        throw noteBusy(e);
      }
      return releasingOnEnd(tx, lock, noteBusy);
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
function releasingOnEnd(tx: Transaction, lock: WriteLock, noteBusy: (e: unknown) => unknown): Transaction {
  let open = true;
  const end = () => {
    if (open) {
      open = false;
      lock.release();
    }
  };
  const noting = <T>(work: Promise<T>) => work.catch((e: unknown) => Promise.reject(noteBusy(e)));
  return {
    execute: (stmt: InStatement) => noting(tx.execute(stmt)),
    batch: (stmts: InStatement[]) => noting(tx.batch(stmts)),
    executeMultiple: (sql: string) => noting(tx.executeMultiple(sql)),
    async commit() {
      try {
        await noting(tx.commit());
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
