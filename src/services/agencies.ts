/**
 * @module
 * Agencies, their users and their e-services, as officers set them up: a new
 * agency user gets a temporary username and password by e-mail (outbox) and must
 * choose their own on first sign-in; the temporary password lapses after 7 days.
 */
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { agencies, eservices, eserviceSteps, users } from "../db/schema";
import { TEMP_PASSWORD_DAYS } from "../domain/account-forms";
import { initialStates } from "../domain/onboarding/workflow";
import type { PasswordKdf } from "../platform/ports";
import { accountCreatedMail } from "../messages/mail";
import { recordAudit } from "./audit";
import { actorId, type UseCaseContext } from "./context";
import { claimFormToken } from "./form-once";
import { newId } from "./crypto";
import { enqueueMail } from "./mail";
import { hashPassword, temporaryPassword } from "./password";
import { deleteUserSessions } from "./session";

export async function listAgencies(db: DbOrTx) {
  return db
    .select({
      id: agencies.id,
      nameTh: agencies.nameTh,
      nameEn: agencies.nameEn,
      ministry: agencies.ministry,
      // Spelled out: inside a one-table select drizzle writes ${agencies.id} as a bare "id",
      // which the subquery would read as its own e.id (every count was 0).
      services: sql<number>`(SELECT count(*) FROM eservices e WHERE e.agency_id = "agencies"."id")`,
    })
    .from(agencies)
    .orderBy(asc(agencies.nameTh));
}

export async function getAgency(db: DbOrTx, id: string) {
  const [row] = await db.select().from(agencies).where(eq(agencies.id, id)).limit(1);
  return row ?? null;
}

/** An agency with its users and its e-services by name, read as one batch (one round trip on Workers); null when there is no such agency. */
export async function readAgencyPage(db: Db, id: string) {
  const [[agency], agencyUsers, services] = await db.batch([
    db.select().from(agencies).where(eq(agencies.id, id)).limit(1),
    db
      .select({ id: users.id, displayName: users.displayName, email: users.email, username: users.username, mustChangePassword: users.mustChangePassword })
      .from(users)
      .where(and(eq(users.orgId, id), eq(users.role, "agency")))
      .orderBy(asc(users.displayName)),
    db.select({ id: eservices.id, name: eservices.name }).from(eservices).where(eq(eservices.agencyId, id)).orderBy(asc(eservices.name)),
  ]);
  return agency ? { agency, users: agencyUsers, services } : null;
}

/** Creates an agency, once per rendered form (`once`, see form-once.ts). */
export async function createAgency(
  ctx: UseCaseContext,
  form: { nameTh: string; nameEn: string; ministry: string },
  once?: string | null,
): Promise<{ ok: true; id: string }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const claim = await claimFormToken<{ id: string }>(tx, ctx, "agency.create", once);
    if (claim.replay) return { ok: true, id: claim.result.id } as const;
    const id = newId();
    await tx.insert(agencies).values({ id, ...form, createdAt: now });
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "agency.created", subjectType: "agency", subjectId: id, data: form, ip: ctx.actor.ip });
    await claim.settle({ id });
    return { ok: true, id } as const;
  });
}

export type CreateAgencyUserOutcome = { ok: true; id: string; username: string } | { ok: false; reason: "not_found" };

/**
 * An agency user with a temporary username and password, mailed through the
 * outbox; once per rendered form (`once`), so a double click sends one mail.
 */
