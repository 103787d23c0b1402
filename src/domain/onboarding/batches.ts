/**
 * @module
 * Grouping confirmed services into the coming Tuesday batches, and the rows of the CSV officers export.
 */
import { upcomingTuesdays } from "./golive";
import { bangkokIsoDate } from "../dates";

export interface ScheduledService {
  id: string;
  name: string;
  agencyName: string;
  batchDate: string;
  launchedAt: Date | null;
}

/**
 * The next eight Tuesdays (from the batch confirmed-now would get), plus every
 * date from today on that has services (today's batch included, launched or not).
 */
export function groupBatches(rows: readonly ScheduledService[], now: Date, weeks = 8) {
  const dates = new Set(upcomingTuesdays(now, weeks));
  const today = bangkokIsoDate(now);
  for (const r of rows) if (r.batchDate >= today) dates.add(r.batchDate);
  return [...dates].sort().map((date) => ({
    date,
    services: rows.filter((r) => r.batchDate === date).map((r) => ({ id: r.id, name: r.name, agencyName: r.agencyName, launched: !!r.launchedAt })),
  }));
}

export const BATCH_CSV_HEADER = ["รอบวันที่", "e-Service", "หน่วยงาน", "สถานะ"];

/** The officers' batch list as rows (services/csv.ts writes them: BOM, formula-safe cells). */
export function batchRows(batches: ReturnType<typeof groupBatches>): string[][] {
  return batches.flatMap((b) => b.services.map((s) => [b.date, s.name, s.agencyName, s.launched ? "เปิดให้บริการแล้ว" : "รอเปิดให้บริการ"]));
}
