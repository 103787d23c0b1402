/**
 * An officer's list over the export threshold goes to a background job: the POST
 * creates it (one audit event), the in-process runner writes it in chunks, the job
 * page shows a progress bar and then a link, and the file read back is a whole
 * workbook. Small limits are injected so a few hundred rows make several chunks.
 */
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, exportJobs } from "../../src/db/schema";
import { runScheduled } from "../../src/jobs";
import { partKey, runExportChunk, type ExportJobLimits } from "../../src/services/export-jobs";
import { pidKeys } from "../../src/services/pid-crypto";
import { readWorkbook } from "../../src/services/xlsx/read";
import { Browser, createTestApp, createUser, TEST_DATA_KEY, type TestApp } from "./helpers";

const LIMITS: ExportJobLimits = { threshold: 100, chunkRows: 120, pageRows: 40 };
const ROWS = 430;

let t: TestApp;
let officer: Browser;
let officerId: string;

/** `n` submitted requests of one university; three share each submission time (keyset ties). */
async function seedRequests(n: number, universityId = "uni-x", prefix = "EXP"): Promise<void> {
  await t.db.run(sql`INSERT OR IGNORE INTO universities (id, code, name_th, name_en) VALUES (${universityId}, ${universityId === "uni-x" ? "00001" : "00002"}, 'มหาวิทยาลัยทดสอบ', 'Test University')`);
  await t.db.run(
    sql.raw(
      `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${n}) ` +
        `INSERT INTO academic_requests (id, ticket_no, university_id, applicant_pid_enc, applicant_pid_hmac, applicant_title, applicant_first_name, applicant_last_name, ` +
        `field_th, field_en, coordinator_name, coordinator_phone, coordinator_email, status, status_since, created_by, created_at, submitted_at, updated_at) ` +
        `SELECT '${prefix}-' || n, printf('${prefix}-%06d', n), '${universityId}', 'enc', 'hmac-' || n, 'นาย', 'ชื่อ' || n, 'สกุล', 'ฟิสิกส์', 'Physics', ` +
        `'ผู้ประสานงาน', '0812345678', 'c@example.ac.th', 'finished', 1700000000000, 'seed', 1700000000000, 1700000000000 + (n / 3) * 1000, 1700000000000 FROM seq`,
    ),
  );
}

beforeEach(async () => {
  t = await createTestApp({ exportLimits: LIMITS });
  officerId = await createUser(t, { role: "officer", username: "officer1", password: "officer-pass-1234" });
  officer = new Browser(t);
  await officer.login("officer1", "officer-pass-1234");
});

afterEach(async () => {
  await t.exportRunner.stop();
  t.close();
});

/** The file as bytes (the Browser reads bodies as text). */
function download(browser: Browser, id: string): Promise<Response> {
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return Promise.resolve(t.app.request(`http://localhost:3000/officer/exports/${id}/file`, { headers: { cookie } }));
}

async function startJob(fields: Record<string, string> = {}): Promise<string> {
  await officer.get("/officer");
  const res = await officer.post("/officer/exports", fields);
  expect(res.status).toBe(303);
  const location = res.location!;
  expect(location).toMatch(/^\/officer\/exports\/[A-Za-z0-9_-]{16,}$/);
  return location.split("/").pop()!;
}