export async function createAgencyUser(
  ctx: UseCaseContext,
  kdf: PasswordKdf,
  agencyId: string,
  form: { displayName: string; email: string },
  once?: string | null,
): Promise<CreateAgencyUserOutcome> {
  const agency = await getAgency(ctx.db, agencyId);
  if (!agency) return { ok: false, reason: "not_found" };
  const now = ctx.clock.now();
  const username = `tmp.${newId().slice(0, 8).toLowerCase().replace(/[^a-z0-9]/g, "x")}`;
  const password = temporaryPassword();
  const passwordHash = await hashPassword(kdf, password);
  const id = newId();
  const expiresAt = new Date(now.getTime() + TEMP_PASSWORD_DAYS * 86_400_000);
  return ctx.db.transaction(async (tx): Promise<CreateAgencyUserOutcome> => {
    const claim = await claimFormToken<{ id: string; username: string }>(tx, ctx, "agency_user.create", once);
    if (claim.replay) return { ok: true, ...claim.result };
    await tx.insert(users).values({
      id,
      role: "agency",
      username,
      usernameLower: username,
      passwordHash,
      displayName: form.displayName,
      email: form.email,
      orgId: agencyId,
      mustChangePassword: true,
      passwordExpiresAt: expiresAt,
      createdAt: now,
    });
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "agency_user.created", subjectType: "user", subjectId: id, data: { agencyId }, ip: ctx.actor.ip });
    await enqueueMail(tx, now, {
      to: form.email,
      ...accountCreatedMail({ name: form.displayName, agency: agency.nameTh, username, password, expiresAt, loginUrl: new URL("/login", ctx.appUrl).toString() }),
      redactAfterSend: true,
      userId: id,
      kind: "credentials",
    });
    await claim.settle({ id, username });
    return { ok: true, id, username };
  });
}

export type FirstLoginOutcome = { ok: true } | { ok: false; reason: "not_pending" | "username_taken" };

/**
 * Replaces the acting user's temporary credentials with their own, once: a user
 * who already chose theirs is `not_pending`. Every session of the user ends with
 * it (anything opened with the temporary password); the caller starts a new one.
 */
export async function completeFirstLogin(
  ctx: UseCaseContext,
  kdf: PasswordKdf,
  input: { username: string; password: string },
): Promise<FirstLoginOutcome> {
  const userId = actorId(ctx);
  if (!userId) return { ok: false, reason: "not_pending" };
  const now = ctx.clock.now();
  const lower = input.username.toLowerCase();
  const passwordHash = await hashPassword(kdf, input.password);
  return ctx.db.transaction(async (tx): Promise<FirstLoginOutcome> => {
    const [self] = await tx.select({ pending: users.mustChangePassword }).from(users).where(eq(users.id, userId)).limit(1);
    if (!self?.pending) return { ok: false, reason: "not_pending" };
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.usernameLower, lower), ne(users.id, userId)))
      .limit(1);
    if (taken) return { ok: false, reason: "username_taken" };
    await tx
      .update(users)
      .set({ username: input.username, usernameLower: lower, passwordHash, mustChangePassword: false, passwordExpiresAt: null })
      .where(eq(users.id, userId));
    await deleteUserSessions(tx, userId);
    await recordAudit(tx, now, { actorId: userId, action: "user.first_login_completed", subjectType: "user", subjectId: userId, ip: ctx.actor.ip });
    return { ok: true };
  });
}

/** Creates an e-service with step 1 open and the rest locked, once per rendered form (`once`). */
export async function createEservice(
  ctx: UseCaseContext,
  agencyId: string,
  name: string,
  once?: string | null,
): Promise<{ ok: true; id: string } | { ok: false; reason: "not_found" }> {
  const agency = await getAgency(ctx.db, agencyId);
  if (!agency) return { ok: false, reason: "not_found" };
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const claim = await claimFormToken<{ id: string }>(tx, ctx, "eservice.create", once);
    if (claim.replay) return { ok: true, id: claim.result.id } as const;
    const id = newId();
    await tx.insert(eservices).values({ id, agencyId, name, createdAt: now, updatedAt: now });
    await tx.insert(eserviceSteps).values(
      initialStates().map((state, i) => ({ eserviceId: id, stepNo: i + 1, state, updatedAt: now })),
    );
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "eservice.created", subjectType: "eservice", subjectId: id, data: { agencyId, name }, ip: ctx.actor.ip });
    await claim.settle({ id });
    return { ok: true, id } as const;
  });
}
