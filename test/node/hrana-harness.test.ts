import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { createClient, type Client } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import { sqliteTable, integer, text } from "drizzle-orm/sqlite-core";
import { eq } from "drizzle-orm";
import { startHranaHarness, type HranaHarness } from "../../scripts/hrana-harness.js";

let dir: string;
let harness: HranaHarness;
let client: Client;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hrana-harness-"));
  harness = await startHranaHarness({ dbPath: path.join(dir, "test.db"), port: 0 });
  client = createClient({ url: harness.url });
  await client.execute("PRAGMA journal_mode = WAL");
  await client.batch([
    "CREATE TABLE vals (id INTEGER PRIMARY KEY, i INTEGER, f REAL, t TEXT, n TEXT, b BLOB)",
    "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)",
  ], "write");
});

afterAll(async () => {
  client?.close();
  await harness?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function emails(): Promise<string[]> {
  const rs = await client.execute("SELECT email FROM users ORDER BY id");
  return rs.rows.map((r) => String(r.email));
}

describe("hrana harness with the real @libsql/client/web", () => {
  it("round-trips integer, float, text, null and blob values", async () => {
    const blob = new Uint8Array([0, 1, 2, 254, 255]);
    await client.execute({
      sql: "INSERT INTO vals (i, f, t, n, b) VALUES (?, ?, ?, ?, ?)",
      args: [9007199254740993n, 1.5, "สวัสดี", null, blob],
    });
    const bigClient = createClient({ url: harness.url, intMode: "bigint" });
    try {
      const rs = await bigClient.execute("SELECT i, f, t, n, b FROM vals");
      expect(rs.columns).toEqual(["i", "f", "t", "n", "b"]);
      expect(rs.columnTypes).toEqual(["INTEGER", "REAL", "TEXT", "TEXT", "BLOB"]);
      const row = rs.rows[0]!;
      expect(row.i).toBe(9007199254740993n);
      expect(row.f).toBe(1.5);
      expect(row.t).toBe("สวัสดี");
      expect(row.n).toBeNull();
      expect(new Uint8Array(row.b as ArrayBuffer)).toEqual(blob);
    } finally {
      bigClient.close();
    }
    const small = await client.execute("SELECT 42 AS answer, 2.0 AS two");
    expect(small.rows[0]!.answer).toBe(42);
    expect(small.rows[0]!.two).toBe(2);
  });

  it("binds named and positional arguments", async () => {
    await client.execute({ sql: "INSERT INTO users (email) VALUES (:email)", args: { email: "named@example.com" } });
    await client.execute({ sql: "INSERT INTO users (email) VALUES ($email)", args: { $email: "dollar@example.com" } });
    await client.execute({ sql: "INSERT INTO users (email) VALUES (?)", args: ["positional@example.com"] });
    const rs = await client.execute({
      sql: "SELECT count(*) AS c FROM users WHERE email IN (:a, @b, :c)",
      args: { a: "named@example.com", b: "dollar@example.com", ":c": "positional@example.com" },
    });
    expect(rs.rows[0]!.c).toBe(3);
    await expect(
      client.execute({ sql: "SELECT ? AS x, :y AS y", args: { y: 1 } }),
    ).rejects.toThrow(/anonymous/);
  });

  it("reports lastInsertRowid and rowsAffected", async () => {
    const ins = await client.execute({ sql: "INSERT INTO users (email) VALUES (?)", args: ["rowid@example.com"] });
    expect(ins.rowsAffected).toBe(1);
    const check = await client.execute("SELECT max(id) AS id FROM users");
    expect(ins.lastInsertRowid).toBe(BigInt(check.rows[0]!.id as number));
    const upd = await client.execute("UPDATE users SET email = email || '.x' WHERE email LIKE '%@example.com'");
    expect(upd.rowsAffected).toBe(4);
    await client.execute("UPDATE users SET email = substr(email, 1, length(email) - 2) WHERE email LIKE '%.x'");
    const sel = await client.execute("SELECT * FROM users");
    expect(sel.rowsAffected).toBe(0);
  });

  it("rolls back the whole batch when one statement fails", async () => {
    const before = await emails();
    await expect(
      client.batch([
        { sql: "INSERT INTO users (email) VALUES (?)", args: ["batch-1@example.com"] },
        { sql: "INSERT INTO users (email) VALUES (?)", args: ["named@example.com"] },
      ], "write"),
    ).rejects.toThrow(/UNIQUE/);
    expect(await emails()).toEqual(before);

    const ok = await client.batch([
      { sql: "INSERT INTO users (email) VALUES (?)", args: ["batch-2@example.com"] },
      { sql: "INSERT INTO users (email) VALUES (?)", args: ["batch-3@example.com"] },
    ], "write");
    expect(ok.map((r) => r.rowsAffected)).toEqual([1, 1]);
    expect(await emails()).toEqual([...before, "batch-2@example.com", "batch-3@example.com"]);
  });

  it("makes a committed interactive transaction visible and a rolled-back one not", async () => {
    const tx = await client.transaction("write");
    await tx.execute({ sql: "INSERT INTO users (email) VALUES (?)", args: ["tx-commit@example.com"] });
    expect((await tx.execute("SELECT count(*) AS c FROM users WHERE email = 'tx-commit@example.com'")).rows[0]!.c).toBe(1);
    expect(await emails()).not.toContain("tx-commit@example.com");
    await tx.commit();
    expect(await emails()).toContain("tx-commit@example.com");

    const tx2 = await client.transaction("write");
    await tx2.execute({ sql: "INSERT INTO users (email) VALUES (?)", args: ["tx-rollback@example.com"] });
    await tx2.rollback();
    expect(await emails()).not.toContain("tx-rollback@example.com");
  });

  it("surfaces a constraint violation as an error that mentions UNIQUE", async () => {
    const err = await client
      .execute({ sql: "INSERT INTO users (email) VALUES (?)", args: ["named@example.com"] })
      .then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/UNIQUE constraint failed: users\.email/);
    expect((err as { code?: string }).code).toBe("SQLITE_CONSTRAINT_UNIQUE");
    // The server survives the error and keeps serving.
    expect((await client.execute("SELECT 1 AS one")).rows[0]!.one).toBe(1);
  });

  it("runs executeMultiple and syntax errors without taking the server down", async () => {
    await client.executeMultiple("CREATE TABLE multi (x); INSERT INTO multi VALUES (1); INSERT INTO multi VALUES (2);");
    expect((await client.execute("SELECT sum(x) AS s FROM multi")).rows[0]!.s).toBe(3);
    await expect(client.execute("SELEC 1")).rejects.toThrow(/syntax error/);
  });

  it("runs a drizzle transaction and select over the harness", async () => {
    const notes = sqliteTable("notes", {
      id: integer("id").primaryKey({ autoIncrement: true }),
      body: text("body").notNull(),
    });
    await client.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL)");
    const db = drizzle({ client });
    await db.transaction(async (tx) => {
      await tx.insert(notes).values({ body: "hello" });
      await tx.insert(notes).values({ body: "world" });
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(notes).values({ body: "discarded" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await db.select().from(notes).orderBy(notes.id)).toEqual([
      { id: 1, body: "hello" },
      { id: 2, body: "world" },
    ]);
    expect(await db.select({ body: notes.body }).from(notes).where(eq(notes.id, 2))).toEqual([{ body: "world" }]);
  });
});

describe("hrana harness: one writing stream at a time, like a libSQL server", () => {
  it("queues a second write transaction behind the open one instead of failing with SQLITE_BUSY", async () => {
    await client.execute("CREATE TABLE IF NOT EXISTS queued (who TEXT NOT NULL)");
    const other = createClient({ url: harness.url });
    try {
      const first = await client.transaction("write");
      await first.execute("INSERT INTO queued VALUES ('first')");
      const order: string[] = [];
      // Its BEGIN IMMEDIATE waits on the server while `first` is still open across round trips.
      const second = (async () => {
        const tx = await other.transaction("write");
        await tx.execute("INSERT INTO queued VALUES ('second')");
        order.push("second wrote");
        await tx.commit();
      })();
      // Reads are not queued behind the writer.
      expect((await other.execute("SELECT count(*) AS n FROM queued")).rows[0]!.n).toBe(0);
      await first.execute("INSERT INTO queued VALUES ('first again')");
      order.push("first commits");
      await first.commit();
      await second;
      expect(order).toEqual(["first commits", "second wrote"]);
      expect((await client.execute("SELECT who FROM queued ORDER BY rowid")).rows.map((r) => r.who)).toEqual(["first", "first again", "second"]);
    } finally {
      other.close();
    }
  });

  it("hands the lock on when the holder rolls back, and answers SQLITE_BUSY past the wait", async () => {
    const short = await startHranaHarness({ dbPath: path.join(dir, "test.db"), port: 0, writeLockWaitMs: 200 });
    const a = createClient({ url: short.url });
    const b = createClient({ url: short.url });
    try {
      const held = await a.transaction("write");
      await held.execute("INSERT INTO queued VALUES ('held')");
      const err = await b.execute("INSERT INTO queued VALUES ('too late')").then(() => null, (e: unknown) => e);
      expect((err as { code?: string }).code).toBe("SQLITE_BUSY");
      // A batch too, though its SQL arrives stored in the same pipeline (it must not reach SQLite's own busy wait).
      const batchErr = await b.batch(["INSERT INTO queued VALUES ('batch too late')"]).then(() => null, (e: unknown) => e);
      expect(String(batchErr)).toMatch(/waited 200 ms/);
      await held.rollback();
      await b.execute("INSERT INTO queued VALUES ('after rollback')");
      const whos = (await b.execute("SELECT who FROM queued")).rows.map((r) => r.who);
      expect(whos).toContain("after rollback");
      expect(whos).not.toContain("held");
      expect(whos).not.toContain("too late");
      expect(whos).not.toContain("batch too late");
    } finally {
      a.close();
      b.close();
      await short.close();
    }
  });

  it("counts the database requests it serves: a statement, a batch and a delayed one are one each", async () => {
    const far = await startHranaHarness({ dbPath: path.join(dir, "test.db"), port: 0, delayMs: 5 });
    const c = createClient({ url: far.url });
    try {
      await c.execute("SELECT 1"); // the first one also probes the protocol version, which is not counted
      const before = far.requests();
      await c.execute("SELECT 2");
      expect(far.requests() - before).toBe(1);
      const rs = await c.batch(["SELECT 3 AS x", "SELECT 4 AS x"], "read");
      expect(rs.map((r) => r.rows[0]!.x)).toEqual([3, 4]);
      expect(far.requests() - before).toBe(2);
      expect(harness.requests()).toBeGreaterThan(0);
    } finally {
      c.close();
      await far.close();
    }
  });
});
