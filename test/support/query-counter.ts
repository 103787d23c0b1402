/**
 * @module
 * Counts the SQL statements an app sends to its libSQL client, so a test can say
 * "this page runs N statements" and print them when it runs more.
 *
 * It patches the client instance drizzle holds (`db.$client`): every statement
 * that goes through `execute`, `batch`, `executeMultiple`, `migrate`, or a
 * transaction's `execute`/`batch`/`executeMultiple` is recorded with its SQL and
 * arguments, then run as before, and the rows each returns are counted. A transaction's BEGIN/COMMIT are not counted
 * (the driver issues them), only the statements inside it. The same idea as
 * `instrumentClient` in scripts/bench.ts, without the timing.
 *
 * The counter sees everything the client runs, so measure one request at a time.
 *
 * @example
 * const queries = countQueries(t.db);
 * const { count, statements } = await queries.measure(() => browser.get("/officer"));
 * expect(count, formatStatements(statements)).toBeLessThanOrEqual(8);
 */
import type { Client, InArgs, InStatement, ResultSet, Transaction, TransactionMode } from "@libsql/client";
import { shortSql } from "../../scripts/short-sql";
import type { Db } from "../../src/db/client";

export interface RecordedStatement {
  sql: string;
  args?: InArgs;
}

export interface QueryCounter {
  /** Statements recorded since the counter was made or last reset. */
  count(): number;
  statements(): readonly RecordedStatement[];
  reset(): void;
  /** Rows the database returned since the counter was made or last reset. */
  rowsRead(): number;
  /** Runs `work` with a fresh count and returns what it ran and how many rows came back. */
  measure<T>(work: () => Promise<T>): Promise<{ result: T; count: number; statements: RecordedStatement[]; rowsRead: number }>;
  /** Puts the client's own methods back. */
  restore(): void;
}

type BatchItem = InStatement | [string, InArgs?];

function asStatement(stmt: BatchItem, args?: InArgs): RecordedStatement {
  if (typeof stmt === "string") return args === undefined ? { sql: stmt } : { sql: stmt, args };
  if (Array.isArray(stmt)) return stmt[1] === undefined ? { sql: stmt[0] } : { sql: stmt[0], args: stmt[1] };
  return stmt;
}

const PATCHED = ["execute", "batch", "executeMultiple", "migrate", "transaction"] as const;

/** The libSQL client under a drizzle database: drizzle sets `$client`, which the app's `Db` type leaves out. */
export function clientOf(db: Db): Client {
  const client = (db as Db & { $client?: Client }).$client;
  if (!client) throw new Error("not a drizzle libSQL database: it has no $client");
  return client;
}

/** Starts counting the statements a drizzle database (or a bare libSQL client) runs, until `restore()`. */
export function countQueries(target: Db | Client): QueryCounter {
  const client = "$client" in target ? clientOf(target as Db) : (target as Client);
  let recorded: RecordedStatement[] = [];
  let rows = 0;
  const record = (...stmts: RecordedStatement[]) => void recorded.push(...stmts);
  const read = <R extends ResultSet | ResultSet[]>(result: Promise<R>): Promise<R> =>
    result.then((r) => {
      for (const set of Array.isArray(r) ? r : [r]) rows += set.rows.length;
      return r;
    });

  const own = new Map(PATCHED.map((name) => [name, Object.getOwnPropertyDescriptor(client, name)] as const));
  const execute = client.execute.bind(client) as (stmt: InStatement, args?: InArgs) => ReturnType<Client["execute"]>;
  const batch = client.batch.bind(client);
  const executeMultiple = client.executeMultiple.bind(client);
  const migrate = client.migrate.bind(client);
  const transaction = client.transaction.bind(client) as (mode?: TransactionMode) => Promise<Transaction>;

  const watchTransaction = (tx: Transaction): Transaction => {
    const txExecute = tx.execute.bind(tx);
    const txBatch = tx.batch.bind(tx);
    const txExecuteMultiple = tx.executeMultiple.bind(tx);
    return Object.assign(tx, {
      execute: (stmt: InStatement) => (record(asStatement(stmt)), read(txExecute(stmt))),
      batch: (stmts: InStatement[]) => (record(...stmts.map((s) => asStatement(s))), read(txBatch(stmts))),
      executeMultiple: (sql: string) => (record({ sql }), txExecuteMultiple(sql)),
    });
  };

  Object.assign(client, {
    execute: (stmt: InStatement, args?: InArgs) => (record(asStatement(stmt, args)), read(execute(stmt, args))),
    batch: (stmts: BatchItem[], mode?: TransactionMode) => (record(...stmts.map((s) => asStatement(s))), read(batch(stmts, mode))),
    executeMultiple: (sql: string) => (record({ sql }), executeMultiple(sql)),
    migrate: (stmts: InStatement[]) => (record(...stmts.map((s) => asStatement(s))), migrate(stmts)),
    transaction: async (mode?: TransactionMode) => watchTransaction(await transaction(mode)),
  });

  return {
    count: () => recorded.length,
    statements: () => recorded,
    rowsRead: () => rows,
    reset: () => void ((recorded = []), (rows = 0)),
    async measure(work) {
      recorded = [];
      rows = 0;
      const result = await work();
      const statements = recorded;
      const rowsRead = rows;
      recorded = [];
      rows = 0;
      return { result, count: statements.length, statements, rowsRead };
    },
    restore() {
      for (const [name, descriptor] of own) {
        if (descriptor) Object.defineProperty(client, name, descriptor);
        else delete (client as unknown as Record<string, unknown>)[name];
      }
    },
  };
}

/** The statements as a numbered list for an assertion message; a run of the same SQL is one line with its count. */
export function formatStatements(statements: readonly RecordedStatement[]): string {
  if (statements.length === 0) return "  (none)";
  const lines: string[] = [];
  for (let i = 0; i < statements.length; ) {
    let j = i + 1;
    while (j < statements.length && statements[j]!.sql === statements[i]!.sql) j++;
    const times = j - i > 1 ? ` (×${j - i})` : "";
    lines.push(`  ${String(i + 1).padStart(2)}. ${shortSql(statements[i]!.sql)}${times}`);
    i = j;
  }
  return lines.join("\n");
}
