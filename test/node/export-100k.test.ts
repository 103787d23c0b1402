/**
 * Issue 11, build item 10: an officer's list of 100,000 requests exported as a
 * background job with the Node host's real limits (NODE_EXPORT_JOB_LIMITS: pages
 * of 50 rows, chunks of 5,000), read back whole and in the list's order, while
 * /healthz keeps being answered over a real socket. The "under 100 ms" of the
 * issue is a timing, measured by `npm run bench:export`; here the structural
 * property behind it: the job gives the event loop back all the time, so health
 * checks are answered during every one of its chunks, not only between jobs.
 */
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exportJobs } from "../../src/db/schema";
import { NODE_EXPORT_JOB_LIMITS } from "../../src/services/export-jobs";
import { readWorkbook } from "../../src/services/xlsx/read";
import { Browser, createTestApp, createUser, type TestApp } from "./helpers";

const ROWS = 100_000;
const CHUNK = NODE_EXPORT_JOB_LIMITS.chunkRows;
const BASE_MS = 1_700_000_000_000;
/**
 * Submission second of request n: later blocks of 300 are submitted later, but inside a
 * block the order runs backwards in threes, so the list's order is neither the insert
 * order nor free of ties (three requests share each second: the keyset breaks them by
 * rowid on every page). Local, so the seed's index inserts stay cheap.
 */
const slotOf = (n: number) => Math.floor(n / 300) * 100 + Math.floor((299 - (n % 300)) / 3);
const ticketOf = (n: number) => `BIG-${String(n).padStart(6, "0")}`;

let t: TestApp;
let server: ServerType | null = null;

/** 100,000 submitted requests in one statement, rowid = n (the list breaks ties by rowid), plus drafts the officer must not get. */
async function seed(): Promise<void> {
  await t.db.run(sql`INSERT INTO universities (id, code, name_th, name_en) VALUES ('uni-big', '00001', 'มหาวิทยาลัยทดสอบ', 'Test University')`);
  const columns =
    "rowid, id, ticket_no, university_id, applicant_pid_enc, applicant_pid_hmac, applicant_title, applicant_first_name, applicant_last_name, " +
    "field_th, field_en, coordinator_name, coordinator_phone, coordinator_email, status, status_since, created_by, created_at, submitted_at, updated_at";
  await t.db.run(
    sql.raw(
      `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${ROWS}) ` +
        `INSERT INTO academic_requests (${columns}) ` +
        `SELECT n, 'big-' || n, printf('BIG-%06d', n), 'uni-big', 'enc', 'hmac-' || n, 'นาย', 'ชื่อ' || n, 'สกุล & <ทดสอบ>', 'ฟิสิกส์', 'Physics', ` +
        `'ผู้ประสานงาน', '0812345678', 'c@example.ac.th', 'finished', ${BASE_MS}, 'seed', ${BASE_MS}, ${BASE_MS} + ((n / 300) * 100 + (299 - n % 300) / 3) * 1000, ${BASE_MS} FROM seq`,
    ),
  );
  await t.db.run(
    sql.raw(
      `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 5) ` +
        `INSERT INTO academic_requests (${columns}) ` +
        `SELECT ${ROWS} + n, 'draft-' || n, NULL, 'uni-big', 'enc', 'hmac-d' || n, 'นาง', 'ร่าง', 'ร่าง', 'ฟิสิกส์', 'Physics', ` +
        `'ผู้ประสานงาน', '0812345678', 'c@example.ac.th', 'draft', ${BASE_MS}, 'seed', ${BASE_MS}, NULL, ${BASE_MS} FROM seq`,
    ),
  );
}

/** The app on a real Node HTTP server: a health check waits on the real event loop, as a load balancer's does. */
async function listen(): Promise<string> {
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeEach(async () => {
  // The host's own limits: nothing injected.
  t = await createTestApp();
  expect(t.deps.exports.limits).toBe(NODE_EXPORT_JOB_LIMITS);
});

afterEach(async () => {
  await t.exportRunner.stop();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  t.close();
});

describe("the officer's background export at 100,000 rows", () => {
  it("is written whole in the list's order while /healthz is answered during every chunk", { timeout: 90_000 }, async () => {
    await seed();
    await createUser(t, { role: "officer", username: "officer1", password: "officer-pass-1234" });
    const officer = new Browser(t);
    await officer.login("officer1", "officer-pass-1234");
    const base = await listen();

    // Over the threshold: the list offers the job's form, posted as it is.
    expect((await officer.get("/officer")).text).toContain('action="/officer/exports"');
    const created = await officer.post("/officer/exports", {});
    expect(created.status).toBe(303);
    const id = created.location!.split("/").pop()!;

    // Health checks one after another (each sent once the last is answered, then a short pause, as a
    // load balancer's) until the job is done; after each answer, where the job stood.
    const statuses: number[] = [];
    const progressSeen = new Set<number>();
    for (;;) {
      const res = await fetch(`${base}/healthz`);
      await res.arrayBuffer();
      statuses.push(res.status);
      const [job] = await t.db.select({ status: exportJobs.status, rowsDone: exportJobs.rowsDone }).from(exportJobs).where(eq(exportJobs.id, id));
      if (job!.status !== "queued" && job!.status !== "running") break;
      progressSeen.add(job!.rowsDone);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await t.exportRunner.idle();

    expect(statuses.every((s) => s === 200)).toBe(true);
    // Answered while each chunk was the one being written (rowsDone moves once a chunk is stored):
    // the job never held the loop for a chunk, let alone from start to finish.
    const chunkStarts = Array.from({ length: ROWS / CHUNK }, (_, i) => i * CHUNK);
    expect(chunkStarts.filter((at) => !progressSeen.has(at))).toEqual([]);
    expect(statuses.length).toBeGreaterThan(ROWS / CHUNK);

    const [job] = await t.db.select().from(exportJobs).where(eq(exportJobs.id, id));
    expect(job).toMatchObject({ status: "done", rowsDone: ROWS, rowsTotal: ROWS });
    const page = await officer.get(`/officer/exports/${id}`);
    expect(page.text).toContain("ไฟล์พร้อมแล้ว (100,000 แถว)");

    const cookie = [...officer.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const file = await fetch(`${base}/officer/exports/${id}/file`, { headers: { cookie } });
    expect(file.status).toBe(200);
    const [sheet] = readWorkbook(new Uint8Array(await file.arrayBuffer()));
    const [header, ...rows] = sheet!.rows;
    expect(header!.cells[0]).toBe("Ticket No.");
    expect(rows).toHaveLength(ROWS);
    expect(rows.every((row, i) => row.r === i + 2)).toBe(true);

    const tickets = rows.map((row) => row.cells[0]!);
    const expected = Array.from({ length: ROWS }, (_, i) => i + 1)
      .sort((a, b) => slotOf(a) - slotOf(b) || a - b)
      .map(ticketOf);
    expect(new Set(tickets)).toEqual(new Set(expected));
    // Oldest submission first, ties by rowid: the list's keyset order, across every page and chunk.
    expect(tickets).toEqual(expected);
    // Escaped text comes back as written.
    const n = Number(expected[0]!.slice(4));
    expect(rows[0]!.cells.slice(0, 4)).toEqual([expected[0], "", "", `นายชื่อ${n} สกุล & <ทดสอบ>`]);
  });
});
