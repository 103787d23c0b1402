/**
 * @module
 * Showing a full national ID to staff is itself recorded (PDPA: who saw whose
 * ID, when, from where). Pages show the masked ID; these use cases read the full
 * one and record `pid.viewed` in the same transaction, so no one sees it
 * without a trace. The applicant's own view of their request needs none.
 */
import { and, eq } from "drizzle-orm";
import { testers } from "../db/schema";
import { mayDo } from "../domain/academic";
import { formatThaiId } from "../domain/thai-id";
import { recordAudit } from "./audit";
import type { UseCaseContext } from "./context";
import { loadService } from "./onboarding/service";
import { decryptPid } from "./pid-crypto";
import { getRequestFor } from "./requests";

export type PidView = { ok: true; pid: string } | { ok: false; reason: "not_found" };
export type TesterPidView = { ok: true; pid: string; fullName: string } | { ok: false; reason: "not_found" };

/** An officer (or admin) reads the applicant's full ID on request `requestId`. */
export async function revealApplicantPid(ctx: UseCaseContext, requestId: string): Promise<PidView> {
  const user = ctx.actor.user;
  if (!user || !mayDo(user.role, "act")) return { ok: false, reason: "not_found" };
  const keys = await ctx.keys();
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<PidView> => {
    const req = await getRequestFor(tx, user, requestId);
    if (!req || !req.applicantPidEnc) return { ok: false, reason: "not_found" };
    await recordAudit(tx, now, { actorId: user.id, action: "pid.viewed", subjectType: "request", subjectId: req.id, data: { whose: "applicant" }, ip: ctx.actor.ip });
    return { ok: true, pid: formatThaiId(await decryptPid(keys, req.applicantPidEnc)) };
  });
}

/** The agency (its own service) or an officer reads tester `testerId`'s full ID. */
export async function revealTesterPid(ctx: UseCaseContext, serviceId: string, stepNo: number, testerId: string): Promise<TesterPidView> {
  const user = ctx.actor.user;
  if (!user || !["agency", "officer", "admin"].includes(user.role)) return { ok: false, reason: "not_found" };
  const keys = await ctx.keys();
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<TesterPidView> => {
    const svc = await loadService(tx, user, serviceId);
    if (!svc) return { ok: false, reason: "not_found" };
    const [tester] = await tx
      .select({ id: testers.id, fullName: testers.fullName, pidEnc: testers.pidEnc })
      .from(testers)
      .where(and(eq(testers.id, testerId), eq(testers.eserviceId, svc.id), eq(testers.stepNo, stepNo)))
      .limit(1);
    if (!tester) return { ok: false, reason: "not_found" };
    await recordAudit(tx, now, { actorId: user.id, action: "pid.viewed", subjectType: "eservice", subjectId: svc.id, data: { whose: "tester", testerId: tester.id, stepNo }, ip: ctx.actor.ip });
    return { ok: true, pid: formatThaiId(await decryptPid(keys, tester.pidEnc)), fullName: tester.fullName };
  });
}
