import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createNodeDb } from "../../src/platform/node";
import { WriteLock } from "../../src/platform/node/serialized-writes";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "tidtam-writes-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("writers of one process", () => {
  it("take turns when their transactions overlap across awaits, instead of stalling the event loop into SQLITE_BUSY", async () => {
    const { db, client } = await createNodeDb(`file:${join(dir, "t.db")}`);
    try {
      await db.run(sql`CREATE TABLE t (n integer NOT NULL)`);
      const started = performance.now();
      // Each transaction waits on a timer while it holds the write lock, as one that awaits
      // a file write or a crypto job would; ten of them start in the same tick.
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          db.transaction(async (tx) => {
            await tx.run(sql`INSERT INTO t (n) VALUES (${i})`);
            await tick(20);
            await tx.run(sql`INSERT INTO t (n) VALUES (${i + 100})`);
          }),
        ),
      );
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      const [row] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM t`);
      expect(row!.n).toBe(20);
      // Queued one after another (10 × 20 ms), not each stuck for the 5 s busy timeout.
      expect(performance.now() - started).toBeLessThan(4000);

      // Reads are not queued behind a writer.
      const writer = db.transaction(async (tx) => {
        await tx.run(sql`INSERT INTO t (n) VALUES (1000)`);
        await tick(200);
      });
      let writerDone = false;
      void writer.then(() => (writerDone = true));
      const [during] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM t`);
      expect(during!.n).toBe(20);
      // Nor is a page's reads sent as one batch, while a batch with a write waits its turn.
      const [count, max] = await db.batch([db.all<{ n: number }>(sql`SELECT count(*) AS n FROM t`), db.all<{ m: number }>(sql`SELECT max(n) AS m FROM t`)]);
      expect([count[0]!.n, max[0]!.m, writerDone]).toEqual([20, 109, false]);
      const [written] = await db.batch([db.run(sql`INSERT INTO t (n) VALUES (2000)`), db.all<{ n: number }>(sql`SELECT count(*) AS n FROM t`)]);
      expect(written.rowsAffected).toBe(1);
      expect(writerDone).toBe(true);
      await writer;
    } finally {
      client.close();
    }
  });

  it("rolls back and frees the lock when a transaction throws", async () => {
    const { db, client } = await createNodeDb(`file:${join(dir, "t.db")}`);
    try {
      await db.run(sql`CREATE TABLE t (n integer NOT NULL)`);
      await expect(
        db.transaction(async (tx) => {
          await tx.run(sql`INSERT INTO t (n) VALUES (1)`);
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      await db.transaction(async (tx) => tx.run(sql`INSERT INTO t (n) VALUES (2)`));
      expect(await db.all(sql`SELECT n FROM t`)).toEqual([{ n: 2 }]);
    } finally {
      client.close();
    }
  });
});

describe("WriteLock", () => {
  it("hands over in arrival order and lets a waiter give up after its timeout", async () => {
    const lock = new WriteLock(50);
    const order: string[] = [];
    await lock.acquire();
    const second = lock.acquire().then(() => order.push("second"));
    const third = lock.acquire().then(() => order.push("third"));
    expect(lock.waiting).toBe(2);
    lock.release();
    await second;
    lock.release();
    await third;
    expect(order).toEqual(["second", "third"]);
    // Held by "third" and never released: the next waiter fails like a busy timeout.
    await expect(lock.acquire()).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    expect(lock.waiting).toBe(0);
  });
});
