// Hrana-over-HTTP server backed by a local SQLite file — a test/dev harness only, never production
// (production talks to Turso). It exists because @libsql/client/web (e.g. inside workerd) only speaks http/ws.
import http from "node:http";
import { randomBytes } from "node:crypto";
import Database from "libsql";

type Db = Database.Database;
type Value =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };
interface Stmt {
  sql?: string | null;
  sql_id?: number | null;
  args?: Value[];
  named_args?: { name: string; value: Value }[];
  want_rows?: boolean;
}
type Cond =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: Cond }
  | { type: "and" | "or"; conds: Cond[] }
  | { type: "is_autocommit" };
type StreamRequest =
  | { type: "close" | "get_autocommit" }
  | { type: "execute"; stmt: Stmt }
  | { type: "batch"; batch: { steps: { condition?: Cond | null; stmt: Stmt }[] } }
  | { type: "sequence" | "describe"; sql?: string | null; sql_id?: number | null }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number };
interface HranaErr { message: string; code?: string }
interface StmtResult {
  cols: { name: string; decltype: string | null }[];
  rows: Value[][];
  affected_row_count: number;
  last_insert_rowid: string;
  replication_index: null;
}
interface BatchResult { step_results: (StmtResult | null)[]; step_errors: (HranaErr | null)[] }
interface Stream { db: Db; sqls: Map<number, string>; baton: string; timer?: NodeJS.Timeout; closed: boolean; onClose?: () => void }

export interface HranaHarness {
  url: string;
  /** Database requests served so far (pipeline and cursor POSTs; not the client's one-time version probe). */
  requests(): number;
  close(): Promise<void>;
}

const IDLE_TIMEOUT_MS = 10_000;
/** How long a stream waits for another stream's write transaction before failing with SQLITE_BUSY. */
export const WRITE_LOCK_WAIT_MS = 5_000;
// Strings, quoted identifiers and comments, so that `?`, `:x` etc. inside them are not taken for parameters.
const QUOTED_OR_COMMENT = /'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/g;

class HranaError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

function fromHrana(v: Value): unknown {
  switch (v.type) {
    case "integer": return BigInt(v.value);
    case "float": return Number(v.value);
    case "text": return v.value;
    case "blob": return Buffer.from(v.base64, "base64");
    default: return null; // "null", and `{}` which the client writes for `undefined`
  }
}

function toHrana(v: unknown): Value {
  if (v === null || v === undefined) return { type: "null" };
  // Safe integers are on, so INTEGERs arrive as bigint and any JS number is a REAL.
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  if (typeof v === "number") return { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (v instanceof Uint8Array) return { type: "blob", base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") };
  throw new HranaError(`Unsupported value type from SQLite: ${typeof v}`, "INTERNAL");
}

function toError(e: unknown): HranaErr {
  if (e instanceof HranaError) return { message: e.message, code: e.code };
  const code = (e as { code?: unknown } | null)?.code;
  return { message: e instanceof Error ? e.message : String(e), ...(typeof code === "string" ? { code } : {}) };
}

function sqlOf(s: Stream, req: { sql?: string | null; sql_id?: number | null }): string {
  if (typeof req.sql === "string") return req.sql;
  const sql = req.sql_id == null ? undefined : s.sqls.get(req.sql_id);
  if (sql === undefined) throw new HranaError(`SQL text not found (sql_id ${req.sql_id})`, "SQL_NOT_FOUND");
  return sql;
}

function bindParams(sql: string, stmt: Stmt): unknown[] | Record<string, unknown> {
  const args = (stmt.args ?? []).map(fromHrana);
  const named = stmt.named_args ?? [];
  if (named.length === 0) return args;
  // libsql's native binding panics — aborting the whole process — when an object meets an anonymous `?`.
  if (/\?(?!\d)/.test(sql.replace(QUOTED_OR_COMMENT, " "))) {
    throw new HranaError("This harness cannot mix anonymous `?` parameters with named arguments", "ARGS_INVALID");
  }
  const obj: Record<string, unknown> = {};
  args.forEach((v, i) => { obj[String(i + 1)] = v; }); // reaches `?NNN` parameters
  // libsql matches bare names against `:x`, `@x` and `$x`, but silently binds NULL for prefixed keys.
  for (const { name, value } of named) obj[name.replace(/^[:@$]/, "")] = fromHrana(value);
  return obj;
}

function counters(db: Db): bigint[] {
  return db.prepare("SELECT total_changes(), changes(), last_insert_rowid()").raw(true).get([]) as bigint[];
}

function execute(s: Stream, stmt: Stmt): StmtResult {
  const sql = sqlOf(s, stmt);
  const prepared = s.db.prepare(sql);
  const params = bindParams(sql, stmt);
  const [totalBefore] = counters(s.db);
  let cols: StmtResult["cols"] = [];
  let rows: Value[][] = [];
  if (prepared.reader) {
    cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type }));
    const raw = prepared.raw(true).all(params) as unknown[][];
    if (stmt.want_rows !== false) rows = raw.map((r) => r.map(toHrana));
  } else {
    prepared.run(params);
  }
  // run()'s lastInsertRowid is a lossy JS number, and changes() is stale after non-DML statements.
  const [total, changes, rowid] = counters(s.db);
  return {
    cols,
    rows,
    affected_row_count: total === totalBefore ? 0 : Number(changes),
    last_insert_rowid: String(rowid),
    replication_index: null,
  };
}

