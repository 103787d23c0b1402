/**
 * What only workerd can show: files through the upload route into R2 and back out, and the
 * XLSX export built and sent by the Worker, and a background export written by its
 * Durable Object's alarms into R2.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { readWorkbook } from "../../src/services/xlsx/read";
import { concat, resumeWorkbook, startWorkbook } from "../../src/services/xlsx/chunked";
import { db, testEnv, WorkerBrowser } from "./http";

async function userId(username: string): Promise<{ id: string; orgId: string | null }> {
  const rows = await db.execute({ sql: "SELECT id, org_id FROM users WHERE username = ?", args: [username] });
  return { id: String(rows.rows[0]!.id), orgId: rows.rows[0]!.org_id === null ? null : String(rows.rows[0]!.org_id) };
}

describe("an agency user's PDF through the route into R2 and back", () => {
  it("uploads the signed letter of step 4 and downloads the same bytes", async () => {
    const agency = await userId("dga.agency");
    const now = Date.now();
    await db.execute({
      sql: "INSERT INTO eservices (id, agency_id, name, created_at, updated_at) VALUES ('wk-up-svc', ?, 'บริการอัปโหลด workers', ?, ?)",
      args: [agency.orgId, now, now],
    });
    for (let n = 1; n <= 7; n++) {
      const state = n < 4 ? "done" : n === 4 ? "in_progress" : "locked";
      await db.execute({ sql: "INSERT INTO eservice_steps (eservice_id, step_no, state, updated_at) VALUES ('wk-up-svc', ?, ?, ?)", args: [n, state, now] });
    }
    const browser = await WorkerBrowser.signedInAs(agency.id);
    const base = "/eservices/wk-up-svc/steps/4";
    expect((await browser.page(`${base}/parts/1`)).res.status).toBe(200);

    // Not text: every byte value, so nothing on the way may decode or re-encode it.
    const bytes = new Uint8Array(4096);
    bytes.set(new TextEncoder().encode("%PDF-1.7\n"));
    for (let i = 9; i < bytes.length - 6; i++) bytes[i] = (i * 31) % 256;
    bytes.set(new TextEncoder().encode("\n%%EOF"), bytes.length - 6);
    const res = await browser.upload(`${base}/auth-letter`, new File([bytes], "หนังสือมอบหมาย.pdf", { type: "application/pdf" }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${base}/parts/1`);

    const { html } = await browser.page(`${base}/parts/1`);
    expect(html).toContain("หนังสือมอบหมาย.pdf");
    const link = /href="(\/eservices\/wk-up-svc\/files\/[^"]+)"/.exec(html)![1]!;
    const download = await browser.fetch(link);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);

    // In R2 itself, under the key the database row names.
    const row = await db.execute("SELECT file_key FROM eservice_files WHERE eservice_id = 'wk-up-svc'");
    const object = await testEnv.FILES.get(String(row.rows[0]!.file_key));
    expect(object).not.toBeNull();
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(bytes);

    // The step page reads the letter in its service's batch, the list its step rows by a subquery of its page.
    const step = await browser.page(base);
    expect(step.res.status).toBe(200);
    expect(step.html).toContain("หนังสือมอบหมาย.pdf");
    const list = await browser.page(`/agency/eservices?q=${encodeURIComponent("อัปโหลด workers")}&step=4`);
    expect(list.res.status).toBe(200);
    expect(list.html).toContain("บริการอัปโหลด workers");
  });
});

describe("the officer's XLSX export in workerd", () => {
  it("answers a real workbook: a zip with the spreadsheet content type and a workbook part", async () => {
    const officer = await WorkerBrowser.signedInAs("wk-officer");
    const res = await officer.fetch("/officer/export.xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; .*\.xlsx/);
    const body = new Uint8Array(await res.arrayBuffer());
    // "PK\x03\x04": a zip's first local file header; an XLSX is a zip of XML parts.
    expect([...body.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(body.length).toBeGreaterThan(3000);
    // Every OOXML workbook names its main part in the zip's directory (stored uncompressed).
    expect(new TextDecoder("latin1").decode(body)).toContain("xl/workbook.xml");
  });
});

describe("a background export in workerd", () => {
  it("is written by the job's Durable Object alarm into R2, downloaded whole, then expired", async () => {
    const officer = await WorkerBrowser.signedInAs("wk-officer");
    await officer.page("/officer");
    const created = await officer.post("/officer/exports", {});
    expect(created.status).toBe(303);
    const id = /^\/officer\/exports\/([\w-]+)$/.exec(created.headers.get("location")!)![1]!;
    // The alarm set for "now" fires by itself; wait for the row to say so.
    let status = "";
    for (let i = 0; i < 100 && status !== "done"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = String((await db.execute({ sql: "SELECT status FROM export_jobs WHERE id = ?", args: [id] })).rows[0]!.status);
    }
    expect(status).toBe("done");
    const job = (await db.execute({ sql: "SELECT rows_total, rows_done, parts, file_key FROM export_jobs WHERE id = ?", args: [id] })).rows[0]!;
    expect(Number(job.rows_done)).toBe(Number(job.rows_total));
    expect(await testEnv.FILES.head(`${job.file_key}-0`)).not.toBeNull();

    const { html } = await officer.page(`/officer/exports/${id}`);
    expect(html).toContain("ไฟล์พร้อมแล้ว");
    const file = await officer.fetch(`/officer/exports/${id}/file`);
    expect(file.status).toBe(200);
    const [sheet] = readWorkbook(new Uint8Array(await file.arrayBuffer()));
    expect(sheet!.rows).toHaveLength(Number(job.rows_total) + 1);
    expect(sheet!.rows[0]!.cells[0]).toBe("Ticket No.");

    // The next alarm is the expiry: run it now, and the parts leave R2.
    expect(await runDurableObjectAlarm(testEnv.EXPORT_JOBS.get(testEnv.EXPORT_JOBS.idFromName(id)))).toBe(true);
    expect(await testEnv.FILES.head(`${job.file_key}-0`)).toBeNull();
    expect((await officer.page(`/officer/exports/${id}`)).html).toContain("หมดอายุแล้ว");
  });
});

describe("a chunked workbook deflated by workerd's node:zlib", () => {
  it("reads back whole across pieces, each deflated in several sync-flushed runs", () => {
    // Three pieces, as three alarms would write them, each far over one deflate run of XML.
    const cells = (n: number) => ({ cells: [`T-${n}`, "ผู้ประสานงาน & <ทดสอบ>", "x".repeat(400), n] });
    const start = startWorkbook({ sheetName: "ทดสอบ", widths: [10, 20, 20, 8] }, new Date());
    const parts = [start.bytes];
    let n = 0;
    const rows = () => Array.from({ length: 1_000 }, () => cells(++n));
    start.sheet.append([{ cells: ["Ticket No."], bold: true }]);
    start.sheet.append(rows());
    parts.push(start.sheet.end());
    // Each alarm gets the state back from the job's row (JSON), not the object the last one left.
    let state = JSON.parse(JSON.stringify(start.state));
    const middle = resumeWorkbook(state);
    middle.append(rows());
    parts.push(middle.end());
    state = JSON.parse(JSON.stringify(state));
    const last = resumeWorkbook(state);
    last.append(rows());
    parts.push(last.finish());
    const [sheet] = readWorkbook(concat(parts));
    expect(sheet!.rows).toHaveLength(3_001);
    expect(sheet!.rows[3_000]!.cells).toEqual(["T-3000", "ผู้ประสานงาน & <ทดสอบ>", "x".repeat(400), "3000"]);
  });
});

describe("the insight pages in workerd (issue 14)", () => {
  it("draws the officer overview's SVG charts and shows the public processing times", async () => {
    const officer = await WorkerBrowser.signedInAs("wk-officer");
    const { res, html } = await officer.page("/officer/overview");
    expect(res.status).toBe(200);
    expect(html).toMatch(/<svg[^>]*aria-hidden="true"[^>]*>.*<path d="M/s);
    expect(html).toContain("<caption>งานค้างตามสถานะ");
    const visitor = await new WorkerBrowser().page("/processing-times");
    expect(visitor.res.status).toBe(200);
    expect(visitor.html).toContain("ผู้ช่วยศาสตราจารย์");
  });

  it("draws the onboarding overview's funnel (window functions and json_extract over the HTTP database)", async () => {
    const officer = await WorkerBrowser.signedInAs("wk-officer");
    const { res, html } = await officer.page("/officer/onboarding");
    expect(res.status).toBe(200);
    expect(html).toMatch(/<svg class="chart chart-bars"[^>]*aria-hidden="true"/);
    expect(html).toContain("รอบเปิดให้บริการ 4 รอบถัดไป");
  });
});
