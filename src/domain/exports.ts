/**
 * @module
 * Which lists may be exported as a background job, and by whom: the officers' request
 * list by officers and admins, the audit trail by admins. Checked when a job is asked
 * for and again by every chunk, as the job's owner, so an owner who lost the role
 * (or was disabled) gets no more rows. And a job's life: queued → running (a chunk at
 * a time) → done or failed; any of them → expired once its day is over.
 */
import type { Role } from "./roles";

export const EXPORT_KINDS = ["requests", "audit"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The files written: an Excel workbook, or CSV (the audit trail offers both). */
export const EXPORT_FORMATS = ["xlsx", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const EXPORTERS: Record<ExportKind, readonly Role[]> = {
  requests: ["officer", "admin"],
  audit: ["admin"],
};

export function mayExport(role: Role | undefined, kind: ExportKind): boolean {
  return role !== undefined && EXPORTERS[kind].includes(role);
}

export const EXPORT_JOB_STATUSES = ["queued", "running", "done", "failed", "expired"] as const;
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

/** Still being written: a runner may take its next chunk, and its page keeps polling. */
export const WRITING_STATUSES = ["queued", "running"] as const satisfies readonly ExportJobStatus[];

export const isWriting = (status: ExportJobStatus): boolean => (WRITING_STATUSES as readonly ExportJobStatus[]).includes(status);

type JobState = { status: ExportJobStatus; expiresAt: Date };

/** Marked expired by the sweep, or past its time and not swept yet: either way its file is gone for the user. */
export const isExpired = (job: JobState, now: Date): boolean => job.status === "expired" || job.expiresAt.getTime() <= now.getTime();

/** Its file may be downloaded: written whole and not expired. */
export const isDownloadable = (job: JobState, now: Date): boolean => job.status === "done" && !isExpired(job, now);
