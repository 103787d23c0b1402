/**
 * @module
 * Which lists may be exported as a background job, and by whom: the officers' request
 * list by officers and admins, the audit trail by admins. Checked when a job is asked
 * for and again by every chunk, as the job's owner, so an owner who lost the role
 * (or was disabled) gets no more rows.
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
