import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { EXPORT_FORMATS, EXPORT_JOB_STATUSES, EXPORT_KINDS } from "../../domain/exports";
import { users } from "./auth";

/**
 * An export too large to stream in one request, written in chunks by a background
 * job (services/export-jobs.ts): each chunk reads the next keyset pages from
 * `cursor` and stores its slice of the file (a zipped workbook's, or CSV lines)
 * as one more part (`<fileKey>-<n>` in the file store); for a workbook `zip`
 * carries the running sums the next chunk and the closing central directory need. Random id and the owner
 * check together keep a job unreachable to anyone else; the sweep deletes the
 * parts and the row after `expiresAt`.
 */
export const exportJobs = sqliteTable(
  "export_jobs",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** What is exported: "requests" (the officer's list) or "audit" (the admin's audit search). */
    kind: text("kind", { enum: EXPORT_KINDS }).notNull(),
    /** The file written: an Excel workbook, or CSV (the audit trail offers both). */
    format: text("format", { enum: EXPORT_FORMATS }).notNull().default("xlsx"),
    filters: text("filters", { mode: "json" }).notNull().$type<Record<string, unknown>>(),
    status: text("status", { enum: EXPORT_JOB_STATUSES }).notNull(),
    rowsDone: integer("rows_done").notNull().default(0),
    rowsTotal: integer("rows_total").notNull(),
    /** The keyset position after the last row written (sort key, then rowid or event id); null before the first chunk. */
    cursor: text("cursor", { mode: "json" }).$type<{ at: number | null; rowid: number }>(),
    /** File parts written so far (the download concatenates parts 0 … parts-1). */
    parts: integer("parts").notNull().default(0),
    /** Zip bookkeeping between chunks (offsets, CRC, sizes; see services/xlsx/chunked.ts); null for CSV. */
    zip: text("zip", { mode: "json" }).$type<Record<string, unknown>>(),
    /** Key prefix of the parts in the file store. */
    fileKey: text("file_key").notNull(),
    /** A lease: a chunk in progress until then, so two runners never write the same part. */
    leaseUntil: integer("lease_until", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("export_jobs_owner_idx").on(t.ownerId, t.createdAt), index("export_jobs_status_idx").on(t.status, t.expiresAt)],
);
