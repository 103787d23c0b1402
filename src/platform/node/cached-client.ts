/**
 * @module
 * The `@libsql/client` `Client` for the embedded database, on `libsql`'s own
 * Database/Statement API, with each connection's prepared statements kept.
 *
 * `@libsql/client` prepares every statement anew on each execute and asks for its
 * columns twice (together ~100 µs of CPU of a ~120 µs indexed read); a kept statement
 * runs in ~10 µs. Results have the shape `@libsql/client`'s sqlite3 client gives
 * (intMode "number": integers as numbers, a RangeError past 2^53; blobs as
 * ArrayBuffer; rows indexable and with enumerable column names), so drizzle reads
 * them the same way.
 *
 * A statement that failed is never kept, nor is its connection: after SQLITE_BUSY
 * SQLite leaves the statement un-reset until it is garbage-collected, and meanwhile
 * every COMMIT on its connection fails (serialized-writes.ts also drops the
 * connections after such a failure).
 */
import { Buffer } from "node:buffer";
import Database from "libsql";
import {
  LibsqlBatchError,
  LibsqlError,
  type Client,
  type InArgs,
  type InStatement,
  type InValue,
  type ResultSet,
  type Transaction,
  type TransactionMode,
} from "@libsql/client";

/** Prepared statements kept per connection; the app has a few dozen distinct queries. */
export const STATEMENT_CACHE_SIZE = 256;

/** The parts of libsql's Statement used here (its bundled types predate `reader`). */
interface NativeStatement {
  raw(on?: boolean): NativeStatement;
  safeIntegers(on?: boolean): NativeStatement;
  readonly reader: boolean;
  columns(): { name: string; type: string | null }[];
  all(args: unknown): unknown[][];
  /** The first row, or undefined; resets the statement. */
  get(args: unknown): unknown[] | undefined;
  run(args: unknown): { changes: number; lastInsertRowid: number | bigint };
}
interface NativeDatabase {
  prepare(sql: string): NativeStatement;
  exec(sql: string): void;
  close(): void;
  readonly open: boolean;
  readonly inTransaction: boolean;
}
type NativeDatabaseCtor = new (path: string, opts: { timeout?: number }) => NativeDatabase;

const VALUES = Symbol("values");
type Row = Record<string, InValue> & { [VALUES]: InValue[] };

/** A kept statement, its columns and the prototype its rows share. */
interface Kept {
  stmt: NativeStatement;
  reader: boolean;
  columns: string[];
  columnTypes: string[];
  /** Column names given to rows as own enumerable properties, with their index; the first of duplicates wins. */
  named: [string, number][];
  rowProto: object;
  /** Ends in `limit ?`: run with a limit of 1, it is read with `get()` (see readResult). */
  limitLast: boolean;
}

/**
 * Row objects as `@libsql/client` makes them, built without a property definition per value:
 * indices and `length` are non-enumerable getters on a prototype shared by the statement's rows,
 * column names are plain own properties.
 */
function rowPrototype(n: number): object {
  const proto: PropertyDescriptorMap = { length: { value: n } };
  for (let i = 0; i < n; i++) {
    proto[i] = {
      get(this: Row) {
        return this[VALUES][i];
      },
    };
  }
  return Object.create(Object.prototype, proto) as object;
}