function runBatch(s: Stream, steps: { condition?: Cond | null; stmt: Stmt }[]): BatchResult {
  const step_results: (StmtResult | null)[] = steps.map(() => null);
  const step_errors: (HranaErr | null)[] = steps.map(() => null);
  const holds = (c: Cond): boolean => {
    switch (c.type) {
      case "ok": return step_results[c.step] != null;
      case "error": return step_errors[c.step] != null;
      case "not": return !holds(c.cond);
      case "and": return c.conds.every(holds);
      case "or": return c.conds.some(holds);
      case "is_autocommit": return !s.db.inTransaction;
    }
  };
  steps.forEach((step, i) => {
    if (step.condition && !holds(step.condition)) return;
    try {
      step_results[i] = execute(s, step.stmt);
    } catch (e) {
      step_errors[i] = toError(e);
    }
  });
  return { step_results, step_errors };
}

// libsql exposes neither parameter names nor sqlite3_stmt_readonly, so both are approximated from the SQL text.
function describe(s: Stream, sql: string): object {
  const prepared = s.db.prepare(sql);
  const bare = sql.replace(QUOTED_OR_COMMENT, " ");
  const params: { name: string | null }[] = [];
  for (const [tok] of bare.matchAll(/\?\d*|[:@$][\w$]+/g)) {
    if (tok === "?") params.push({ name: null });
    else if (tok.startsWith("?")) {
      const index = Number(tok.slice(1));
      while (params.length < index) params.push({ name: null });
      params[index - 1] = { name: tok };
    } else if (!params.some((p) => p.name === tok)) params.push({ name: tok });
  }
  return {
    params,
    cols: prepared.reader ? prepared.columns().map((c) => ({ name: c.name, decltype: c.type })) : [],
    is_explain: /^\s*EXPLAIN\b/i.test(bare),
    is_readonly: prepared.reader && /^\s*(SELECT|VALUES|WITH)\b/i.test(bare) && !/\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(bare),
  };
}

function handle(s: Stream, req: StreamRequest): object {
  if (s.closed) throw new HranaError("Stream is closed", "STREAM_CLOSED");
  switch (req.type) {
    case "close": closeStream(s); return { type: "close" };
    case "execute": return { type: "execute", result: execute(s, req.stmt) };
    case "batch": return { type: "batch", result: runBatch(s, req.batch.steps) };
    case "sequence": s.db.exec(sqlOf(s, req)); return { type: "sequence" };
    case "describe": return { type: "describe", result: describe(s, sqlOf(s, req)) };
    case "store_sql": s.sqls.set(req.sql_id, req.sql); return { type: "store_sql" };
    case "close_sql": s.sqls.delete(req.sql_id); return { type: "close_sql" };
    case "get_autocommit": return { type: "get_autocommit", is_autocommit: !s.db.inTransaction };
    default: throw new HranaError(`Unknown request type ${(req as { type: unknown }).type}`, "PROTO_ERROR");
  }
}

function closeStream(s: Stream): void {
  if (s.closed) return;
  s.closed = true;
  clearTimeout(s.timer);
  s.db.close(); // SQLite rolls back any transaction left open
  s.onClose?.();
}

