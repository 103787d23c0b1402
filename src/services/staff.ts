/**
 * @module
 * Staff accounts of every role as admins and officers run them: created with a
 * temporary username and password mailed through the outbox (the forced first
 * sign-in at /account/setup follows), disabled and enabled, given new temporary
 * credentials, moved to another role or university. Who may do what is declared
 * in domain/staff-policy.ts and checked inside each use case's transaction
 * against the target user as read there; a target the actor may not manage is
 * `not_found`, like an id that does not exist.
 */
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "../db/client";
import { agencies, outboxMail, universities, users, type MailKind, type OutboxStatus } from "../db/schema";
import { tempPasswordExpiresAt } from "../domain/account-forms";
import { ROLE_LABEL, type Role } from "../domain/roles";
import type { StaffCreateForm, StaffRoleForm } from "../domain/staff-forms";
import { managedRoles, mayCreate, mayManage, staffRefusal, type PolicyUser, type StaffAction, type StaffRefusal } from "../domain/staff-policy";
import { credentialsReissuedMail, staffAccountMail } from "../messages/mail";
import type { PasswordKdf } from "../platform/ports";
import { recordAudit } from "./audit";
import type { UseCaseContext } from "./context";
import { newId } from "./crypto";
import { activeUniversitiesQuery } from "./universities";
import { claimFormToken } from "./form-once";
import { enqueueMail } from "./mail";
import { hashPassword, temporaryPassword } from "./password";
import { deleteUserSessions } from "./session";

export const STAFF_PAGE_SIZE = 50;

const CREDENTIALS: MailKind = "credentials";

const accountColumns = {
  id: users.id,
  role: users.role,
  username: users.username,
  displayName: users.displayName,
  email: users.email,
  phone: users.phone,
  orgId: users.orgId,
  mustChangePassword: users.mustChangePassword,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
  // Only university and agency staff belong to an organisation.
  orgName: sql<string | null>`coalesce(${universities.nameTh}, ${agencies.nameTh})`,
};

function staffQuery(db: DbOrTx) {
  return db
    .select(accountColumns)
    .from(users)
    .leftJoin(universities, and(eq(users.role, "university"), eq(universities.id, users.orgId)))
    .leftJoin(agencies, and(eq(users.role, "agency"), eq(agencies.id, users.orgId)));
}

export type StaffAccountRow = Awaited<ReturnType<typeof staffQuery>>[number];