describe("a large export as a background job", () => {
  it("offers the job form instead of the link when the list is over the threshold", async () => {
    await seedRequests(LIMITS.threshold);
    let page = (await officer.get("/officer")).text;
    expect(page).toContain('href="/officer/export.xlsx?');
    expect(page).not.toContain('action="/officer/exports"');
    await seedRequests(1, "uni-x", "ONE");
    page = (await officer.get("/officer?status=finished")).text;
    expect(page).toContain('action="/officer/exports"');
    expect(page).toContain('name="status" value="finished"');
    expect(page).not.toContain('href="/officer/export.xlsx?');
    // The file's address typed by hand goes back to the list and its job form, not into a long stream.
    const typed = await officer.get("/officer/export.xlsx?status=finished");
    expect(typed.status).toBe(303);
    expect(typed.location).toBe("/officer?status=finished");
  });

  it("writes every row in chunks, shows progress then a link, and the file reads back whole", async () => {
    await seedRequests(ROWS);
    const id = await startJob({ status: "finished" });
    const [audit] = await t.db.select().from(auditEvents).where(sql`${auditEvents.action} = 'export.requested'`);
    expect(audit).toMatchObject({ actorId: officerId, subjectType: "export_job", subjectId: id });

    await t.exportRunner.idle();
    const [job] = await t.db.select().from(exportJobs);
    // 430 rows + header in chunks of 120 rows: four parts (the last one short, so it closes the file).
    expect(job).toMatchObject({ id, status: "done", rowsDone: ROWS, rowsTotal: ROWS, parts: 4 });

    const page = await officer.get(`/officer/exports/${id}`);
    expect(page.status).toBe(200);
    const html = page.text;
    expect(html).toContain("ไฟล์พร้อมแล้ว");
    expect(html).toContain(`href="/officer/exports/${id}/file"`);
    expect(html).not.toContain("hx-trigger");

    const file = await download(officer, id);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain("tidtam-requests.xlsx");
    const bytes = new Uint8Array(await file.arrayBuffer());
    const [sheet] = readWorkbook(bytes);
    const [header, ...rows] = sheet!.rows;
    expect(header!.cells[0]).toBe("Ticket No.");
    expect(rows).toHaveLength(ROWS);
    const tickets = rows.map((r) => r.cells[0]);
    expect(new Set(tickets).size).toBe(ROWS);
    expect(tickets[0]).toBe("EXP-000001");
    expect(tickets.at(-1)).toBe(`EXP-${String(ROWS).padStart(6, "0")}`);
    expect(rows.map((r) => r.r)).toEqual(rows.map((_, i) => i + 2));

    // A stricter reader than ours: Excel's own library opens the chunk-built file too.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(ROWS + 1);
    expect(workbook.worksheets[0]!.getCell("A2").value).toBe("EXP-000001");
  });

  it("shows a progress bar that polls while running, as a fragment for htmx", async () => {
    await seedRequests(ROWS);
    const id = await startJob();
    await t.exportRunner.stop();
    // A runner stopped after its first chunk: the page shows where the job stands.
    const deps = { db: t.db, files: t.deps.files, clock: t.clock, keys: () => pidKeys(TEST_DATA_KEY), limits: LIMITS };
    const [before] = await t.db.select().from(exportJobs);
    if (before!.rowsDone === 0) expect(await runExportChunk(deps, id)).toBe("more");
    const html = (await officer.get(`/officer/exports/${id}`)).text;
    expect(html).toMatch(/<progress id="export-progress" max="430" value="(120|240|360)"/);
    expect(html).toContain("กำลังสร้างไฟล์");
    expect(html).toContain('http-equiv="refresh"');
    expect(html).toContain(`hx-get="/officer/exports/${id}"`);
    const fragment = await officer.request(`/officer/exports/${id}`, { headers: { "HX-Request": "true" } });
    const part = fragment.text;
    expect(part.startsWith('<div id="export-job"')).toBe(true);
    expect(part).toContain('hx-trigger="every 2s"');
    expect(fragment.res.headers.get("vary")).toContain("HX-Request");
    // Not ready yet: no file.
    expect((await officer.request(`/officer/exports/${id}/file`)).status).toBe(404);
    // A chunk under another runner's lease is left alone until the lease lapses.
    await t.db.update(exportJobs).set({ leaseUntil: new Date(t.clock.now().getTime() + 60_000) });
    expect(await runExportChunk(deps, id)).toBe("busy");
    t.clock.advance(61_000);
    while ((await runExportChunk(deps, id)) === "more");
    expect((await t.db.select().from(exportJobs))[0]).toMatchObject({ status: "done", rowsDone: ROWS });
  });

  it("shows the job and its file to its owner only", async () => {
    await seedRequests(ROWS);
    const id = await startJob();
    await t.exportRunner.idle();
    await createUser(t, { role: "officer", username: "officer2", password: "officer-pass-5678" });
    const other = new Browser(t);
    await other.login("officer2", "officer-pass-5678");
    expect((await other.get(`/officer/exports/${id}`)).status).toBe(404);
    expect((await other.request(`/officer/exports/${id}/file`)).status).toBe(404);
    expect((await officer.get(`/officer/exports/not-a-job-id-at-all`)).status).toBe(404);
    const university = new Browser(t);
    await createUser(t, { role: "university", username: "uni1", password: "uni-pass-12345678", orgId: "uni-x" });
    await university.login("uni1", "uni-pass-12345678");
    expect((await university.get(`/officer/exports/${id}`)).status).toBe(403);
  });

  it("expires after a day: the sweep deletes the parts and the page says so", async () => {
    await seedRequests(ROWS);
    const id = await startJob();
    await t.exportRunner.idle();
    const [job] = await t.db.select().from(exportJobs);
    expect(await t.deps.files.get(partKey(job!, 0))).not.toBeNull();

    t.clock.advance(24 * 3_600_000 + 60_000);
    await officer.login("officer1", "officer-pass-1234");
    const expiredPage = (await officer.get(`/officer/exports/${id}`)).text;
    expect(expiredPage).toContain("หมดอายุแล้ว");
    expect((await officer.request(`/officer/exports/${id}/file`)).status).toBe(404);

    const jobDeps = { db: t.db, clock: t.clock, mail: null, mailFrom: "x@y", appUrl: t.deps.config.appUrl, exports: { files: t.deps.files, runner: t.deps.exports.runner } };
    await runScheduled("* * * * *", jobDeps);
    expect((await t.db.select().from(exportJobs))[0]!.status).toBe("expired");
    for (let n = 0; n < job!.parts; n++) expect(await t.deps.files.get(partKey(job!, n))).toBeNull();
    expect((await officer.get(`/officer/exports/${id}`)).text).toContain("หมดอายุแล้ว");
  });
});