/**
 * One writing stream at a time, as a libSQL server has it: a stream that is about
 * to write while another stream's write transaction is open waits (across that
 * transaction's HTTP round trips) instead of failing at once, and fails with
 * SQLITE_BUSY only after `WRITE_LOCK_WAIT_MS`. SQLite's own busy wait could not do
 * this here: it blocks the event loop, so the holder's next request never arrives.
 */
class StreamWriteLock {
  #owner: Stream | null = null;
  #waiters: { s: Stream; grant: () => void }[] = [];

  constructor(private readonly waitMs: number) {}

  acquire(s: Stream): Promise<void> {
    if (this.#owner === null || this.#owner === s) {
      this.#owner = s;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        s,
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new HranaError(`SQLITE_BUSY: database is locked (waited ${this.waitMs} ms for another stream's write transaction)`, "SQLITE_BUSY"));
      }, this.waitMs);
      this.#waiters.push(waiter);
    });
  }

  /** Called after each request of `s`: the lock goes once `s` is outside a transaction. */
  settle(s: Stream): void {
    if (this.#owner !== s || (!s.closed && s.db.inTransaction)) return;
    const next = this.#waiters.shift();
    this.#owner = next?.s ?? null;
    next?.grant();
  }
}

// Statements that take no write lock: reads, and BEGIN/COMMIT/ROLLBACK of a deferred or read-only transaction.
const NON_WRITING = /^\s*(select|explain|values|commit|end|rollback|begin(\s+deferred)?(\s+transaction)?(\s+readonly)?\s*;?\s*$)/i;

function writes(s: Stream, stmt: Stmt, storing: Map<number, string>): boolean {
  let sql: string;
  try {
    sql = stmt.sql == null && stmt.sql_id != null && storing.has(stmt.sql_id) ? storing.get(stmt.sql_id)! : sqlOf(s, stmt);
  } catch {
    return false; // answered as an error by execute()
  }
  const bare = sql.replace(QUOTED_OR_COMMENT, " ");
  if (/^\s*with\b/i.test(bare)) return /\b(insert|update|delete|replace)\b/i.test(bare);
  if (/^\s*pragma\b/i.test(bare)) return bare.includes("=");
  return !NON_WRITING.test(bare);
}

/** Whether serving these requests may take the write lock. */
function needsWriteLock(s: Stream, requests: StreamRequest[]): boolean {
  // SQL stored earlier in the same pipeline (the client sends a batch's statements so): not in s.sqls yet.
  const storing = new Map<number, string>();
  return requests.some((r) => {
    switch (r.type) {
      case "store_sql": storing.set(r.sql_id, r.sql); return false;
      case "execute": return writes(s, r.stmt, storing);
      case "batch": return r.batch.steps.some((step) => writes(s, step.stmt, storing));
      case "sequence": return true;
      default: return false;
    }
  });
}

export interface HranaHarnessOptions {
  dbPath: string;
  port?: number;
  host?: string;
  writeLockWaitMs?: number;
  /**
   * Milliseconds every HTTP request waits before it is served: the Worker↔database
   * distance (30 ≈ a Bangkok Worker to a Singapore database). Default HRANA_DELAY_MS or 0.
   */
  delayMs?: number;
}

