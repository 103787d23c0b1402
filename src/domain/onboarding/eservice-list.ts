/**
 * @module
 * Filtering and paging the e-service list, and the dashboard counts, over
 * services whose step states are already loaded.
 */
import * as z from "zod";
import { currentStep, dashboardBuckets, STEP_STATES, type StepState } from "./workflow";

export const eserviceListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  step: z.coerce.number().int().min(1).max(7).optional().catch(undefined),
  state: z.enum(STEP_STATES as unknown as [string, ...string[]]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

/** A service matches when its current step is `step` (if given) and that step is in `state` (if given). */
export function matchesStepFilter(states: readonly StepState[], step?: number, state?: string): boolean {
  const cur = currentStep(states);
  if (step && cur?.no !== step) return false;
  if (state && cur?.state !== state) return false;
  return true;
}

/** Written under the gauge, so nobody reads "approved" as "live". */
export const LAUNCHED_GAUGE_DEFINITION =
  "ร้อยละของ e-Service ที่เปิดให้บริการจริงแล้วตามรอบวันอังคาร จาก e-Service ทั้งหมดของหน่วยงาน (บริการที่ผ่านการตรวจสอบครบ 7 ขั้นตอนแต่ยังรอรอบเปิดให้บริการ ยังไม่นับ)";

/** The dashboard's cards over services with their states and whether the batch job launched them. */
export function dashboardCounts(all: readonly { states: readonly StepState[]; launchedAt: Date | null }[]) {
  const buckets = all.map((s) => dashboardBuckets(s.states, s.launchedAt !== null));
  const launched = buckets.filter((b) => b.launched).length;
  return {
    total: all.length,
    waitingOnAgency: buckets.filter((b) => b.waitingOnAgency).length,
    notLaunched: all.length - launched,
    waitingOnOfficer: buckets.filter((b) => b.waitingOnOfficer).length,
    uatTesting: buckets.filter((b) => b.inUatTesting).length,
    preprodTesting: buckets.filter((b) => b.inPreprodTesting).length,
    launchedPercent: all.length ? Math.round((launched / all.length) * 100) : 0,
  };
}
