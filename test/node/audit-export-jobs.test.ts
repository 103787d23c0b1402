/**
 * The admin's audit search over the export threshold goes to a background job,
 * in CSV or Excel: the POST creates it (one audit event), the in-process runner
 * writes it in chunks, and the file it leaves is the same, row for row, as the
 * direct stream of the same search. Small limits are injected so a few hundred
 * events make several chunks.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, exportJobs, users } from "../../src/db/schema";
import { auditFile } from "../../src/services/audit-export";
import { runExportChunk, type ExportJobLimits } from "../../src/services/export-jobs";
import { pidKeys } from "../../src/services/pid-crypto";
import { readWorkbook } from "../../src/services/xlsx/read";
import { streamBytes } from "../../src/services/xlsx/write";
import { Browser, createTestApp, createUser, TEST_DATA_KEY, type TestApp } from "./helpers";

const LIMITS: ExportJobLimits = { threshold: 100, chunkRows: 120, pageRows: 40 };
const EVENTS = 430;

let t: TestApp;
let admin: Browser;
let adminId: string;

/** `n` events on requests; three share each instant (keyset ties), one subject would be a formula. */
async function seedEvents(n: number): Promise<void> {
  await t.db.run(
    sql.raw(
      `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${n}) ` +
        `INSERT INTO audit_events (at, actor_id, action, subject_type, subject_id, data, ip) ` +
        `SELECT 1700000000000 + (n / 3) * 1000, NULL, 'request.receive', 'request', CASE n WHEN 7 THEN '=HYPERLINK("x")' ELSE 'AUD-' || n END, ` +
        `'{"receiptNo":"R-' || n || '"}', '10.0.0.' || (n % 250) FROM seq`,
    ),
  );
}

beforeEach(async () => {
  t = await createTestApp({ exportLimits: LIMITS });
  adminId = await createUser(t, { role: "admin", username: "admin1", password: "admin-pass-1234" });
  admin = new Browser(t);
  await admin.login("admin1", "admin-pass-1234");
  await seedEvents(EVENTS);
});

afterEach(async () => {
  await t.exportRunner.stop();
  t.close();
});

function bytesOf(browser: Browser, path: string): Promise<Response> {
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return Promise.resolve(t.app.request(`http://localhost:3000${path}`, { headers: { cookie } }));
}

async function startJob(fields: Record<string, string>): Promise<string> {
  await admin.get("/admin/audit");
  const res = await admin.post("/admin/audit/exports", fields);
  expect(res.status).toBe(303);
  expect(res.location).toMatch(/^\/admin\/audit\/exports\/[A-Za-z0-9_-]{16,}$/);
  return res.location!.split("/").pop()!;
}

const filters = { subjectType: "request" } as const;

