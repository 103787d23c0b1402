/**
 * @module
 * Universities as admins run them: created with a 5-digit code that is never
 * reused (universities are never deleted, and the code is printed in ticket
 * numbers, so it cannot change), renamed, deactivated and reactivated. A
 * deactivated university keeps its requests and staff but files no new request
 * (services/requests.ts checks `universityAcceptsRequests`).
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { universities, users } from "../db/schema";
import type { UniversityForm, UniversityRenameForm } from "../domain/staff-forms";
import { recordAudit } from "./audit";
import { actorId, actorRole, type UseCaseContext } from "./context";
import { newId } from "./crypto";
import { claimFormToken } from "./form-once";

export type University = typeof universities.$inferSelect;

export async function listUniversitiesWithCounts(db: DbOrTx) {
  return db
    .select({
      id: universities.id,
      code: universities.code,
      nameTh: universities.nameTh,
      nameEn: universities.nameEn,
      createdAt: universities.createdAt,
      deactivatedAt: universities.deactivatedAt,
      // Spelled out: in a one-table select drizzle writes ${universities.id} as a bare "id".
      staff: sql<number>`(SELECT count(*) FROM users u WHERE u.role = 'university' AND u.org_id = "universities"."id")`,
      requests: sql<number>`(SELECT count(*) FROM academic_requests r WHERE r.university_id = "universities"."id" AND r.status <> 'draft')`,
    })
    .from(universities)
    .orderBy(asc(universities.nameTh));
}

export async function getUniversity(db: DbOrTx, id: string): Promise<University | null> {
  const [row] = await db.select().from(universities).where(eq(universities.id, id)).limit(1);
  return row ?? null;
}

/** Active universities, for the staff form's choice. */
export async function activeUniversities(db: DbOrTx) {
  return activeUniversitiesQuery(db);
}

/** `activeUniversities`'s read, unsent, for a page's batch; `wanted` false answers none at once (`WHERE 0`). */
export function activeUniversitiesQuery(db: DbOrTx, wanted = true) {
  return db
    .select({ id: universities.id, nameTh: universities.nameTh, code: universities.code })
    .from(universities)
    .where(and(isNull(universities.deactivatedAt), wanted ? undefined : sql`0`))
    .orderBy(asc(universities.nameTh));
}

/** A university and its staff, read as one batch (one round trip on Workers); null when there is no such university. */
export async function readUniversityPage(db: Db, id: string) {
  const [[university], staff] = await db.batch([
    db.select().from(universities).where(eq(universities.id, id)).limit(1),
    db
      .select({ id: users.id, displayName: users.displayName, email: users.email, mustChangePassword: users.mustChangePassword, disabledAt: users.disabledAt })
      .from(users)
      .where(and(eq(users.role, "university"), eq(users.orgId, id)))
      .orderBy(asc(users.displayName)),
  ]);
  return university ? { university, staff } : null;
}

/** Whether `universityId` may file a new request; read inside the filing transaction. */
export async function universityAcceptsRequests(tx: DbOrTx, universityId: string): Promise<boolean> {
  return acceptsRequests(await acceptsRequestsQuery(tx, universityId));
}

/** `universityAcceptsRequests`'s read, unsent, for a page that batches it with its others. */
export function acceptsRequestsQuery(tx: DbOrTx, universityId: string) {
  return tx.select({ deactivatedAt: universities.deactivatedAt }).from(universities).where(eq(universities.id, universityId)).limit(1);
}

export function acceptsRequests(rows: { deactivatedAt: Date | null }[]): boolean {
  return !!rows[0] && rows[0].deactivatedAt === null;
}

export type CreateUniversityOutcome = { ok: true; id: string } | { ok: false; reason: "forbidden" | "code_taken" };

/** Creates a university, once per rendered form (`once`); a code ever used (even by a deactivated one) is refused. */
export async function createUniversity(ctx: UseCaseContext, form: UniversityForm, once?: string | null): Promise<CreateUniversityOutcome> {
  if (actorRole(ctx) !== "admin") return { ok: false, reason: "forbidden" };
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<CreateUniversityOutcome> => {
    const claim = await claimFormToken<{ id: string }>(tx, ctx, "university.create", once);
    if (claim.replay) return { ok: true, id: claim.result.id };
    const [taken] = await tx.select({ id: universities.id }).from(universities).where(eq(universities.code, form.code)).limit(1);
    if (taken) return { ok: false, reason: "code_taken" };
    const id = newId();
    await tx.insert(universities).values({ id, code: form.code, nameTh: form.nameTh, nameEn: form.nameEn, createdAt: now });
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "university.created", subjectType: "university", subjectId: id, data: { ...form }, ip: ctx.actor.ip });
    await claim.settle({ id });
    return { ok: true, id };
  });
}

export type UniversityChangeOutcome = { ok: true } | { ok: false; reason: "forbidden" | "not_found" };

/** New names (the code stays); audited with both. An unchanged name writes nothing. */
export async function renameUniversity(ctx: UseCaseContext, id: string, form: UniversityRenameForm): Promise<UniversityChangeOutcome> {
  if (actorRole(ctx) !== "admin") return { ok: false, reason: "forbidden" };
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<UniversityChangeOutcome> => {
    const before = await getUniversity(tx, id);
    if (!before) return { ok: false, reason: "not_found" };
    if (before.nameTh === form.nameTh && before.nameEn === form.nameEn) return { ok: true };
    await tx.update(universities).set({ nameTh: form.nameTh, nameEn: form.nameEn }).where(eq(universities.id, id));
    await recordAudit(tx, now, {
      actorId: actorId(ctx),
      action: "university.renamed",
      subjectType: "university",
      subjectId: id,
      data: { before: { nameTh: before.nameTh, nameEn: before.nameEn }, after: { ...form } },
      ip: ctx.actor.ip,
    });
    return { ok: true };
  });
}

/** Deactivates (`active` false) or reactivates a university; asking for the state it is in writes nothing. */
export async function setUniversityActive(ctx: UseCaseContext, id: string, active: boolean): Promise<UniversityChangeOutcome> {
  if (actorRole(ctx) !== "admin") return { ok: false, reason: "forbidden" };
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<UniversityChangeOutcome> => {
    const uni = await getUniversity(tx, id);
    if (!uni) return { ok: false, reason: "not_found" };
    if ((uni.deactivatedAt === null) === active) return { ok: true };
    await tx.update(universities).set({ deactivatedAt: active ? null : now }).where(eq(universities.id, id));
    await recordAudit(tx, now, {
      actorId: actorId(ctx),
      action: active ? "university.reactivated" : "university.deactivated",
      subjectType: "university",
      subjectId: id,
      ip: ctx.actor.ip,
    });
    return { ok: true };
  });
}