function keep(stmt: NativeStatement, sql: string): Kept {
  stmt.safeIntegers(true);
  const reader = stmt.reader;
  if (!reader) return { stmt, reader, columns: [], columnTypes: [], named: [], rowProto: Object.prototype, limitLast: false };
  stmt.raw(true);
  const cols = stmt.columns();
  const columns = cols.map((c) => c.name);
  const named: [string, number][] = [];
  const seen = new Set<string>();
  columns.forEach((name, i) => {
    // Names an index or `length` would take are shadowed in `@libsql/client` too.
    const shadowed = name === "length" || (/^(0|[1-9]\d*)$/.test(name) && Number(name) < columns.length);
    if (!shadowed && !seen.has(name)) named.push([name, i]);
    seen.add(name);
  });
  return { stmt, reader, columns, columnTypes: cols.map((c) => c.type ?? ""), named, rowProto: rowPrototype(columns.length), limitLast: /\blimit \?$/i.test(sql) };
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_I64 = -9223372036854775808n;
const MAX_I64 = 9223372036854775807n;

function valueFromSql(v: unknown): InValue {
  if (typeof v === "bigint") {
    if (v < MIN_SAFE || v > MAX_SAFE) throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
    return Number(v);
  }
  if (v instanceof Buffer) {
    return v.byteOffset === 0 && v.byteLength === v.buffer.byteLength ? (v.buffer as ArrayBuffer) : (v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer);
  }
  return v as InValue;
}

function valueToSql(v: InValue | undefined): unknown {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments");
    return v;
  }
  if (typeof v === "bigint") {
    if (v < MIN_I64 || v > MAX_I64) throw new RangeError("bigint is too large to be represented as a 64-bit integer and passed as argument");
    return v;
  }
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  if (v instanceof Date) return v.valueOf();
  if (v === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return v;
}

function argsToSql(args: InArgs | undefined): unknown {
  if (args === undefined) return [];
  if (Array.isArray(args)) {
    const out = new Array<unknown>(args.length);
    for (let i = 0; i < args.length; i++) out[i] = valueToSql(args[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const name in args) {
    const key = name[0] === "@" || name[0] === "$" || name[0] === ":" ? name.substring(1) : name;
    out[key] = valueToSql((args as Record<string, InValue>)[name]);
  }
  return out;
}

const BASE_CODES: Record<number, string> = {
  1: "SQLITE_ERROR", 2: "SQLITE_INTERNAL", 3: "SQLITE_PERM", 4: "SQLITE_ABORT", 5: "SQLITE_BUSY", 6: "SQLITE_LOCKED",
  7: "SQLITE_NOMEM", 8: "SQLITE_READONLY", 9: "SQLITE_INTERRUPT", 10: "SQLITE_IOERR", 11: "SQLITE_CORRUPT",
  12: "SQLITE_NOTFOUND", 13: "SQLITE_FULL", 14: "SQLITE_CANTOPEN", 15: "SQLITE_PROTOCOL", 16: "SQLITE_EMPTY",
  17: "SQLITE_SCHEMA", 18: "SQLITE_TOOBIG", 19: "SQLITE_CONSTRAINT", 20: "SQLITE_MISMATCH", 21: "SQLITE_MISUSE",
  22: "SQLITE_NOLFS", 23: "SQLITE_AUTH", 24: "SQLITE_FORMAT", 25: "SQLITE_RANGE", 26: "SQLITE_NOTADB",
  27: "SQLITE_NOTICE", 28: "SQLITE_WARNING",
};

/** The driver's error as the LibsqlError `@libsql/client` would throw (db/busy.ts reads its code). */
function mapError(e: unknown): unknown {
  if (e instanceof (Database as unknown as { SqliteError: new () => Error }).SqliteError) {
    const err = e as Error & { code: string; rawCode?: number };
    const base = err.rawCode === undefined ? "SQLITE_UNKNOWN" : (BASE_CODES[err.rawCode & 0xff] ?? `SQLITE_UNKNOWN_${err.rawCode & 0xff}`);
    return new LibsqlError(err.message, base, err.code, err.rawCode, err);
  }
  return e;
}

function batchError(e: unknown, i: number): unknown {
  if (e instanceof LibsqlBatchError || !(e instanceof LibsqlError)) return e;
  return new LibsqlBatchError(e.message, i, e.code, e.extendedCode, e.rawCode, e.cause instanceof Error ? e.cause : undefined);
}

function beginFor(mode: TransactionMode): string {
  if (mode === "write") return "BEGIN IMMEDIATE";
  if (mode === "read") return "BEGIN TRANSACTION READONLY";
  if (mode === "deferred") return "BEGIN DEFERRED";
  throw new RangeError('Unknown transaction mode, supported values are "write", "read" and "deferred"');
}

/** One connection and its statements, least recently used first. */
export class Connection {
  readonly statements = new Map<string, Kept>();
  /**
   * A statement of this connection failed. It may be left un-reset until garbage-collected,
   * and while it is, every COMMIT here fails ("SQL statements in progress"): the pool retires
   * the connection instead of lending it again.
   */
  failed = false;
  constructor(readonly db: NativeDatabase, private readonly cacheSize: number) {}

  execute(stmt: InStatement | string): ResultSet {
    const sql = typeof stmt === "string" ? stmt : stmt.sql;
    const args = typeof stmt === "string" ? [] : argsToSql(stmt.args);
    let kept = this.statements.get(sql);
    if (kept !== undefined) {
      this.statements.delete(sql);
    } else {
      try {
        kept = keep(this.db.prepare(sql), sql);
      } catch (e) {
        throw mapError(e);
      }
    }
    let result: ResultSet;
    try {
      result = kept.reader ? readResult(kept, args) : runResult(kept, args);
    } catch (e) {
      // Not put back: a statement that failed may be left un-reset (see the module comment).
      this.failed = true;
      throw mapError(e);
    }
    this.statements.set(sql, kept);
    if (this.statements.size > this.cacheSize) this.statements.delete(this.statements.keys().next().value!);
    return result;
  }

  /** Statements compiled before a schema change may report stale columns; DDL goes through here. */
  exec(sql: string): void {
    this.statements.clear();
    try {
      this.db.exec(sql);
    } catch (e) {
      throw mapError(e);
    }
  }

  close(): void {
    this.statements.clear();
    try {
      if (this.db.open) this.db.close();
    } catch {
      // nothing useful to do while tearing down
    }
  }
}

function readResult(kept: Kept, args: unknown): ResultSet {
  // The driver's all() walks an iterator over a 100-row buffer, about 10 µs more than
  // get() for a query that can only return one row (the session read of every page).
  // get() resets the statement, so no read snapshot stays open.
  const single = kept.limitLast && Array.isArray(args) && Number(args[args.length - 1]) === 1;
  const raw = single ? oneRow(kept.stmt.get(args)) : kept.stmt.all(args);
  const { named, rowProto } = kept;
  const rows = new Array<Row>(raw.length);
  for (let r = 0; r < raw.length; r++) {
    const src = raw[r]!;
    const values = new Array<InValue>(src.length);
    for (let i = 0; i < src.length; i++) values[i] = valueFromSql(src[i]);
    const row = Object.create(rowProto) as Row;
    row[VALUES] = values;
    for (let k = 0; k < named.length; k++) {
      const [name, i] = named[k]!;
      if (name === "__proto__") Object.defineProperty(row, name, { value: values[i], enumerable: true, configurable: true, writable: true });
      else row[name] = values[i]!;
    }
    rows[r] = row;
  }
  return resultSet(kept.columns, kept.columnTypes, rows as unknown as ResultSet["rows"], 0, undefined);
}

function oneRow(row: unknown[] | undefined): unknown[][] {
  return row === undefined ? [] : [row];
}

function runResult(kept: Kept, args: unknown): ResultSet {
  const info = kept.stmt.run(args);
  return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
}

function resultSet(columns: string[], columnTypes: string[], rows: ResultSet["rows"], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON() {
      return {
        columns,
        columnTypes,
        rows: rows.map((row) => Array.prototype.map.call(row, (v: unknown) => (typeof v === "bigint" ? String(v) : v instanceof ArrayBuffer ? Buffer.from(v).toString("base64") : v))),
        rowsAffected,
        lastInsertRowid: lastInsertRowid === undefined ? null : String(lastInsertRowid),
      };
    },
  };
}

function closedError(what: "client" | "transaction"): LibsqlError {
  return what === "client" ? new LibsqlError("The client is closed", "CLIENT_CLOSED") : new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
}

export interface CachedClientOptions {
  /** A file path, or ":memory:" (then one connection: a second would be another, empty database). */
  path: string;
  /** SQLite's busy timeout in milliseconds, on every connection. */
  timeout?: number;
  cacheSize?: number;
}

/**
 * A pool of connections as `@libsql/client` keeps them: every call borrows one for its
 * synchronous run, a transaction holds one until it settles.
 */
export class CachedClient implements Client {
  closed = false;
  readonly protocol = "file";
  #idle: Connection[] = [];
  #borrowed = new Set<Connection>();
  readonly #single: boolean;

  constructor(private readonly options: CachedClientOptions) {
    this.#single = options.path === ":memory:" || options.path.startsWith(":memory:") || options.path.includes("mode=memory");
    // Fail at once if the database cannot be opened at all.
    this.#release(this.#acquire());
  }

  #acquire(): Connection {
    if (this.closed) throw closedError("client");
    let conn = this.#idle.pop();
    if (conn === undefined) {
      if (this.#single && this.#borrowed.size > 0) {
        throw new LibsqlError(
          "This client has a single connection, which an open transaction is holding. Commit or roll back the transaction before using the client again.",
          "TRANSACTION_ACTIVE",
        );
      }
      const Ctor = Database as unknown as NativeDatabaseCtor;
      conn = new Connection(new Ctor(this.options.path, { timeout: this.options.timeout }), this.options.cacheSize ?? STATEMENT_CACHE_SIZE);
    }
    this.#borrowed.add(conn);
    return conn;
  }

  #release(conn: Connection): void {
    this.#borrowed.delete(conn);
    // Never back into the pool mid-transaction, or the next borrower would inherit it.
    if (conn.db.open && conn.db.inTransaction) {
      try {
        conn.execute("ROLLBACK");
      } catch {
        conn.close();
        return;
      }
    }
    // An in-memory database lives and dies with its one connection: it is kept even so.
    if (this.closed || !conn.db.open || (conn.failed && !this.#single)) conn.close();
    else this.#idle.push(conn);
  }

  #with<T>(work: (conn: Connection) => T): Promise<T> {
    try {
      const conn = this.#acquire();
      try {
        return Promise.resolve(work(conn));
      } finally {
        this.#release(conn);
      }
    } catch (e) {
      return Promise.reject(e);
    }
  }

  execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const stmt = typeof stmtOrSql === "string" ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    return this.#with((conn) => conn.execute(stmt));
  }

  batch(stmts: (InStatement | [string, InArgs?])[], mode: TransactionMode = "deferred"): Promise<ResultSet[]> {
    return this.#with((conn) => {
      conn.execute(beginFor(mode));
      const results = runAll(conn, stmts);
      conn.execute("COMMIT");
      return results; // on a throw, #release rolls back
    });
  }

  migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#with((conn) => {
      conn.statements.clear();
      conn.execute("PRAGMA foreign_keys=off");
      try {
        conn.execute("BEGIN DEFERRED");
        const results = runAll(conn, stmts);
        conn.execute("COMMIT");
        return results;
      } finally {
        if (conn.db.inTransaction) conn.execute("ROLLBACK");
        conn.execute("PRAGMA foreign_keys=on");
        conn.statements.clear();
      }
    });
  }

  transaction(mode: TransactionMode = "write"): Promise<Transaction> {
    try {
      const conn = this.#acquire();
      try {
        conn.execute(beginFor(mode));
      } catch (e) {
        this.#release(conn);
        throw e;
      }
      return Promise.resolve(new CachedTransaction(conn, (c) => this.#release(c)));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  executeMultiple(sql: string): Promise<void> {
    return this.#with((conn) => conn.exec(sql));
  }

  sync(): Promise<never> {
    return Promise.reject(new LibsqlError("sync is only for embedded replicas", "SYNC_NOT_SUPPORTED"));
  }

  /** Drops every connection (and so every kept statement), then opens new ones on demand. */
  reconnect(): void {
    this.#closeAll();
    this.closed = false;
  }

  close(): void {
    this.closed = true;
    this.#closeAll();
  }

  #closeAll(): void {
    for (const conn of this.#idle) conn.close();
    for (const conn of this.#borrowed) conn.close();
    this.#idle = [];
    this.#borrowed.clear();
  }

  /** Kept statements per open connection, for tests. */
  cachedStatementCounts(): number[] {
    return [...this.#idle, ...this.#borrowed].map((c) => c.statements.size);
  }
}

function runAll(conn: Connection, stmts: (InStatement | [string, InArgs?])[]): ResultSet[] {
  const results: ResultSet[] = [];
  for (let i = 0; i < stmts.length; i++) {
    try {
      if (!conn.db.inTransaction) throw new LibsqlBatchError("The transaction has been rolled back", i, "TRANSACTION_CLOSED");
      const s = stmts[i]!;
      results.push(conn.execute(Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s));
    } catch (e) {
      throw batchError(e, i);
    }
  }
  return results;
}

/** An interactive transaction holding its connection until it commits, rolls back or closes. */
class CachedTransaction implements Transaction {
  #conn: Connection | null;
  constructor(conn: Connection, private readonly release: (conn: Connection) => void) {
    this.#conn = conn;
  }

  #settle(): void {
    const conn = this.#conn;
    if (conn === null) return;
    this.#conn = null;
    this.release(conn);
  }

  #live(): Connection {
    if (this.closed) throw closedError("transaction");
    return this.#conn!;
  }

  execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    try {
      const stmt = typeof stmtOrSql === "string" ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
      return Promise.resolve(this.#live().execute(stmt));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  batch(stmts: (InStatement | [string, InArgs?])[]): Promise<ResultSet[]> {
    try {
      const results: ResultSet[] = [];
      for (let i = 0; i < stmts.length; i++) {
        try {
          const s = stmts[i]!;
          results.push(this.#live().execute(Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s));
        } catch (e) {
          throw batchError(e, i);
        }
      }
      return Promise.resolve(results);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  executeMultiple(sql: string): Promise<void> {
    try {
      return Promise.resolve(this.#live().exec(sql));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  rollback(): Promise<void> {
    const conn = this.#conn;
    try {
      if (conn !== null && conn.db.open && conn.db.inTransaction) conn.execute("ROLLBACK");
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e);
    } finally {
      this.#settle();
    }
  }

  /** Settles even when COMMIT fails: returning the connection rolls it back, as in `@libsql/client`. */
  commit(): Promise<void> {
    try {
      this.#live().execute("COMMIT");
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e);
    } finally {
      this.#settle();
    }
  }

  close(): void {
    const conn = this.#conn;
    if (conn === null) return;
    try {
      if (conn.db.open && conn.db.inTransaction) conn.execute("ROLLBACK");
    } finally {
      this.#settle();
    }
  }

  get closed(): boolean {
    const conn = this.#conn;
    return conn === null || !conn.db.open || !conn.db.inTransaction;
  }
}
