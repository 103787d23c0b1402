/**
 * @module
 * `npm run bench:export`: what the background-export threshold rests on. Not a test:
 * it prints figures, asserts nothing about speed, never runs under `npm test`.
 *
 * 1. Seeds the bench's database (scripts/bench-seed.ts: demo data plus
 *    BENCH_EXPORT_ROWS, default 100,000, requests).
 * 2. Streams the officer's whole list as the direct download does (services/export.ts)
 *    and reports rows/s and CPU per row: the row count whose CPU stays within ~2.5 s
 *    is the threshold in services/export-jobs.ts (NODE_EXPORT_JOB_LIMITS). Then the
 *    same for 50,000 audit events, as CSV and as Excel (services/audit-export.ts).
 * 3. Runs the same list as a background job on the real Node host (POST /officer/exports,
 *    chunks in-process) while polling /healthz every 20 ms, and reports the job's time,
 *    CPU per chunk and the slowest /healthz answer meanwhile (issue 11: under 100 ms).
 * 4. Downloads the file and reads it back, counting its rows.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { users } from "../src/db/schema";
import { startNodeHost } from "../src/node";
import { createNodeDb, migrateNodeDb } from "../src/platform/node";
import { useHostCrypto } from "../src/platform/host-crypto";
import { nodeCrypto } from "../src/platform/node";
import { AUDIT_EXPORT_PAGE_ROWS, auditFile } from "../src/services/audit-export";
import { auditExportHead } from "../src/services/audit-trail";
import { requestsWorkbook } from "../src/services/export";
import { NODE_EXPORT_JOB_LIMITS } from "../src/services/export-jobs";
import { pidKeys } from "../src/services/pid-crypto";
import type { SessionUser } from "../src/services/session";
import { readWorkbook } from "../src/services/xlsx/read";
import { benchHostEnv, seedBench } from "./bench-seed";

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

async function main() {
  useHostCrypto(nodeCrypto);
  const dir = mkdtempSync(join(tmpdir(), "tidtam-bench-export-"));
  const env = benchHostEnv(dir);
  try {
    const seedStart = performance.now();
    const { db, client } = await createNodeDb(env.DATABASE_URL);
    await migrateNodeDb(db);
    await seedBench(db, env.DATA_ENCRYPTION_KEY, new Date(), { requests: ROWS });
    const [{ n: listed }] = (await db.all(sql`SELECT count(*) AS n FROM academic_requests WHERE status <> 'draft'`)) as [{ n: number }];
    console.log(`seed: ${ROWS} requests (${listed} on the officer's list) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    // 2. The direct download, alone in the process.
    const [officerRow] = await db.select().from(users).where(eq(users.username, "officer"));
    const officer: SessionUser = { id: officerRow!.id, role: "officer", displayName: "", username: "officer", orgId: null, pidHmac: null, mustChangePassword: false };
    const keys = await pidKeys(env.DATA_ENCRYPTION_KEY);
    let cpu = process.cpuUsage();
    let start = performance.now();
    const reader = requestsWorkbook(db, officer, {}, { keys, now: new Date() }).getReader();
    let bytes = 0;
    for (let next = await reader.read(); !next.done; next = await reader.read()) bytes += next.value.length;
    let wall = performance.now() - start;
    let used = cpuMs(cpu);
    const perRow = used / listed;
    console.log(
      `stream: ${listed} rows in ${(wall / 1000).toFixed(1)} s wall, ${(used / 1000).toFixed(1)} s CPU ` +
        `(${Math.round(listed / (used / 1000))} rows per CPU-second, ${(perRow * 1000).toFixed(0)} µs a row), ${(bytes / 1048576).toFixed(1)} MiB; ` +
        `2.5 s of CPU streams ${Math.round(2500 / perRow)} rows (threshold set: ${NODE_EXPORT_JOB_LIMITS.threshold})`,
    );
    // 2b. The audit trail streamed as the admin's download does, both formats: its own cost a row.
    const events = Math.min(ROWS, 50_000);
    await db.run(
      sql.raw(
        `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${events}) ` +
          `INSERT INTO audit_events (at, actor_id, action, subject_type, subject_id, data, ip) ` +
          `SELECT 1700000000000 + n * 1000, '${officerRow!.id}', 'request.status_changed', 'request', 'BENCH-' || n, ` +
          `'{"from":"submitted","to":"received","receiptNo":"R-' || n || '"}', '10.0.0.1' FROM seq`,
      ),
    );
    const filter = { subjectType: "request", action: "request.status_changed" } as const;
    for (const format of ["csv", "xlsx"] as const) {
      cpu = process.cpuUsage();
      const head = await auditExportHead(db, filter, AUDIT_EXPORT_PAGE_ROWS);
      const audit = auditFile(db, filter, format, head.first).getReader();
      let size = 0;
      for (let next = await audit.read(); !next.done; next = await audit.read()) size += next.value.length;
      const ms = cpuMs(cpu);
      console.log(`audit ${format}: ${head.total} events in ${(ms / 1000).toFixed(1)} s CPU (${((ms / head.total) * 1000).toFixed(0)} µs an event), ${(size / 1048576).toFixed(1)} MiB`);
    }
    client.close();

    // 3. The job on the real host, /healthz polled throughout.
    const host = await startNodeHost({ env, scheduler: false, log: () => {} });
    try {
      const cookies = new Map<string, string>();
      const call = async (path: string, init: { method?: string; body?: string } = {}) => {
        const headers: Record<string, string> = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
        if (init.method === "POST") Object.assign(headers, { origin: host.url, "content-type": "application/x-www-form-urlencoded" });
        const res = await fetch(new URL(path, host.url), { ...init, headers, redirect: "manual" });
        for (const line of res.headers.getSetCookie()) {
          const [pair = ""] = line.split(";");
          const at = pair.indexOf("=");
          cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
        }
        return res;
      };
      const csrfOf = async (path: string) => /name="_csrf" value="([^"]+)"/.exec(await (await call(path)).text())![1]!;
      await call("/login", { method: "POST", body: new URLSearchParams({ username: "officer", password: "Officer#2567", _csrf: await csrfOf("/login") }).toString() });
      const csrf = await csrfOf("/officer");

      const health: number[] = [];
      let running = true;
      const poll = (async () => {
        while (running) {
          const at = performance.now();
          await (await fetch(new URL("/healthz", host.url))).arrayBuffer();
          health.push(performance.now() - at);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      cpu = process.cpuUsage();
      start = performance.now();
      const created = await call("/officer/exports", { method: "POST", body: new URLSearchParams({ _csrf: csrf }).toString() });
      const jobPath = created.headers.get("location")!;
      let page = "";
      while (!page.includes("ไฟล์พร้อมแล้ว")) {
        await new Promise((r) => setTimeout(r, 200));
        page = await (await call(jobPath)).text();
        if (page.includes("ไม่สำเร็จ")) throw new Error("the export job failed");
      }
      wall = performance.now() - start;
      used = cpuMs(cpu);
      running = false;
      await poll;
      health.sort((a, b) => a - b);
      const [{ parts }] = (await host.deps.db.all(sql`SELECT parts FROM export_jobs`)) as [{ parts: number }];
      console.log(
        `job: ${listed} rows in ${(wall / 1000).toFixed(1)} s wall, ${(used / 1000).toFixed(1)} s CPU of this process (with the polling), ` +
          `${parts} parts of ${NODE_EXPORT_JOB_LIMITS.chunkRows} rows ≈ ${(used / parts).toFixed(0)} ms CPU a chunk`,
      );
      console.log(
        `/healthz during the job: ${health.length} answers, p50 ${health[Math.floor(health.length / 2)]!.toFixed(1)} ms, ` +
          `p99 ${health[Math.floor(health.length * 0.99)]!.toFixed(1)} ms, max ${health.at(-1)!.toFixed(1)} ms; ` +
          `${health.filter((ms) => ms >= 100).length} at or over 100 ms (slowest five: ${health.slice(-5).map((ms) => ms.toFixed(0)).join(", ")})`,
      );

      // 4. Read back whole.
      const file = new Uint8Array(await (await call(`${jobPath}/file`)).arrayBuffer());
      const [sheet] = readWorkbook(file);
      const tickets = new Set(sheet!.rows.slice(1).map((r) => r.cells[0]));
      console.log(`file: ${(file.length / 1048576).toFixed(1)} MiB, ${sheet!.rows.length - 1} data rows, ${tickets.size} distinct tickets (expected ${listed})`);
    } finally {
      await host.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
