/**
 * @module
 * Step 2, พัฒนาและติดตั้ง UAT: its answers are saved by the shared step use
 * cases (steps.ts); what it owns besides is its testers (people สพร. grants
 * access to the app), which pre-production (step 5) keeps the same way under its
 * own step number. National IDs are encrypted like applicants'. Every write
 * checks the step's declared state inside its transaction.
 */
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { testers } from "../../db/schema";
import type { TesterEditForm } from "../../domain/onboarding/uat";
import { saveGuarded } from "../../db/guarded-write";
import { guardedAuditInsert, recordAudit } from "../audit";
import { actorId, type UseCaseContext } from "../context";
import { newId } from "../crypto";
import { claimFormToken } from "../form-once";
import { decryptPid, encryptPid, type PidKeys } from "../pid-crypto";
import { pageReads } from "./page-reads";
import { decideWrite, openForWrite, stepStillIn, writeStateReads, type Refused } from "./service";

export function testersQuery(db: DbOrTx, serviceId: string, stepNo: number) {
  return db
    .select()
    .from(testers)
    .where(and(eq(testers.eserviceId, serviceId), eq(testers.stepNo, stepNo)))
    .orderBy(asc(testers.createdAt), asc(testers.id));
}

/** The testers with their national IDs decrypted, for the agency's own list. */
export async function withNationalIds(keys: PidKeys, rows: (typeof testers.$inferSelect)[]) {
  return Promise.all(rows.map(async (r) => ({ ...r, nationalId: await decryptPid(keys, r.pidEnc) })));
}

/** The testers list of step `stepNo`'s page (2 or 5), unsent; `keys` are asked for only once the rows are in. */
export function testersReads(db: DbOrTx, keys: () => Promise<PidKeys>, serviceId: string, stepNo: number) {
  return pageReads([testersQuery(db, serviceId, stepNo)], async ([rows]) => ({ testers: await withNationalIds(await keys(), rows) }));
}

/** Tester `testerId` of step `stepNo` of service `serviceId` (none of another's) as its edit and delete pages show it: no national ID. */
export function testerReads(db: DbOrTx, serviceId: string, stepNo: number, testerId: string) {
  const query = db
    .select({ id: testers.id, fullName: testers.fullName, organisation: testers.organisation, email: testers.email, phone: testers.phone, os: testers.os })
    .from(testers)
    .where(and(eq(testers.id, testerId), eq(testers.eserviceId, serviceId), eq(testers.stepNo, stepNo)))
    .limit(1);
  return pageReads([query], ([rows]) => rows[0] ?? null);
}

/**
 * Adds a tester (`testerId` null; once per rendered form, `once`) or changes one;
 * `not_found` for a tester of another step or service. A change with no national
 * ID keeps the one on record; a new tester must have one (the route's form says so).
 */
export async function saveTester(ctx: UseCaseContext, serviceId: string, stepNo: number, testerId: string | null, form: TesterEditForm, once?: string | null): Promise<{ ok: true } | Refused> {
  const now = ctx.clock.now();
  if (!testerId && !form.nationalId) throw new Error("a new tester needs a national ID");
  const values = {
    fullName: form.fullName,
    organisation: form.organisation,
    email: form.email,
    phone: form.phone,
    ...(form.nationalId ? { pidEnc: await encryptPid(await ctx.keys(), form.nationalId) } : {}),
    os: form.os,
  };
  if (testerId) return changeTester(ctx, now, serviceId, stepNo, testerId, values);
  return ctx.db.transaction(async (tx) => {
    const open = await openForWrite(tx, ctx, serviceId, stepNo, "testers");
    if (!open.ok) return open;
    const claim = await claimFormToken<{ id: string }>(tx, ctx, "tester.create", once);
    if (claim.replay) return { ok: true } as const;
    const id = newId();
    await tx.insert(testers).values({ id, eserviceId: serviceId, stepNo, ...values, pidEnc: values.pidEnc!, createdAt: now });
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "tester.saved", subjectType: "eservice", subjectId: serviceId, data: { testerId: id, stepNo }, ip: ctx.actor.ip });
    await claim.settle({ id });
    return { ok: true } as const;
  });
}

/** A tester's change as a guarded write (db/guarded-write.ts): it goes only while the step is still in the state the rule allowed. */
function changeTester(ctx: UseCaseContext, now: Date, serviceId: string, stepNo: number, testerId: string, values: Partial<typeof testers.$inferInsert>): Promise<{ ok: true } | Refused> {
  const db = ctx.db;
  const mine = and(eq(testers.id, testerId), eq(testers.eserviceId, serviceId), eq(testers.stepNo, stepNo));
  return saveGuarded<{ ok: true } | Refused>(
    db,
    async () => {
      const [svc, steps] = writeStateReads(db, serviceId);
      const [[row], stepRows, [tester]] = await db.batch([svc, steps, db.select({ id: testers.id }).from(testers).where(mine).limit(1)]);
      const open = decideWrite(ctx, row, stepRows, stepNo, "testers");
      if (!open.ok) return { outcome: open };
      if (!tester) return { outcome: { ok: false, reason: "not_found" } };
      return {
        outcome: { ok: true },
        writes: [
          db.update(testers).set(values).where(and(mine, stepStillIn(serviceId, stepNo, open.state))),
          guardedAuditInsert(db, now, { actorId: actorId(ctx), action: "tester.saved", subjectType: "eservice", subjectId: serviceId, data: { testerId, stepNo }, ip: ctx.actor.ip }),
        ],
      };
    },
    { ok: false, reason: "conflict" },
  );
}

export async function removeTester(ctx: UseCaseContext, serviceId: string, stepNo: number, testerId: string): Promise<{ ok: true } | Refused> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const open = await openForWrite(tx, ctx, serviceId, stepNo, "testers");
    if (!open.ok) return open;
    const rows = await tx
      .delete(testers)
      .where(and(eq(testers.id, testerId), eq(testers.eserviceId, serviceId), eq(testers.stepNo, stepNo)))
      .returning({ id: testers.id });
    if (!rows[0]) return { ok: false, reason: "not_found" } as const;
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "tester.removed", subjectType: "eservice", subjectId: serviceId, data: { testerId, stepNo }, ip: ctx.actor.ip });
    return { ok: true } as const;
  });
}

/** What step 2's page shows. */
export function uatReads(ctx: UseCaseContext, serviceId: string) {
  return testersReads(ctx.db, ctx.keys, serviceId, 2);
}
