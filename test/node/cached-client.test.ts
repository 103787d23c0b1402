import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, LibsqlBatchError, type Client } from "@libsql/client";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CachedClient } from "../../src/platform/node/cached-client";
import { createDb } from "../../src/db/client";

let dir: string;
let path: string;
let clients: Client[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "tidtam-cached-"));
  path = join(dir, "t.db");
  clients = [];
});
afterEach(() => {
  for (const c of clients) c.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(cacheSize?: number): CachedClient {
  const c = new CachedClient({ path, timeout: 10, cacheSize });
  clients.push(c);
  return c;
}
function reference(): Client {
  const c = createClient({ url: `file:${path}` });
  clients.push(c);
  return c;
}

const blob = new Uint8Array([0, 1, 2, 250, 255]).buffer;
const ARGS = [null, 42, 9007199254740991n, 3.25, "สวัสดี ทดสอบ", blob] as const;

describe("the embedded client with kept statements", () => {
  it("round-trips every value type as @libsql/client does", async () => {
    const c = open();
    await c.execute("CREATE TABLE v (a, b, c, d, e, f)");
    await c.execute({ sql: "INSERT INTO v VALUES (?, ?, ?, ?, ?, ?)", args: [...ARGS] });
    const ours = await c.execute("SELECT a, b, c, d, e, f, a AS b FROM v");
    const theirs = await reference().execute("SELECT a, b, c, d, e, f, a AS b FROM v");

    expect(ours.columns).toEqual(theirs.columns);
    expect(ours.columnTypes).toEqual(theirs.columnTypes);
    const row = ours.rows[0]!;
    expect(row.length).toBe(7);
    expect(Array.prototype.slice.call(row)).toEqual(Array.prototype.slice.call(theirs.rows[0]!));
    expect([row.a, row.b, row.c, row.d, row.e]).toEqual([null, 42, 9007199254740991, 3.25, "สวัสดี ทดสอบ"]);
    expect(row.f).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(row.f as ArrayBuffer)]).toEqual([0, 1, 2, 250, 255]);
    // Only column names are enumerable (drizzle's raw queries read rows with Object.keys); the first duplicate wins.
    expect(Object.keys(row)).toEqual(Object.keys(theirs.rows[0]!));
    expect(JSON.stringify(ours.toJSON())).toBe(JSON.stringify(theirs.toJSON()));
    // Past 2^53, as @libsql/client in intMode "number": an error, not a rounded number.
    await c.execute("UPDATE v SET c = 9007199254740993");
    await expect(c.execute("SELECT c FROM v")).rejects.toThrow(RangeError);
  });

  it("reports rowsAffected and lastInsertRowid, and reads through drizzle the same way", async () => {
    const c = open();
    await c.execute("CREATE TABLE t (id integer PRIMARY KEY, name text)");
    const ins = await c.execute({ sql: "INSERT INTO t (name) VALUES (?), (?)", args: ["ก", "ข"] });
    expect(ins.rowsAffected).toBe(2);
    expect(ins.lastInsertRowid).toBe(2n);
    const db = createDb(c);
    expect(await db.all(sql`SELECT id, name FROM t ORDER BY id`)).toEqual([
      { id: 1, name: "ก" },
      { id: 2, name: "ข" },
    ]);
    expect(await db.get(sql`SELECT name, id FROM t WHERE id = ${2}`)).toEqual({ name: "ข", id: 2 });
    expect((await db.values(sql`SELECT name, id FROM t WHERE id = ${2}`)).map((r) => Array.from(r as unknown[]))).toEqual([["ข", 2]]);
  });

  it("reads a 'limit ?' statement run with 1 as one row (or none), and with more as all of them, leaving no snapshot open", async () => {
    const c = open();
    await c.execute("CREATE TABLE l (n)");
    await c.execute("INSERT INTO l VALUES (1), (2), (3)");
    const q = "SELECT n FROM l WHERE n >= ? ORDER BY n LIMIT ?";
    expect((await c.execute({ sql: q, args: [2, 1] })).rows.map((r) => r.n)).toEqual([2]);
    expect((await c.execute({ sql: q, args: [9, 1] })).rows).toEqual([]);
    expect((await c.execute({ sql: q, args: [1, 2] })).rows.map((r) => r.n)).toEqual([1, 2]);
    // Another connection's write is seen next: the one-row read did not keep a read transaction.
    await c.execute({ sql: q, args: [1, 1] });
    await reference().execute("INSERT INTO l VALUES (0)");
    expect((await c.execute("SELECT count(*) AS k FROM l")).rows[0]!.k).toBe(4);
  });

  it("keeps one prepared statement per SQL text and reuses it", async () => {
    const c = open();
    await c.execute("CREATE TABLE t (n integer)");
    for (let i = 0; i < 5; i++) await c.execute({ sql: "INSERT INTO t VALUES (?)", args: [i] });
    for (let i = 0; i < 5; i++) expect((await c.execute({ sql: "SELECT n FROM t WHERE n = ?", args: [i] })).rows[0]!.n).toBe(i);
    expect(c.cachedStatementCounts()).toEqual([3]);
  });

  it("bounds the statements kept per connection, dropping the least recently used", async () => {
    const c = open(4);
    for (let i = 0; i < 20; i++) expect((await c.execute(`SELECT ${i} AS n`)).rows[0]!.n).toBe(i);
    expect(c.cachedStatementCounts()).toEqual([4]);
  });

  it("does not keep a statement that failed, nor lend its connection again", async () => {
    const c = open();
    await c.execute("CREATE TABLE t (n integer UNIQUE)");
    await c.execute("INSERT INTO t VALUES (1)");
    expect(c.cachedStatementCounts()).toEqual([2]);
    await expect(c.execute("INSERT INTO t VALUES (1)")).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT" });
    // The connection is closed with its statements; the next call opens a fresh one.
    expect(c.cachedStatementCounts()).toEqual([]);
    await c.execute("INSERT INTO t VALUES (2)");
    expect((await c.execute("SELECT n FROM t ORDER BY n")).rows.map((r) => r.n)).toEqual([1, 2]);
  });

  it("rolls back an interactive transaction, and gives its connection back", async () => {
    const c = open();
    await c.execute("CREATE TABLE t (n integer)");
    const tx = await c.transaction("write");
    await tx.execute("INSERT INTO t VALUES (1)");
    // Another connection does not see it yet.
    expect((await c.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(0);
    await tx.rollback();
    expect(tx.closed).toBe(true);
    expect((await c.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(0);
    await expect(tx.execute("SELECT 1")).rejects.toMatchObject({ code: "TRANSACTION_CLOSED" });

    const tx2 = await c.transaction("write");
    await tx2.execute("INSERT INTO t VALUES (2)");
    await tx2.commit();
    expect((await c.execute("SELECT n FROM t")).rows.map((r) => r.n)).toEqual([2]);
  });

  it("rolls back a whole batch when one statement in it fails, as @libsql/client does", async () => {
    const c = open();
    await c.execute("CREATE TABLE t (n integer NOT NULL)");
    const err = await c.batch(["INSERT INTO t VALUES (1)", { sql: "INSERT INTO t VALUES (?)", args: [null] }, "INSERT INTO t VALUES (3)"], "write").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibsqlBatchError);
    expect(err).toMatchObject({ statementIndex: 1, code: "SQLITE_CONSTRAINT" });
    expect((await c.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(0);
    const ok = await c.batch(["INSERT INTO t VALUES (1)", "SELECT n FROM t"], "write");
    expect(ok[1]!.rows[0]!.n).toBe(1);
  });

  it("commits after a SQLITE_BUSY left by another process's lock, once reconnected", async () => {
    const c = open();
    await c.execute("PRAGMA journal_mode = WAL");
    await c.execute("CREATE TABLE t (n integer)");
    const other = reference();
    const holder = await other.transaction("write");
    await holder.execute("INSERT INTO t VALUES (0)");
    await expect(c.execute("INSERT INTO t VALUES (1)")).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    await holder.commit();
    c.reconnect();
    const tx = await c.transaction("write");
    await tx.execute("INSERT INTO t VALUES (1)");
    await tx.commit();
    expect((await c.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(2);
  });
});