/** The accounts `viewer` may manage, optionally of one role, newest first, `STAFF_PAGE_SIZE` a page; the page and the total as one batch. */
export async function listStaff(db: Db, viewer: PolicyUser, filter: { role?: Role; page: number }) {
  const roles = managedRoles(viewer.role).filter((r) => !filter.role || r === filter.role);
  if (roles.length === 0) return { rows: [] as StaffAccountRow[], total: 0 };
  const where = inArray(users.role, roles);
  const [rows, [total]] = await db.batch([
    staffQuery(db)
      .where(where)
      .orderBy(desc(users.createdAt), asc(users.displayName))
      .limit(STAFF_PAGE_SIZE)
      .offset((filter.page - 1) * STAFF_PAGE_SIZE),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export interface CredentialsMail {
  status: OutboxStatus;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

/** The latest credentials mail of `userId`: whether the temporary password reached them. */
function credentialsMailQuery(db: DbOrTx, userId: string) {
  return db
    .select({ status: outboxMail.status, createdAt: outboxMail.createdAt, sentAt: outboxMail.sentAt, lastError: outboxMail.lastError })
    .from(outboxMail)
    .where(and(eq(outboxMail.userId, userId), eq(outboxMail.kind, CREDENTIALS)))
    .orderBy(desc(outboxMail.createdAt), desc(sql`rowid`))
    .limit(1);
}

function activeAdminsQuery(db: DbOrTx) {
  return db.select({ n: count() }).from(users).where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
}

async function countActiveAdmins(db: DbOrTx): Promise<number> {
  const [row] = await activeAdminsQuery(db);
  return row?.n ?? 0;
}

/**
 * One account as `viewer` sees it, or null when it does not exist or is not theirs
 * to manage. The account, its latest credentials mail, the active admins and (for an
 * admin, who may move it to a university) the active universities go as one batch:
 * the scope is checked on the account row afterwards, the rest thrown away unread
 * when it fails, so "not yours" stays the same null as "no such id".
 */
export async function getStaffAccount(db: Db, viewer: PolicyUser, id: string) {
  const [[account], [mail], [admins], universityChoices] = await db.batch([
    staffQuery(db).where(eq(users.id, id)).limit(1),
    credentialsMailQuery(db, id),
    activeAdminsQuery(db),
    activeUniversitiesQuery(db, viewer.role === "admin"),
  ]);
  if (!account || !mayManage(viewer, account)) return null;
  const latest: CredentialsMail | null = mail ?? null;
  return { account, mail: latest, activeAdmins: admins?.n ?? 0, universities: universityChoices };
}

function temporaryUsername(): string {
  return `tmp.${newId().slice(0, 8).toLowerCase().replace(/[^a-z0-9]/g, "x")}`;
}

function loginUrl(ctx: UseCaseContext): string {
  return new URL("/login", ctx.appUrl).toString();
}

type UniversityRefusal = "university_unknown" | "university_inactive";

/** A university a staff account may be placed in: it exists and is active. */
async function checkUniversity(tx: Tx, id: string | undefined): Promise<UniversityRefusal | null> {
  if (!id) return "university_unknown";
  const [uni] = await tx.select({ deactivatedAt: universities.deactivatedAt }).from(universities).where(eq(universities.id, id)).limit(1);
  if (!uni) return "university_unknown";
  return uni.deactivatedAt ? "university_inactive" : null;
}

export type CreateStaffOutcome = { ok: true; id: string } | { ok: false; reason: "forbidden" | UniversityRefusal };

/**
 * A staff account with temporary credentials valid TEMP_PASSWORD_DAYS, mailed
 * through the outbox (wiped once sent); once per rendered form (`once`).
 */
export async function createStaff(ctx: UseCaseContext, kdf: PasswordKdf, form: StaffCreateForm, once?: string | null): Promise<CreateStaffOutcome> {
  const actor = ctx.actor.user;
  if (!actor || !mayCreate(actor.role, form.role)) return { ok: false, reason: "forbidden" };
  const now = ctx.clock.now();
  const password = temporaryPassword();
  const passwordHash = await hashPassword(kdf, password);
  const expiresAt = tempPasswordExpiresAt(now);
  const universityId = form.role === "university" ? (form.universityId ?? null) : null;
  return ctx.db.transaction(async (tx): Promise<CreateStaffOutcome> => {
    const claim = await claimFormToken<{ id: string }>(tx, ctx, "staff.create", once);
    if (claim.replay) return { ok: true, id: claim.result.id };
    if (form.role === "university") {
      const refusal = await checkUniversity(tx, universityId ?? undefined);
      if (refusal) return { ok: false, reason: refusal };
    }
    const id = newId();
    const username = temporaryUsername();
    await tx.insert(users).values({
      id,
      role: form.role,
      username,
      usernameLower: username,
      passwordHash,
      displayName: form.displayName,
      email: form.email,
      orgId: universityId,
      mustChangePassword: true,
      passwordExpiresAt: expiresAt,
      createdAt: now,
    });
    await recordAudit(tx, now, { actorId: actor.id, action: "staff.created", subjectType: "user", subjectId: id, data: { role: form.role, universityId }, ip: ctx.actor.ip });
    const mail = staffAccountMail({ name: form.displayName, role: ROLE_LABEL[form.role], username, password, expiresAt, loginUrl: loginUrl(ctx) });
    await enqueueMail(tx, now, { to: form.email, ...mail, redactAfterSend: true, userId: id, kind: "credentials" });
    await claim.settle({ id });
    return { ok: true, id };
  });
}

export type StaffChangeOutcome = { ok: true } | { ok: false; reason: StaffRefusal | UniversityRefusal };

type Target = typeof users.$inferSelect;

/**
 * Reads the target in `tx` and checks `action` against the declaration; the
 * refusal, or the target for the use case to change.
 */
async function guarded(tx: Tx, ctx: UseCaseContext, id: string, action: StaffAction, newRole?: Role): Promise<{ refusal: StaffRefusal } | { target: Target }> {
  const actor = ctx.actor.user;
  if (!actor) return { refusal: "not_found" };
  const [target] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  if (!target) return { refusal: "not_found" };
  const refusal = staffRefusal(actor, { id: target.id, role: target.role, disabled: target.disabledAt !== null }, action, {
    activeAdmins: await countActiveAdmins(tx),
    newRole,
  });
  return refusal ? { refusal } : { target };
}

/** Disables an account and ends every session of it, so it is signed out on its next request. */
export async function disableStaff(ctx: UseCaseContext, id: string): Promise<StaffChangeOutcome> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<StaffChangeOutcome> => {
    const g = await guarded(tx, ctx, id, "disable");
    if ("refusal" in g) return { ok: false, reason: g.refusal };
    await tx.update(users).set({ disabledAt: now }).where(eq(users.id, id));
    await deleteUserSessions(tx, id);
    await recordAudit(tx, now, { actorId: ctx.actor.user!.id, action: "staff.disabled", subjectType: "user", subjectId: id, data: { role: g.target.role }, ip: ctx.actor.ip });
    return { ok: true };
  });
}

export async function enableStaff(ctx: UseCaseContext, id: string): Promise<StaffChangeOutcome> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<StaffChangeOutcome> => {
    const g = await guarded(tx, ctx, id, "enable");
    if ("refusal" in g) return { ok: false, reason: g.refusal };
    await tx.update(users).set({ disabledAt: null }).where(eq(users.id, id));
    await recordAudit(tx, now, { actorId: ctx.actor.user!.id, action: "staff.enabled", subjectType: "user", subjectId: id, data: { role: g.target.role }, ip: ctx.actor.ip });
    return { ok: true };
  });
}

