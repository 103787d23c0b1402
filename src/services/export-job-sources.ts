/**
 * @module
 * What each kind of background export writes: its rows after a keyset cursor, a
 * page at a time, and how a chunk of them becomes one part of the file (a slice
 * of a zipped workbook, or plain CSV lines). Each kind reads as the job's owner,
 * who must still be allowed it (domain/exports.ts): a demoted or disabled owner's
 * job fails.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { users, type exportJobs } from "../db/schema";
import type { AuditFilters } from "../domain/audit-forms";
import { mayExport } from "../domain/exports";
import { AUDIT_HEADER, AUDIT_SHEET, auditCells } from "./audit-export";
import { auditCursorOf, auditExportPages } from "./audit-trail";
import { CSV_BOM, csvLine } from "./csv";
import { REQUESTS_HEADER, REQUESTS_SHEET, requestCells } from "./export";
import type { PidKeys } from "./pid-crypto";
import { requestListPages, requestListWhere, type RequestFilters } from "./requests";
import type { SessionUser } from "./session";
import { concat, resumeWorkbook, startWorkbook, type SheetPiece, type WorkbookState } from "./xlsx/chunked";
import type { SheetSpec, XlsxRow } from "./xlsx/write";

type ExportJob = typeof exportJobs.$inferSelect;

/** A keyset position: the sort key in ms and the row's rowid (an event's id for the audit trail). */
export type JobCursor = { at: number | null; rowid: number };

export interface ExportSource {
  sheet: SheetSpec;
  header: XlsxRow;
  pages(from: JobCursor | null, pageRows: number): AsyncIterable<{ rows: XlsxRow[]; cursor: JobCursor }>;
}

/** The job's owner, while still allowed this kind of export. */
async function ownerOf(db: Db, job: ExportJob): Promise<SessionUser | null> {
  const [u] = await db.select().from(users).where(eq(users.id, job.ownerId));
  if (!u || u.disabledAt || !mayExport(u.role, job.kind)) return null;
  return { id: u.id, role: u.role, displayName: u.displayName, username: u.username, orgId: u.orgId, pidHmac: null, mustChangePassword: false };
}

/** The officer's filtered list, as it was asked for: "older than N days" counts from the job's creation. */
async function requestsSource(db: Db, job: ExportJob, keys: () => Promise<PidKeys>): Promise<ExportSource> {
  const user = await ownerOf(db, job);
  const list = user && (await requestListWhere(db, user, job.filters as Omit<RequestFilters, "page">, { keys: await keys(), now: job.createdAt }));
  if (!user || !list) throw new Error("the export's owner no longer has the list");
  return {
    sheet: REQUESTS_SHEET,
    header: REQUESTS_HEADER,
    async *pages(from, pageRows) {
      for await (const page of requestListPages(db, user, list.where, pageRows, from)) yield { rows: page.map(requestCells), cursor: page[page.length - 1]!.cursor };
    },
  };
}

/** The admin's audit search, newest event first. */
async function auditSource(db: Db, job: ExportJob): Promise<ExportSource> {
  if (!(await ownerOf(db, job))) throw new Error("the export's owner may no longer export the audit trail");
  const filters = job.filters as Partial<AuditFilters>;
  return {
    sheet: AUDIT_SHEET,
    header: AUDIT_HEADER,
    async *pages(from, pageRows) {
      const after = from && from.at !== null ? { at: from.at, id: from.rowid } : null;
      for await (const page of auditExportPages(db, filters, pageRows, { from: after })) {
        const last = auditCursorOf(page[page.length - 1]!);
        yield { rows: page.map(auditCells), cursor: { at: last.at, rowid: last.id } };
      }
    },
  };
}

export function exportSource(db: Db, job: ExportJob, keys: () => Promise<PidKeys>): Promise<ExportSource> {
  return job.kind === "audit" ? auditSource(db, job) : requestsSource(db, job, keys);
}

/** One chunk's part of the file: rows go in, the part's bytes come out, with what the next chunk needs. */
export interface PartWriter {
  append(rows: XlsxRow[]): void;
  /** The part's bytes; `last` closes the file. */
  end(last: boolean): Uint8Array;
  /** Saved on the job for the next chunk (null when the format needs none). */
  readonly state: WorkbookState | null;
}

/** A slice of the one-sheet workbook: the first part opens the zip and its sheet, the last closes them. */
function workbookPart(source: ExportSource, job: ExportJob): PartWriter {
  const head: Uint8Array[] = [];
  let state = job.zip as WorkbookState | null;
  let sheet: SheetPiece;
  if (!state) {
    const start = startWorkbook(source.sheet, job.createdAt);
    state = start.state;
    sheet = start.sheet;
    head.push(start.bytes);
    sheet.append([source.header]);
  } else sheet = resumeWorkbook(state);
  return {
    state,
    append: (rows) => sheet.append(rows),
    end: (last) => concat([...head, last ? sheet.finish() : sheet.end()]),
  };
}

/** CSV lines: parts simply follow one another, the first with the byte-order mark and header. */
function csvPart(source: ExportSource, job: ExportJob): PartWriter {
  const lines = job.parts === 0 ? [CSV_BOM + csvLine(source.header)] : [];
  return {
    state: null,
    append: (rows) => {
      for (const row of rows) lines.push(csvLine(row));
    },
    end: () => new TextEncoder().encode(lines.join("")),
  };
}

export const partWriter = (source: ExportSource, job: ExportJob): PartWriter => (job.format === "csv" ? csvPart(source, job) : workbookPart(source, job));