describe("a large audit export as a background job", () => {
  it("offers the job's two formats instead of the links over the threshold, and sends a typed link back", async () => {
    const page = (await admin.get("/admin/audit?subjectType=request")).text;
    expect(page).toContain('action="/admin/audit/exports"');
    expect(page).toContain('name="subjectType" value="request"');
    expect(page).toContain('name="format" value="csv"');
    expect(page).toContain('name="format" value="xlsx"');
    expect(page).not.toContain('href="/admin/audit/export.csv');
    // One request's trail is short: streamed straight away.
    const narrow = (await admin.get("/admin/audit?subjectType=request&subjectId=AUD-1")).text;
    expect(narrow).toContain('href="/admin/audit/export.csv?subjectType=request&amp;subjectId=AUD-1"');
    expect(narrow).not.toContain('action="/admin/audit/exports"');
    const typed = await admin.get("/admin/audit/export.xlsx?subjectType=request");
    expect(typed.status).toBe(303);
    expect(typed.location).toBe("/admin/audit?subjectType=request");
  });

  it("writes the CSV in chunks, byte for byte the file the direct stream would give", async () => {
    const id = await startJob({ ...filters, format: "csv" });
    const [requested] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "export.requested"), eq(auditEvents.subjectId, id)));
    expect(requested).toMatchObject({ actorId: adminId, subjectType: "export_job", data: { kind: "audit", format: "csv", filters, rows: EVENTS } });

    await t.exportRunner.idle();
    const [job] = await t.db.select().from(exportJobs).where(eq(exportJobs.id, id));
    // 430 events in chunks of 120: four parts, the last one short.
    expect(job).toMatchObject({ kind: "audit", format: "csv", status: "done", rowsDone: EVENTS, rowsTotal: EVENTS, parts: 4, zip: null });

    const page = (await admin.get(`/admin/audit/exports/${id}`)).text;
    expect(page).toContain("ส่งออกบันทึกการใช้งานเป็นไฟล์ CSV (.csv)");
    expect(page).toContain(`href="/admin/audit/exports/${id}/file" download="tidtam-audit.csv"`);
    expect(page).toContain('href="/admin/audit"');

    const file = await bytesOf(admin, `/admin/audit/exports/${id}/file`);
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(file.headers.get("content-disposition")).toContain("tidtam-audit.csv");
    // ignoreBOM: keep the byte-order mark in the text, to see it is there.
    const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
    const text = utf8.decode(new Uint8Array(await file.arrayBuffer()));
    expect(text.startsWith("\uFEFFเวลา,")).toBe(true);
    const direct = utf8.decode(await streamBytes(auditFile(t.db, filters, "csv")));
    expect(text).toBe(direct);
    const lines = text.trimEnd().split("\r\n");
    expect(lines).toHaveLength(EVENTS + 1);
    expect(new Set(lines.slice(1).map((l) => l.split(",")[8])).size).toBe(EVENTS);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it("writes the workbook in chunks with the same rows as the direct stream", async () => {
    const id = await startJob({ ...filters, format: "xlsx" });
    await t.exportRunner.idle();
    const [job] = await t.db.select().from(exportJobs).where(eq(exportJobs.id, id));
    expect(job).toMatchObject({ format: "xlsx", status: "done", rowsDone: EVENTS, parts: 4 });
    const file = await bytesOf(admin, `/admin/audit/exports/${id}/file`);
    expect(file.headers.get("content-disposition")).toContain("tidtam-audit.xlsx");
    const [sheet] = readWorkbook(new Uint8Array(await file.arrayBuffer()));
    const [direct] = readWorkbook(await streamBytes(auditFile(t.db, filters, "xlsx")));
    expect(sheet!.rows).toHaveLength(EVENTS + 1);
    expect(sheet!.rows.map((r) => r.cells)).toEqual(direct!.rows.map((r) => r.cells));
  });

  it("refuses a format it does not write, keeping the filters; shows a job to its owner only", async () => {
    await admin.get("/admin/audit");
    const bad = await admin.post("/admin/audit/exports", { ...filters, format: "pdf" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("กรุณาเลือกรูปแบบไฟล์");
    expect(bad.text).toMatch(/<option value="request" selected/);
    expect(await t.db.select().from(exportJobs)).toHaveLength(0);

    const id = await startJob({ ...filters, format: "csv" });
    await t.exportRunner.idle();
    await createUser(t, { role: "admin", username: "admin2", password: "admin-pass-5678" });
    const other = new Browser(t);
    await other.login("admin2", "admin-pass-5678");
    expect((await other.get(`/admin/audit/exports/${id}`)).status).toBe(404);
    expect((await other.request(`/admin/audit/exports/${id}/file`)).status).toBe(404);
  });

  it("stops writing when its owner is no longer an admin", async () => {
    await t.exportRunner.stop();
    const id = await startJob({ ...filters, format: "csv" });
    await t.db.update(users).set({ role: "officer" }).where(eq(users.id, adminId));
    const deps = { db: t.db, files: t.deps.files, clock: t.clock, keys: () => pidKeys(TEST_DATA_KEY), limits: LIMITS };
    expect(await runExportChunk(deps, id)).toBe("failed");
    expect((await t.db.select().from(exportJobs).where(eq(exportJobs.id, id)))[0]).toMatchObject({ status: "failed", parts: 0 });
  });
});
