/**
 * @module
 * Reading the audit trail: one record's events (a request, an e-service, an
 * agency with its users and e-services, an account) and the admin's search, newest
 * first, a page at a time. The actor's name and role come with each row from one
 * join, so a page costs the same few statements however many people acted.
 */
import { and, count, desc, eq, gte, inArray, lt, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { academicRequests as requests, agencies, auditEvents, eservices, users } from "../db/schema";
import { bangkokDayStart, type AuditFilters } from "../domain/audit-forms";
import type { Role } from "../domain/roles";

export const TRAIL_PAGE_SIZE = 50;

export interface TrailEvent {
  id: number;
  at: Date;
  action: string;
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown> | null;
  ip: string | null;
  actor: { id: string; displayName: string; role: Role; username: string | null } | null;
  /** Set when the row names an actor whose account no longer exists. */
  actorId: string | null;
}

export interface TrailPage {
  events: TrailEvent[];
  total: number;
  page: number;
  pages: number;
}

const e = auditEvents;

async function eventsWhere(db: DbOrTx, where: SQL | undefined, opts: { limit: number; offset?: number }): Promise<TrailEvent[]> {
  const rows = await db
    .select({
      id: e.id,
      at: e.at,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      data: e.data,
      ip: e.ip,
      actorId: e.actorId,
      actorName: users.displayName,
      actorRole: users.role,
      actorUsername: users.username,
    })
    .from(e)
    .leftJoin(users, eq(users.id, e.actorId))
    .where(where)
    .orderBy(desc(e.at), desc(e.id))
    .limit(opts.limit)
    .offset(opts.offset ?? 0);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    data: r.data ?? null,
    ip: r.ip,
    actorId: r.actorId,
    actor: r.actorId && r.actorName !== null && r.actorRole !== null ? { id: r.actorId, displayName: r.actorName, role: r.actorRole, username: r.actorUsername } : null,
  }));
}

export async function countWhere(db: DbOrTx, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: count() }).from(e).where(where);
  return row?.n ?? 0;
}

/** Page `page` (clamped to the last one) of the events matching `where`. */
export async function trailPage(db: DbOrTx, where: SQL | undefined, page: number, pageSize = TRAIL_PAGE_SIZE): Promise<TrailPage> {
  const total = await countWhere(db, where);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  const events = total ? await eventsWhere(db, where, { limit: pageSize, offset: (current - 1) * pageSize }) : [];
  return { events, total, page: current, pages };
}

const subject = (type: string, id: string) => and(eq(e.subjectType, type), eq(e.subjectId, id))!;

// ---------------------------------------------------------------------------
// One record's trail. Documents, tracking links and full-ID views of a request
// are recorded with the request as subject; steps, files and testers of an
// e-service with the e-service; so each record is one subject, except an agency.

export type TrailRecord =
  | { kind: "request"; id: string; ticketNo: string | null; applicantName: string }
  | { kind: "eservice"; id: string; name: string; agencyId: string; agencyName: string }
  | { kind: "agency"; id: string; name: string }
  | { kind: "user"; id: string; displayName: string; role: Role; username: string | null };

export async function requestTrail(db: DbOrTx, id: string, page: number) {
  const [req] = await db
    .select({ id: requests.id, ticketNo: requests.ticketNo, title: requests.applicantTitle, first: requests.applicantFirstName, last: requests.applicantLastName })
    .from(requests)
    .where(eq(requests.id, id))
    .limit(1);
  if (!req) return null;
  const record: TrailRecord = { kind: "request", id, ticketNo: req.ticketNo, applicantName: `${req.title}${req.first} ${req.last}`.trim() };
  return { record, ...(await trailPage(db, subject("request", id), page)) };
}

export async function eserviceTrail(db: DbOrTx, id: string, page: number) {
  const [svc] = await db
    .select({ id: eservices.id, name: eservices.name, agencyId: eservices.agencyId, agencyName: agencies.nameTh })
    .from(eservices)
    .innerJoin(agencies, eq(agencies.id, eservices.agencyId))
    .where(eq(eservices.id, id))
    .limit(1);
  if (!svc) return null;
  const record: TrailRecord = { kind: "eservice", ...svc };
  return { record, ...(await trailPage(db, subject("eservice", id), page)) };
}

/** The agency itself, its users' accounts and its e-services. */
export async function agencyTrail(db: DbOrTx, id: string, page: number) {
  const [agency] = await db.select({ id: agencies.id, name: agencies.nameTh }).from(agencies).where(eq(agencies.id, id)).limit(1);
  if (!agency) return null;
  const where = or(
    subject("agency", id),
    and(eq(e.subjectType, "user"), inArray(e.subjectId, db.select({ id: users.id }).from(users).where(and(eq(users.orgId, id), eq(users.role, "agency"))))),
    and(eq(e.subjectType, "eservice"), inArray(e.subjectId, db.select({ id: eservices.id }).from(eservices).where(eq(eservices.agencyId, id)))),
  );
  const record: TrailRecord = { kind: "agency", ...agency };
  return { record, ...(await trailPage(db, where, page)) };
}

export async function userTrail(db: DbOrTx, id: string, page: number) {
  const [user] = await db
    .select({ id: users.id, displayName: users.displayName, role: users.role, username: users.username })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!user) return null;
  const record: TrailRecord = { kind: "user", ...user };
  return { record, ...(await trailPage(db, subject("user", id), page)) };
}

// ---------------------------------------------------------------------------
// The admin's search

/** The filters as one condition; the actor is a user id or a username, whatever its case. */
export function filterCondition(db: DbOrTx, f: Partial<AuditFilters>): SQL | undefined {
  const parts: SQL[] = [];
  if (f.actor) {
    const byName = db.select({ id: users.id }).from(users).where(eq(users.usernameLower, f.actor.toLowerCase()));
    parts.push(or(eq(e.actorId, f.actor), inArray(e.actorId, byName))!);
  }
  if (f.subjectType) parts.push(eq(e.subjectType, f.subjectType));
  if (f.subjectId) parts.push(eq(e.subjectId, f.subjectId));
  if (f.action) parts.push(eq(e.action, f.action));
  if (f.from) parts.push(gte(e.at, bangkokDayStart(f.from)));
  if (f.to) parts.push(lt(e.at, new Date(bangkokDayStart(f.to).getTime() + 24 * 60 * 60 * 1000)));
  return parts.length ? and(...parts) : undefined;
}

export async function searchAudit(db: DbOrTx, f: Partial<AuditFilters>, page: number) {
  return trailPage(db, filterCondition(db, f), page);
}

/**
 * Every event the filters match, newest first, a keyset page at a time: each
 * page starts below the last (at, id) read, so the thousandth page costs what
 * the first did.
 */
export async function* auditExportPages(db: DbOrTx, f: Partial<AuditFilters>, pageSize: number): AsyncGenerator<TrailEvent[]> {
  const where = filterCondition(db, f);
  for (let last: TrailEvent | undefined; ; ) {
    const below = last ? or(lt(e.at, last.at), and(eq(e.at, last.at), lt(e.id, last.id))) : undefined;
    const events = await eventsWhere(db, below ? and(where, below) : where, { limit: pageSize });
    if (events.length) yield events;
    if (events.length < pageSize) return;
    last = events[events.length - 1];
  }
}
