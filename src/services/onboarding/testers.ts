/**
 * @module
 * Testers of steps 2 and 5 (people สพร. grants access to the UAT or
 * pre-production app). National IDs are encrypted like applicants'.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { testers } from "../db/schema";
import type { TesterForm } from "../domain/onboarding-forms";
import { recordAudit } from "./audit";
import { newId } from "./crypto";
import { decryptPid, encryptPid, type PidKeys } from "./pid-crypto";

export async function listTesters(db: DbOrTx, keys: PidKeys, serviceId: string, stepNo: number) {
  const rows = await db
    .select()
    .from(testers)
    .where(and(eq(testers.eserviceId, serviceId), eq(testers.stepNo, stepNo)))
    .orderBy(asc(testers.createdAt), asc(testers.id));
  return Promise.all(rows.map(async (r) => ({ ...r, nationalId: await decryptPid(keys, r.pidEnc) })));
}

export async function countTesters(db: DbOrTx, serviceId: string, stepNo: number): Promise<number> {
  return (await db.select({ id: testers.id }).from(testers).where(and(eq(testers.eserviceId, serviceId), eq(testers.stepNo, stepNo)))).length;
}

export async function saveTester(
  db: Db,
  ctx: { keys: PidKeys; now: Date },
  actor: { id: string; ip: string },
  serviceId: string,
  stepNo: number,
  testerId: string | null,
  form: TesterForm,
): Promise<boolean> {
  const values = {
    fullName: form.fullName,
    organisation: form.organisation,
    email: form.email,
    phone: form.phone,
    pidEnc: await encryptPid(ctx.keys, form.nationalId),
    os: form.os,
  };
  return db.transaction(async (tx) => {
    if (testerId) {
      const rows = await tx
        .update(testers)
        .set(values)
        .where(and(eq(testers.id, testerId), eq(testers.eserviceId, serviceId), eq(testers.stepNo, stepNo)))
        .returning({ id: testers.id });
      if (!rows[0]) return false;
    } else {
      testerId = newId();
      await tx.insert(testers).values({ id: testerId, eserviceId: serviceId, stepNo, ...values, createdAt: ctx.now });
    }
    await recordAudit(tx, ctx.now, { actorId: actor.id, action: "tester.saved", subjectType: "eservice", subjectId: serviceId, data: { testerId, stepNo }, ip: actor.ip });
    return true;
  });
}

export async function removeTester(db: Db, now: Date, actor: { id: string; ip: string }, serviceId: string, stepNo: number, testerId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .delete(testers)
      .where(and(eq(testers.id, testerId), eq(testers.eserviceId, serviceId), eq(testers.stepNo, stepNo)))
      .returning({ id: testers.id });
    if (!rows[0]) return false;
    await recordAudit(tx, now, { actorId: actor.id, action: "tester.removed", subjectType: "eservice", subjectId: serviceId, data: { testerId, stepNo }, ip: actor.ip });
    return true;
  });
}
