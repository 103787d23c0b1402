/**
 * @module
 * Reading the audit trail: one record's events (a request, an e-service, an
 * agency with its users and e-services, an account) and the admin's search, newest
 * first, a page at a time. The actor's name and role come with each row from one
 * join, so a page costs the same few statements however many people acted.
 */
import { and, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
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

function eventsQuery(db: DbOrTx, where: SQL | undefined, opts: { limit: number; offset?: number }) {
  return db
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
}

type EventRow = Awaited<ReturnType<typeof eventsQuery>>[number];

function toEvent(r: EventRow): TrailEvent {
  return {
    id: r.id,
    at: r.at,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    data: r.data ?? null,
    ip: r.ip,
    actorId: r.actorId,
    actor: r.actorId && r.actorName !== null && r.actorRole !== null ? { id: r.actorId, displayName: r.actorName, role: r.actorRole, username: r.actorUsername } : null,
  };
}

async function eventsWhere(db: DbOrTx, where: SQL | undefined, opts: { limit: number; offset?: number }): Promise<TrailEvent[]> {
  return (await eventsQuery(db, where, opts)).map(toEvent);
}

/**
 * A page's count and the events of the page asked for, unsent, for the caller's
 * batch: sent together (with the record's row), a page is one round trip.
 */
function pageQueries(db: DbOrTx, where: SQL | undefined, page: number) {
  return [
    db.select({ n: count() }).from(e).where(where),
    eventsQuery(db, where, { limit: TRAIL_PAGE_SIZE, offset: (Math.max(1, page) - 1) * TRAIL_PAGE_SIZE }),
  ] as const;
}

/**
 * The page from its batch's answers, clamped to the last one: a page asked for past
 * the last is read again as the last, the only case with a round trip more.
 */
async function pageFrom(db: DbOrTx, where: SQL | undefined, page: number, counted: { n: number }[], rows: EventRow[]): Promise<TrailPage> {
  const total = counted[0]?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / TRAIL_PAGE_SIZE));
  const asked = Math.max(1, page);
  const current = Math.min(asked, pages);
  const events = current === asked ? rows.map(toEvent) : await eventsWhere(db, where, { limit: TRAIL_PAGE_SIZE, offset: (current - 1) * TRAIL_PAGE_SIZE });
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

// Each record's row and its trail's page go as ONE batch (one round trip on Workers);
// the page is thrown away unread when the record does not exist (404).

export async function requestTrail(db: Db, id: string, page: number) {
  const where = subject("request", id);
  const [counted, rows] = pageQueries(db, where, page);
  const [[req], n, events] = await db.batch([
    db
      .select({ id: requests.id, ticketNo: requests.ticketNo, title: requests.applicantTitle, first: requests.applicantFirstName, last: requests.applicantLastName })
      .from(requests)
      .where(eq(requests.id, id))
      .limit(1),
    counted,
    rows,
  ]);
  if (!req) return null;
  const record: TrailRecord = { kind: "request", id, ticketNo: req.ticketNo, applicantName: `${req.title}${req.first} ${req.last}`.trim() };
  return { record, ...(await pageFrom(db, where, page, n, events)) };
}

export async function eserviceTrail(db: Db, id: string, page: number) {
  const where = subject("eservice", id);
  const [counted, rows] = pageQueries(db, where, page);
  const [[svc], n, events] = await db.batch([
    db
      .select({ id: eservices.id, name: eservices.name, agencyId: eservices.agencyId, agencyName: agencies.nameTh })
      .from(eservices)
      .innerJoin(agencies, eq(agencies.id, eservices.agencyId))
      .where(eq(eservices.id, id))
      .limit(1),
    counted,
    rows,
  ]);
  if (!svc) return null;
  const record: TrailRecord = { kind: "eservice", ...svc };
  return { record, ...(await pageFrom(db, where, page, n, events)) };
}

/** The agency itself, its users' accounts and its e-services. */
export async function agencyTrail(db: Db, id: string, page: number) {
  const where = or(
    subject("agency", id),
    and(eq(e.subjectType, "user"), inArray(e.subjectId, db.select({ id: users.id }).from(users).where(and(eq(users.orgId, id), eq(users.role, "agency"))))),
    and(eq(e.subjectType, "eservice"), inArray(e.subjectId, db.select({ id: eservices.id }).from(eservices).where(eq(eservices.agencyId, id)))),
  );
  const [counted, rows] = pageQueries(db, where, page);
  const [[agency], n, events] = await db.batch([
    db.select({ id: agencies.id, name: agencies.nameTh }).from(agencies).where(eq(agencies.id, id)).limit(1),
    counted,
    rows,
  ]);
  if (!agency) return null;
  const record: TrailRecord = { kind: "agency", ...agency };
  return { record, ...(await pageFrom(db, where, page, n, events)) };
}