export async function startHranaHarness(opts: HranaHarnessOptions): Promise<HranaHarness> {
  const host = opts.host ?? "127.0.0.1";
  const delayMs = opts.delayMs ?? Number(process.env.HRANA_DELAY_MS ?? 0);
  let served = 0;
  const streams = new Map<string, Stream>();
  const writeLock = new StreamWriteLock(opts.writeLockWaitMs ?? WRITE_LOCK_WAIT_MS);

  // Batons are single-use: each response hands out a fresh one, so a replayed or stale baton is rejected.
  const park = (s: Stream): string | null => {
    streams.delete(s.baton);
    if (s.closed) return null;
    s.baton = randomBytes(18).toString("base64url");
    streams.set(s.baton, s);
    clearTimeout(s.timer);
    s.timer = setTimeout(() => { streams.delete(s.baton); closeStream(s); }, IDLE_TIMEOUT_MS).unref();
    return s.baton;
  };
  const acquire = (baton: unknown): Stream => {
    if (typeof baton === "string") {
      const s = streams.get(baton);
      if (!s) throw new HranaError("Unknown or expired baton", "STREAM_EXPIRED");
      streams.delete(baton);
      // Not idle while it waits for the write lock.
      clearTimeout(s.timer);
      return s;
    }
    const db = new Database(opts.dbPath);
    // Only for writers of other processes: streams of this harness queue in StreamWriteLock.
    db.exec("PRAGMA busy_timeout = 5000");
    db.defaultSafeIntegers(true);
    const s: Stream = { db, sqls: new Map(), baton: "", closed: false };
    s.onClose = () => writeLock.settle(s);
    return s;
  };
  /** Waits for the write lock when these requests would write; errors answer the request. */
  const serve = async <T>(s: Stream, writing: boolean, run: () => T): Promise<T> => {
    if (writing) await writeLock.acquire(s);
    try {
      return run();
    } finally {
      writeLock.settle(s);
    }
  };

  const reply = (res: http.ServerResponse, status: number, body: unknown): void => {
    // Exactly "application/json": the client only parses error bodies with that content type.
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      // The whole round trip's latency, paid once per request as over a real network.
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      try {
        const path = new URL(req.url ?? "/", "http://x").pathname.replace(/\/+$/, "");
        // No /v3-protobuf: its 404 makes a v3-probing client fall back to JSON.
        if (req.method === "GET" && ["", "/health", "/v2", "/v3"].includes(path)) return void res.end();
        if (req.method !== "POST" || !["/v2/pipeline", "/v3/pipeline", "/v3/cursor"].includes(path)) {
          return reply(res, 404, { message: `Not found: ${req.method} ${path}` });
        }
        served++;
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          baton?: string | null; requests?: StreamRequest[]; batch?: { steps: { condition?: Cond | null; stmt: Stmt }[] };
        } | null;
        // Checked before acquire() so that a malformed body cannot leave a freshly opened connection behind.
        if (typeof body !== "object" || body === null || !Array.isArray(path === "/v3/cursor" ? body.batch?.steps : body.requests)) {
          throw new HranaError("Malformed request body", "PROTO_ERROR");
        }
        const s = acquire(body.baton);
        if (path === "/v3/cursor") {
          const steps = body.batch?.steps ?? [];
          let result: BatchResult | HranaErr | null;
          try {
            result = await serve(s, needsWriteLock(s, [{ type: "batch", batch: { steps } }]), () => (s.closed ? null : runBatch(s, steps)));
          } catch (e) {
            result = toError(e);
          }
          return cursor(res, s, result);
        }
        const requests = body.requests ?? [];
        let results: object[];
        try {
          results = await serve(s, needsWriteLock(s, requests), () =>
            requests.map((r) => {
              try {
                return { type: "ok", response: handle(s, r) };
              } catch (e) {
                return { type: "error", error: toError(e) };
              }
            }),
          );
        } catch (e) {
          // The write lock stayed taken: every request of the pipeline fails as SQLITE_BUSY would.
          results = requests.map(() => ({ type: "error", error: toError(e) }));
        }
        reply(res, 200, { baton: park(s), base_url: null, results });
      } catch (e) {
        if (!res.headersSent) reply(res, e instanceof HranaError || e instanceof SyntaxError ? 400 : 500, toError(e));
        else res.destroy();
      }
    });
  });

  // Cursor responses are newline-delimited JSON: a header with the baton, then one entry per event.
  const cursor = (res: http.ServerResponse, s: Stream, result: BatchResult | HranaErr | null): void => {
    const lines: unknown[] = [{ baton: park(s), base_url: null }];
    if (!result) lines.push({ type: "error", error: { message: "Stream is closed", code: "STREAM_CLOSED" } });
    if (result && !("step_results" in result)) {
      lines.push({ type: "error", error: result });
      result = null;
    }
    result?.step_results.forEach((r, step) => {
      const error = result.step_errors[step];
      if (error) lines.push({ type: "step_error", step, error });
      if (!r) return;
      lines.push({ type: "step_begin", step, cols: r.cols }, ...r.rows.map((row) => ({ type: "row", row })));
      lines.push({ type: "step_end", affected_row_count: r.affected_row_count, last_insert_rowid: r.last_insert_rowid });
    });
    res.writeHead(200, { "content-type": "text/plain" }).end(lines.map((l) => JSON.stringify(l) + "\n").join(""));
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    requests: () => served,
    async close() {
      for (const s of streams.values()) closeStream(s);
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
