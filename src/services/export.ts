/**
 * @module
 * The officer's filtered list as an Excel workbook, whole: every row the filters
 * match, read in keyset pages of the list's own order and streamed out as they
 * are read, with a breath for the event loop between pages so the host keeps
 * answering other requests while a long file is being written.
 */
import { NEXT_ACTOR_LABEL, nextActor, POSITIONS, STATUSES } from "../domain/academic";
import { formatThaiDateTime } from "../messages/dates";
import type { SQL } from "drizzle-orm";
import { requestListPages, requestListWhere, type ListPage, type RequestFilters, type RequestListRow } from "./requests";
import type { PidKeys } from "./pid-crypto";
import type { DbOrTx } from "../db/client";
import type { SessionUser } from "./session";
import { breathe, xlsxStream, type XlsxRow } from "./xlsx/write";

/** Rows read per page: each page is a synchronous read on Node (~50 ms of a loaded core for 500), so this bounds how long others wait. */
export const EXPORT_PAGE_ROWS = 500;

export const COLUMNS: [header: string, width: number][] = [
  ["Ticket No.", 18],
  ["เลขที่หนังสือ", 16],
  ["คิวที่", 8],
  ["ชื่อ-สกุล", 28],
  ["ตำแหน่งที่ขอ", 22],
  ["สาขา", 40],
  ["มหาวิทยาลัย", 30],
  ["สถานะ", 26],
  ["รอใคร", 16],
  ["ผู้ประสานงาน", 24],
  ["โทรศัพท์", 14],
  ["อีเมล", 28],
  ["สร้างเมื่อ", 24],
];

export function requestCells(r: RequestListRow): XlsxRow {
  const actor = nextActor(r.status);
  return {
    cells: [
      r.ticketNo ?? "",
      r.letterNo ?? "",
      r.queueNo ?? "",
      `${r.applicantTitle}${r.applicantFirstName} ${r.applicantLastName}`,
      r.position ? POSITIONS[r.position].th : "",
      `${r.fieldTh} (${r.fieldEn})`,
      r.universityName,
      STATUSES[r.status].th,
      actor ? NEXT_ACTOR_LABEL[actor] : "",
      r.coordinatorName,
      r.coordinatorPhone,
      r.coordinatorEmail,
      formatThaiDateTime(r.createdAt),
    ],
  };
}

/** The officer list's workbook: its sheet and bold header row. */
export const REQUESTS_SHEET = { sheetName: "คำขอตำแหน่งทางวิชาการ", widths: COLUMNS.map(([, w]) => w) };
export const REQUESTS_HEADER: XlsxRow = { cells: COLUMNS.map(([h]) => h), bold: true };

/** A list already opened by its caller: its condition and first keyset page (requestListHead). */
export interface OpenedList {
  where: SQL;
  first: ListPage;
}

async function* requestRows(
  db: DbOrTx,
  user: SessionUser,
  filters: RequestFilters,
  ctx: { keys: PidKeys; now: Date },
  opened?: OpenedList,
): AsyncGenerator<XlsxRow[]> {
  yield [REQUESTS_HEADER];
  const where = opened?.where ?? (await requestListWhere(db, user, filters, ctx))?.where;
  if (!where) return;
  for await (const page of requestListPages(db, user, where, EXPORT_PAGE_ROWS, null, opened?.first)) {
    yield page.map(requestCells);
    await breathe();
  }
}

/** The workbook of every request the user's filters match, as a stream of bytes. */
export function requestsWorkbook(
  db: DbOrTx,
  user: SessionUser,
  filters: RequestFilters,
  ctx: { keys: PidKeys; now: Date },
  opened?: OpenedList,
): ReadableStream<Uint8Array> {
  return xlsxStream(REQUESTS_SHEET, requestRows(db, user, filters, ctx, opened));
}