export async function userTrail(db: Db, id: string, page: number) {
  const where = subject("user", id);
  const [counted, rows] = pageQueries(db, where, page);
  const [[user], n, events] = await db.batch([
    db.select({ id: users.id, displayName: users.displayName, role: users.role, username: users.username }).from(users).where(eq(users.id, id)).limit(1),
    counted,
    rows,
  ]);
  if (!user) return null;
  const record: TrailRecord = { kind: "user", ...user };
  return { record, ...(await pageFrom(db, where, page, n, events)) };
}

// ---------------------------------------------------------------------------
// The admin's search

/** The filters as one condition; the actor is a user id or a username, whatever its case. */
export function filterCondition(db: DbOrTx, f: Partial<AuditFilters>): SQL | undefined {
  const parts: SQL[] = [];
  if (f.actor) {
    // The account of that username if there is one, else the text as an account id (a deleted
    // account's too): one value, so the search reads the actor's index newest first, unsorted.
    const byName = db.select({ id: users.id }).from(users).where(eq(users.usernameLower, f.actor.toLowerCase()));
    parts.push(eq(e.actorId, sql`coalesce((${byName}), ${f.actor})`));
  }
  if (f.subjectType) parts.push(eq(e.subjectType, f.subjectType));
  if (f.subjectId) parts.push(eq(e.subjectId, f.subjectId));
  if (f.action) parts.push(eq(e.action, f.action));
  if (f.from) parts.push(gte(e.at, bangkokDayStart(f.from)));
  if (f.to) parts.push(lt(e.at, new Date(bangkokDayStart(f.to).getTime() + 24 * 60 * 60 * 1000)));
  return parts.length ? and(...parts) : undefined;
}

/** The search's count and page as one batch. */
export async function searchAudit(db: Db, f: Partial<AuditFilters>, page: number): Promise<TrailPage> {
  const where = filterCondition(db, f);
  const [n, events] = await db.batch(pageQueries(db, where, page));
  return pageFrom(db, where, page, n, events);
}

/** How many events the filters match. */
export async function countAudit(db: DbOrTx, f: Partial<AuditFilters>): Promise<number> {
  const [counted] = await db.select({ n: count() }).from(e).where(filterCondition(db, f));
  return counted?.n ?? 0;
}

/** A keyset position in the trail: the last event read (its time in ms, its id). */
export interface AuditCursor {
  at: number;
  id: number;
}

export const auditCursorOf = (event: TrailEvent): AuditCursor => ({ at: event.at.getTime(), id: event.id });

/** The events after `after` (newest first), at most `limit`. */
export function pageAfter(db: DbOrTx, where: SQL | undefined, after: AuditCursor | null | undefined, limit: number) {
  const at = after && new Date(after.at);
  const below = after && at ? or(lt(e.at, at), and(eq(e.at, at), lt(e.id, after.id))) : undefined;
  return eventsQuery(db, below ? and(where, below) : where, { limit });
}

/**
 * The search's count and first keyset page as one batch: an export decides between
 * streaming and a background job, and starts streaming, on one round trip.
 */
export async function auditExportHead(db: Db, f: Partial<AuditFilters>, pageSize: number): Promise<{ total: number; first: TrailEvent[] }> {
  const where = filterCondition(db, f);
  const [counted, rows] = await db.batch([db.select({ n: count() }).from(e).where(where), pageAfter(db, where, null, pageSize)]);
  return { total: counted[0]?.n ?? 0, first: rows.map(toEvent) };
}

/**
 * Every event the filters match after `from` (or from the newest), newest first, a
 * keyset page at a time: each page starts below the last (at, id) read, so the
 * thousandth page costs what the first did. `first`, when given, is the first page
 * already read (by auditExportHead).
 */
export async function* auditExportPages(
  db: DbOrTx,
  f: Partial<AuditFilters>,
  pageSize: number,
  opts: { from?: AuditCursor | null; first?: TrailEvent[] } = {},
): AsyncGenerator<TrailEvent[]> {
  const where = filterCondition(db, f);
  let events = opts.first;
  for (let after = opts.from; ; ) {
    events ??= (await pageAfter(db, where, after, pageSize)).map(toEvent);
    if (events.length) yield events;
    if (events.length < pageSize) return;
    after = auditCursorOf(events[events.length - 1]!);
    events = undefined;
  }
}