/**
 * New temporary credentials: a new password valid TEMP_PASSWORD_DAYS (the old one
 * stops working), the forced first sign-in again, every session ended, and the
 * mail. The username stays (the one they chose, or their temporary one); a
 * credentials mail of the old password still waiting in the outbox is cancelled.
 */
export async function resendCredentials(ctx: UseCaseContext, kdf: PasswordKdf, id: string): Promise<StaffChangeOutcome> {
  const now = ctx.clock.now();
  const password = temporaryPassword();
  const passwordHash = await hashPassword(kdf, password);
  const expiresAt = tempPasswordExpiresAt(now);
  return ctx.db.transaction(async (tx): Promise<StaffChangeOutcome> => {
    const g = await guarded(tx, ctx, id, "resend");
    if ("refusal" in g) return { ok: false, reason: g.refusal };
    const target = g.target;
    let username = target.username;
    if (!username) {
      username = temporaryUsername();
      await tx.update(users).set({ username, usernameLower: username }).where(eq(users.id, id));
    }
    await tx.update(users).set({ passwordHash, mustChangePassword: true, passwordExpiresAt: expiresAt }).where(eq(users.id, id));
    await deleteUserSessions(tx, id);
    await tx
      .update(outboxMail)
      .set({ status: "cancelled" })
      .where(and(eq(outboxMail.userId, id), eq(outboxMail.kind, CREDENTIALS), eq(outboxMail.status, "pending")));
    await recordAudit(tx, now, { actorId: ctx.actor.user!.id, action: "staff.credentials_reissued", subjectType: "user", subjectId: id, data: { expiresAt: expiresAt.toISOString() }, ip: ctx.actor.ip });
    if (target.email) {
      const mail = credentialsReissuedMail({ name: target.displayName, role: ROLE_LABEL[target.role], username, password, expiresAt, loginUrl: loginUrl(ctx) });
      await enqueueMail(tx, now, { to: target.email, ...mail, redactAfterSend: true, userId: id, kind: "credentials" });
    }
    return { ok: true };
  });
}

/**
 * Moves an account to another role (and, for university staff, university). Its
 * permissions change, so every session of it ends. Audited with before and after.
 */
export async function changeStaffRole(ctx: UseCaseContext, id: string, form: StaffRoleForm): Promise<StaffChangeOutcome> {
  const now = ctx.clock.now();
  const orgId = form.role === "university" ? (form.universityId ?? null) : null;
  return ctx.db.transaction(async (tx): Promise<StaffChangeOutcome> => {
    const g = await guarded(tx, ctx, id, "change_role", form.role);
    if ("refusal" in g) return { ok: false, reason: g.refusal };
    const before = { role: g.target.role, universityId: g.target.role === "university" ? g.target.orgId : null };
    if (before.role === form.role && before.universityId === orgId) return { ok: true };
    if (form.role === "university" && orgId !== before.universityId) {
      const refusal = await checkUniversity(tx, orgId ?? undefined);
      if (refusal) return { ok: false, reason: refusal };
    }
    await tx.update(users).set({ role: form.role, orgId }).where(eq(users.id, id));
    await deleteUserSessions(tx, id);
    await recordAudit(tx, now, {
      actorId: ctx.actor.user!.id,
      action: "staff.role_changed",
      subjectType: "user",
      subjectId: id,
      data: { before, after: { role: form.role, universityId: orgId } },
      ip: ctx.actor.ip,
    });
    return { ok: true };
  });
}
