/**
 * @module
 * Filtering and paging the e-service list, and the dashboard counts, over
 * services whose step states are already loaded.
 */
import * as z from "zod/mini";
import { currentStep, dashboardBuckets, STEP_STATES, type StepState } from "./workflow";

export const eserviceListQuery = z.object({
  q: z.catch(z.optional(z.string().check(z.trim(), z.maxLength(100))), undefined),
  step: z.catch(z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(7))), undefined),
  state: z.catch(z.optional(z.enum(STEP_STATES as unknown as [string, ...string[]])), undefined),
  page: z.catch(z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100_000))), undefined),
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

/** The dashboard's cards over groups of services that share their step states and launch, `count` in each. */
export function dashboardCounts(groups: readonly { states: readonly StepState[]; launched: boolean; count: number }[]) {
  const sum = (pick: (b: ReturnType<typeof dashboardBuckets>) => boolean) =>
    groups.reduce((n, g) => n + (pick(dashboardBuckets(g.states, g.launched)) ? g.count : 0), 0);
  const total = groups.reduce((n, g) => n + g.count, 0);
  const launched = sum((b) => b.launched);
  return {
    total,
    waitingOnAgency: sum((b) => b.waitingOnAgency),
    notLaunched: total - launched,
    waitingOnOfficer: sum((b) => b.waitingOnOfficer),
    uatTesting: sum((b) => b.inUatTesting),
    preprodTesting: sum((b) => b.inPreprodTesting),
    launchedPercent: total ? Math.round((launched / total) * 100) : 0,
  };
}
