/**
 * @module
 * Academic-position requests: drafts and submission (university), reading with
 * access rules (applicant, university, officer), officer status actions with the
 * queue, and the honest time range. Each state change is one transaction with
 * its timeline event, audit event and outbox mail.
 */
import { and, asc, desc, eq, isNotNull, or, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { preparedOnce, type Db, type DbOrTx } from "../db/client";
import { academicRequests, durationEstimates, requestDocuments, requestEvents, ticketCounters, universities } from "../db/schema";
import { queueMove } from "../domain/queue";
import {
  ACTIONS,
  isInQueue,
  mayDo,
  STATUS_KEYS,
  transition,
  type ActionRefusal,
  type ActionRule,
  type Position,
  type RequestAction,
  type RequestStatus,
} from "../domain/academic";
import { isEmptyDraft, requestForm, type DraftFields } from "../domain/academic-forms";
import { validateForm, type FieldErrors, type FormValues } from "../domain/forms";
import { durationRange, isPastP80, type DurationRange } from "../domain/duration-stats";
import { buddhistYear, formatTicketNo } from "../domain/ticket";
import { formatThaiId, normalizeThaiId } from "../domain/thai-id";
import { requestStatusMail } from "../messages/mail";
import { recordAudit } from "./audit";
import { FEW_MATCHES, indexable, indexCount, indexMatch, likeMatch } from "./request-search";
import type { UseCaseContext } from "./context";
import { newId } from "./crypto";
import { enqueueMail } from "./mail";
import { joinQueue, leaveQueue, queuePlace } from "./queue";
import { claimFormToken } from "./form-once";
import { universityAcceptsRequests } from "./universities";
import { decryptPid, encryptPid, pidLookupHash, type PidKeys } from "./pid-crypto";
import type { SessionUser } from "./session";

const r = academicRequests;
const DAY = 86_400_000;

const listColumns = {
  id: r.id,
  ticketNo: r.ticketNo,
  letterNo: r.letterNo,
  status: r.status,
  applicantTitle: r.applicantTitle,
  applicantFirstName: r.applicantFirstName,
  applicantLastName: r.applicantLastName,
  position: r.position,
  fieldTh: r.fieldTh,
  fieldEn: r.fieldEn,
  coordinatorName: r.coordinatorName,
  coordinatorPhone: r.coordinatorPhone,
  coordinatorEmail: r.coordinatorEmail,
  createdAt: r.createdAt,
  submittedAt: r.submittedAt,
  statusSince: r.statusSince,
  universityId: r.universityId,
  universityName: universities.nameTh,
  queueNo: queuePlace,
};

export type RequestListRow = {
  id: string;
  ticketNo: string | null;
  letterNo: string | null;
  status: RequestStatus;
  applicantTitle: string;
  applicantFirstName: string;
  applicantLastName: string;
  position: Position | null;
  fieldTh: string;
  fieldEn: string;
  coordinatorName: string;
  coordinatorPhone: string;
  coordinatorEmail: string;
  createdAt: Date;
  submittedAt: Date | null;
  statusSince: Date;
  universityId: string;
  universityName: string;
  queueNo: number | null;
};

/**
 * Which requests a role may see, for the given national-ID HMAC or organisation
 * (values, or placeholders of a prepared query); null for roles that see none.
 */
export function visibleBy(role: SessionUser["role"], ids: { pidHmac: string | Placeholder; orgId: string | Placeholder }): SQL | null {
  switch (role) {
    case "applicant":
      return and(eq(r.applicantPidHmac, ids.pidHmac), sql`${r.status} <> 'draft'`)!;
    case "university":
      return eq(r.universityId, ids.orgId);
    case "officer":
    case "admin":
      return sql`${r.status} <> 'draft'`;
    default:
      return null;
  }
}

/** Which requests a user may see at all; null for roles that see none. */
export function visibleTo(user: SessionUser): SQL | null {
  if ((user.role === "applicant" && !user.pidHmac) || (user.role === "university" && !user.orgId)) return null;
  return visibleBy(user.role, { pidHmac: user.pidHmac ?? "", orgId: user.orgId ?? "" });
}

/** "คำขอของฉัน": every request filed under the applicant's national ID, newest first. */
const applicantListQuery = preparedOnce((db) =>
  db
    .select(listColumns)
    .from(r)
    .innerJoin(universities, eq(universities.id, r.universityId))
    .where(visibleBy("applicant", { pidHmac: sql.placeholder("pidHmac"), orgId: sql.placeholder("orgId") })!)
    .orderBy(desc(r.createdAt))
    .prepare(),
);

export async function listForApplicant(db: DbOrTx, user: SessionUser): Promise<RequestListRow[]> {
  if (user.role !== "applicant" || !visibleTo(user)) return [];
  return (await applicantListQuery(db).all({ pidHmac: user.pidHmac! })) as RequestListRow[];
}

export interface RequestFilters {
  q?: string;
  status?: RequestStatus;
  universityId?: string;
  position?: Position;
  /** Only requests whose current status is older than this many days. */
  olderThanDays?: number;
  page?: number;
}

/** 20 a page on every width: a phone page of request cards stays a few screens long. */
export const PAGE_SIZE = 20;

/**
 * The condition of a university's or officer's filtered list (search by ticket,
 * name or national ID), and its total when the full-text index already counted
 * it; null for roles that have no such list.
 */
export async function requestListWhere(
  db: DbOrTx,
  user: SessionUser,
  filters: RequestFilters,
  ctx: { keys: PidKeys; now: Date },
): Promise<{ where: SQL; total: number | null } | null> {
  const base = visibleTo(user);
  if (!base || (user.role !== "university" && user.role !== "officer" && user.role !== "admin")) return null;
  const conditions: SQL[] = [base];
  if (filters.status) conditions.push(eq(r.status, filters.status));
  if (filters.universityId && user.role !== "university") conditions.push(eq(r.universityId, filters.universityId));
  if (filters.position) conditions.push(eq(r.position, filters.position));
  if (filters.olderThanDays) conditions.push(sql`${r.statusSince} <= ${ctx.now.getTime() - filters.olderThanDays * DAY}`);
  const q = filters.q?.trim();
  const digits = q ? normalizeThaiId(q) : "";
  const isPid = /^\d{13}$/.test(digits);
  // Across every status an officer's term is counted by the full-text index; any other
  // filter narrows through the indexed LIKE first (see services/request-search.ts).
  const narrowed = !!(filters.status || filters.universityId || filters.position || filters.olderThanDays);
  let total: number | null = null;
  if (q && !isPid && !narrowed && user.role !== "university" && indexable(q)) {
    const [counted] = await db.all<{ n: number }>(indexCount(q));
    total = Number(counted?.n ?? 0);
    conditions.push(total <= FEW_MATCHES ? indexMatch(q) : likeMatch(q));
  } else if (q) {
    const byPid = isPid ? eq(r.applicantPidHmac, await pidLookupHash(ctx.keys, digits)) : undefined;
    conditions.push(or(likeMatch(q), byPid)!);
  }
  return { where: and(...conditions)!, total };
}

/** A keyset position in the filtered list: the sort key and rowid of the last row read. */
export interface ListCursor {
  at: number | null;
  rowid: number;
}

/**
 * Every row of the filtered list, a page at a time, in the list's order (its
 * rowid breaks ties, so a keyset page never skips or repeats a row however many
 * share a timestamp). Each page is one indexed range read, whatever its depth.
 * Each row carries its cursor, so a later invocation can go on `from` it.
 */
export async function* requestListPages(
  db: DbOrTx,
  user: SessionUser,
  where: SQL,
  pageSize: number,
  from?: ListCursor | null,
  first?: ListPage,
): AsyncGenerator<ListPage> {
  let after = from ?? undefined;
  for (let page = first; ; page = undefined) {
    page ??= listPageRows(user, await listPageQuery(db, user, where, pageSize, after));
    if (page.length) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.cursor;
  }
}

export type ListPage = (RequestListRow & { cursor: ListCursor })[];

/** One keyset page's read: the rows after `after` in the list's order. */
function listPageQuery(db: DbOrTx, user: SessionUser, where: SQL, pageSize: number, after?: ListCursor) {
  const rowid = sql<number>`${r}.rowid`;
  const newestFirst = user.role === "university";
  let from: SQL | undefined;
  if (after && newestFirst) from = sql`(${r.createdAt} < ${after.at} OR (${r.createdAt} = ${after.at} AND ${rowid} < ${after.rowid}))`;
  else if (after && after.at === null) from = sql`((${r.submittedAt} IS NULL AND ${rowid} > ${after.rowid}) OR ${r.submittedAt} IS NOT NULL)`;
  else if (after) from = sql`${r.submittedAt} >= ${after.at} AND (${r.submittedAt} > ${after.at} OR ${rowid} > ${after.rowid})`;
  return db
    .select({ ...listColumns, rowid })
    .from(r)
    .innerJoin(universities, eq(universities.id, r.universityId))
    .where(from ? and(where, from) : where)
    .orderBy(...(newestFirst ? [desc(r.createdAt), desc(rowid)] : [asc(r.submittedAt), asc(rowid)]))
    .limit(pageSize);
}

function listPageRows(user: SessionUser, rows: Awaited<ReturnType<typeof listPageQuery>>): ListPage {
  const newestFirst = user.role === "university";
  return rows.map((row) => ({ ...(row as RequestListRow), cursor: { at: (newestFirst ? row.createdAt : row.submittedAt)?.getTime() ?? null, rowid: row.rowid } }));
}

/**
 * The filtered list's count and first keyset page as one batch: an export decides
 * between streaming and a background job, and starts streaming, on one round trip.
 */
export async function requestListHead(
  db: Db,
  user: SessionUser,
  list: { where: SQL; total: number | null },
  pageSize: number,
): Promise<{ total: number; first: ListPage }> {
  const page = listPageQuery(db, user, list.where, pageSize);
  // A search the full-text index counted already needs only its page.
  if (list.total !== null) return { total: list.total, first: listPageRows(user, await page) };
  const [counted, rows] = await db.batch([db.select({ n: sql<number>`count(*)` }).from(r).where(list.where), page]);
  return { total: Number(counted[0]?.n ?? 0), first: listPageRows(user, rows) };
}

/**
 * A page of the university's or officer's filtered list, with the total, and the
 * results of `also` (the page's other reads) — all one batch, one round trip on the
 * Workers host. The count(*) goes in the batch whenever the search has not counted
 * already: when the first page is not full it is as cheap as the page's own read.
 */
export async function searchRequests<A extends readonly BatchItem<"sqlite">[] = []>(
  db: Db,
  user: SessionUser,
  filters: RequestFilters,
  ctx: { keys: PidKeys; now: Date },
  also?: A,
): Promise<{ rows: RequestListRow[]; total: number; also: { -readonly [K in keyof A]: Awaited<A[K]> } }> {
  const extra: readonly BatchItem<"sqlite">[] = also ?? [];
  const list = await requestListWhere(db, user, filters, ctx);
  if (!list) {
    const none = extra.length ? await db.batch(extra as unknown as [BatchItem<"sqlite">]) : [];
    return { rows: [], total: 0, also: none as never };
  }
  const { where, total } = list;
  const page = Math.max(1, filters.page ?? 1);
  const rowsQuery = db
    .select(listColumns)
    .from(r)
    .innerJoin(universities, eq(universities.id, r.universityId))
    .where(where)
    .orderBy(user.role === "university" ? desc(r.createdAt) : asc(r.submittedAt))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const countQuery = db.select({ n: sql<number>`count(*)` }).from(r).where(where);
  const results = (await db.batch([rowsQuery, ...(total === null ? [countQuery] : []), ...extra] as unknown as [BatchItem<"sqlite">])) as unknown[];
  const rows = results[0] as RequestListRow[];
  const counted = total ?? Number((results[1] as { n: number }[])[0]?.n ?? 0);
  return { rows, total: counted, also: results.slice(total === null ? 2 : 1) as never };
}

export type RequestDetail = typeof academicRequests.$inferSelect & {
  universityName: string;
  universityCode: string;
  queueNo: number | null;
};

/** The detail query for one role, built once per database handle (every tracking page runs it). */
const detailQueries = (["applicant", "university", "officer", "admin"] as const).map((role) => {
  const where = visibleBy(role, { pidHmac: sql.placeholder("pidHmac"), orgId: sql.placeholder("orgId") })!;
  return [
    role,
    preparedOnce((db) =>
      db
        .select({ request: r, universityName: universities.nameTh, universityCode: universities.code, queueNo: queuePlace })
        .from(r)
        .innerJoin(universities, eq(universities.id, r.universityId))
        .where(and(eq(r.id, sql.placeholder("id")), where))
        .limit(1)
        .prepare(),
    ),
  ] as const;
});

/**
 * One request if `user` may see it, else null — the same null for "does not
 * exist" and "not yours", so ids and tickets cannot be probed.
 */
export async function getRequestFor(db: DbOrTx, user: SessionUser, id: string): Promise<RequestDetail | null> {
  const query = detailQueries.find(([role]) => role === user.role)?.[1];
  if (!query || !visibleTo(user)) return null;
  const [row] = await query(db).all({ id, pidHmac: user.pidHmac ?? "", orgId: user.orgId ?? "" });
  return row ? { ...row.request, universityName: row.universityName, universityCode: row.universityCode, queueNo: row.queueNo } : null;
}

const timelineQuery = preparedOnce((db) =>
  db
    .select()
    .from(requestEvents)
    .where(eq(requestEvents.requestId, sql.placeholder("requestId")))
    .orderBy(asc(requestEvents.at), asc(requestEvents.id))
    .prepare(),
);

export async function getTimeline(db: DbOrTx, requestId: string) {
  return timelineQuery(db).all({ requestId });
}

export interface TimeEstimate {
  range: DurationRange | null;
  elapsedDays: number;
  overdue: boolean;
}

/** The time range is taken from this many most recently finished similar requests. */
export const ESTIMATE_SAMPLE = 500;

const est = durationEstimates;
/** The stored range and whether it is fresh, built once per database handle: every tracking page reads it. */
const estimateQuery = preparedOnce((db) =>
  db
    .select({
      lowDays: est.lowDays,
      highDays: est.highDays,
      p80Days: est.p80Days,
      samples: est.samples,
      basis: est.basisFinishedAt,
      latest: sql<number | null>`(SELECT max(f.finished_at) FROM academic_requests f WHERE f.position = ${sql.placeholder("position")} AND f.status = 'finished')`,
    })
    .from(est)
    .where(and(eq(est.position, sql.placeholder("position")), eq(est.status, sql.placeholder("status"))))
    .limit(1)
    .prepare(),
);

/**
 * How long recently finished requests for the same position took from entering
 * this request's current status to the end; null range below 20 samples. Recent
 * ones only: they reflect today's pace. Read from `duration_estimates`, which is
 * recomputed here when a request of the position has finished since it was.
 */
export async function estimateRemaining(db: DbOrTx, req: RequestDetail, now: Date): Promise<TimeEstimate | null> {
  if (req.status === "draft" || req.status === "finished" || !req.position) return null;
  const [cached] = await estimateQuery(db).all({ position: req.position, status: req.status });
  return estimateFrom(db, req, cached, now);
}

/** The stored range as `estimateQuery` reads it (a page may read it in its own batch). */
export interface StoredEstimate {
  lowDays: number | null;
  highDays: number | null;
  p80Days: number | null;
  samples: number;
  basis: Date | null;
  latest: number | null;
}

/** `estimateRemaining` from a stored range already read: recomputed (more round trips) only when it is stale. */
export async function estimateFrom(db: DbOrTx, req: RequestDetail, cached: StoredEstimate | undefined, now: Date): Promise<TimeEstimate | null> {
  if (req.status === "draft" || req.status === "finished" || !req.position) return null;
  const fresh = cached && (cached.latest === null || (cached.basis !== null && cached.basis.getTime() >= cached.latest));
  const range = fresh
    ? cached.lowDays === null
      ? null
      : { lowDays: cached.lowDays, highDays: cached.highDays!, p80Days: cached.p80Days!, samples: cached.samples }
    : ((await computeEstimates(db, req.position, now)).get(req.status) ?? null);
  const elapsedDays = Math.floor((now.getTime() - req.statusSince.getTime()) / DAY);
  return { range, elapsedDays, overdue: isPastP80(elapsedDays, range) };
}

/** Every status's range for a position from its latest finished requests, stored for the next reader. */
async function computeEstimates(db: DbOrTx, position: Position, now: Date): Promise<Map<RequestStatus, DurationRange | null>> {
  // For each sample and status, from the first time it entered that status to its finish.
  const rows = await db.all<{ status: RequestStatus; days: number; finished_at: number }>(sql`
    SELECT e.status AS status, (f.finished_at - min(e.at)) / 86400000.0 AS days, f.finished_at AS finished_at
    FROM (
      SELECT id, finished_at FROM academic_requests
      WHERE position = ${position} AND status = 'finished' AND finished_at IS NOT NULL
      ORDER BY finished_at DESC LIMIT ${ESTIMATE_SAMPLE}
    ) f
    JOIN request_events e ON e.request_id = f.id
    GROUP BY f.id, e.status`);
  const days = new Map<RequestStatus, number[]>();
  let basis: number | null = null;
  for (const row of rows) {
    const list = days.get(row.status) ?? [];
    list.push(Number(row.days));
    days.set(row.status, list);
    basis = Math.max(basis ?? 0, Number(row.finished_at));
  }
  const ranges = new Map<RequestStatus, DurationRange | null>();
  for (const status of STATUS_KEYS) {
    if (status !== "draft" && status !== "finished") ranges.set(status, durationRange(days.get(status) ?? []));
  }
  const values = [...ranges].map(([status, range]) => ({
    position,
    status,
    samples: range?.samples ?? days.get(status)?.length ?? 0,
    lowDays: range?.lowDays ?? null,
    highDays: range?.highDays ?? null,
    p80Days: range?.p80Days ?? null,
    basisFinishedAt: basis === null ? null : new Date(basis),
    computedAt: now,
  }));
  await db
    .insert(durationEstimates)
    .values(values)
    .onConflictDoUpdate({
      target: [durationEstimates.position, durationEstimates.status],
      set: {
        samples: sql`excluded.samples`,
        lowDays: sql`excluded.low_days`,
        highDays: sql`excluded.high_days`,
        p80Days: sql`excluded.p80_days`,
        basisFinishedAt: sql`excluded.basis_finished_at`,
        computedAt: sql`excluded.computed_at`,
      },
    });
  return ranges;
}

export function listUniversities(db: DbOrTx) {
  return db.select().from(universities).orderBy(asc(universities.nameTh));
}

async function draftValues(keys: PidKeys, form: DraftFields) {
  const pid = form.applicantPid ?? null;
  return {
    applicantPidEnc: pid ? await encryptPid(keys, pid) : "",
    applicantPidHmac: pid ? await pidLookupHash(keys, pid) : "",
    applicantTitle: form.applicantTitle ?? "",
    applicantFirstName: form.applicantFirstName ?? "",
    applicantLastName: form.applicantLastName ?? "",
    applicantEmail: form.applicantEmail ?? null,
    position: (form.position ?? null) as Position | null,
    fieldTh: form.fieldTh ?? "",
    fieldEn: form.fieldEn ?? "",
    letterNo: form.letterNo ?? null,
    coordinatorName: form.coordinatorName ?? "",
    coordinatorPhone: form.coordinatorPhone ?? "",
    coordinatorEmail: form.coordinatorEmail ?? "",
  };
}

export type SaveDraftOutcome = { ok: true; id: string } | { ok: false; reason: "not_found" | "empty" | "university_inactive" };

/**
 * Creates (`id` null) or updates the university's draft. A draft with no answer at
 * all is refused; a new one is created once per rendered form (`once`, see form-once.ts).
 */
export async function saveDraft(
  ctx: UseCaseContext,
  input: { id: string | null; form: DraftFields; once?: string | null },
): Promise<SaveDraftOutcome> {
  const user = ctx.actor.user;
  const universityId = user?.orgId;
  if (!user || user.role !== "university" || !universityId) return { ok: false, reason: "not_found" };
  if (isEmptyDraft(input.form)) return { ok: false, reason: "empty" };
  const values = await draftValues(await ctx.keys(), input.form);
  const now = ctx.clock.now();
  const id = input.id;
  return ctx.db.transaction(async (tx): Promise<SaveDraftOutcome> => {
    const update = async (draftId: string): Promise<boolean> => {
      // A blank national ID keeps the stored one (the edit form does not show it again),
      // and a field an autosave left out (undefined: not valid yet) keeps its stored value.
      const { applicantPidEnc, applicantPidHmac, ...rest } = values;
      const kept = Object.fromEntries(Object.entries(rest).filter(([k]) => input.form[k as keyof DraftFields] !== undefined));
      const rows = await tx
        .update(r)
        .set({ ...kept, ...(input.form.applicantPid ? { applicantPidEnc, applicantPidHmac } : {}), updatedAt: now })
        .where(and(eq(r.id, draftId), eq(r.universityId, universityId), eq(r.status, "draft")))
        .returning({ id: r.id });
      if (!rows[0]) return false;
      await recordAudit(tx, now, { actorId: user.id, action: "request.draft_saved", subjectType: "request", subjectId: draftId, ip: ctx.actor.ip });
      return true;
    };
    if (id) return (await update(id)) ? { ok: true, id } : { ok: false, reason: "not_found" };
    const claim = await claimFormToken<{ id: string }>(tx, ctx, "request.create", input.once);
    if (claim.replay) {
      // The same new-request form posted again: an autosave created the draft, then the
      // user typed on and saved (or autosaved again). What they typed since goes into that
      // draft; a double click stores the same values twice. Once submitted it stays as it was.
      await update(claim.result.id);
      return { ok: true, id: claim.result.id };
    }
    if (!(await universityAcceptsRequests(tx, universityId))) return { ok: false, reason: "university_inactive" };
    const newRequestId = newId();
    await tx.insert(r).values({
      id: newRequestId,
      universityId,
      ...values,
      status: "draft",
      statusSince: now,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, now, { actorId: user.id, action: "request.draft_created", subjectType: "request", subjectId: newRequestId, ip: ctx.actor.ip });
    await claim.settle({ id: newRequestId });
    return { ok: true, id: newRequestId };
  });
}

/** A stored draft as the form's text values (the national ID decrypted for its own university). */
export async function draftFormValues(ctx: UseCaseContext, req: RequestDetail): Promise<FormValues> {
  const pid = req.applicantPidEnc ? await decryptPid(await ctx.keys(), req.applicantPidEnc) : "";
  return {
    applicantPid: pid ? formatThaiId(pid) : "",
    applicantTitle: req.applicantTitle,
    applicantFirstName: req.applicantFirstName,
    applicantLastName: req.applicantLastName,
    applicantEmail: req.applicantEmail ?? "",
    position: req.position ?? "",
    fieldTh: req.fieldTh,
    fieldEn: req.fieldEn,
    letterNo: req.letterNo ?? "",
    coordinatorName: req.coordinatorName,
    coordinatorPhone: req.coordinatorPhone,
    coordinatorEmail: req.coordinatorEmail,
  };
}

export type SubmitOutcome =
  | { ok: true; id: string; ticketNo: string }
  | { ok: false; reason: "not_found" }
  /** The university was deactivated: it keeps its requests but files no new one. */
  | { ok: false; reason: "university_inactive" }
  | { ok: false; reason: "incomplete"; errors: FieldErrors };

/**
 * Submits a complete draft: the next running number for the university and
 * Buddhist year is taken by an atomic upsert inside the same transaction, so
 * concurrent submissions get distinct, gapless ticket numbers. Submitting a
 * request that is already submitted (a second click, a resend) answers like the
 * first time, with the ticket it got then, and takes no second number.
 */
export async function submitRequest(ctx: UseCaseContext, id: string, once?: string | null): Promise<SubmitOutcome> {
  const user = ctx.actor.user;
  const universityId = user?.orgId;
  if (!user || user.role !== "university" || !universityId) return { ok: false, reason: "not_found" };
  const already = async (): Promise<SubmitOutcome> => {
    const req = await getRequestFor(ctx.db, user, id);
    return req && req.status !== "draft" && req.ticketNo ? { ok: true, id, ticketNo: req.ticketNo } : { ok: false, reason: "not_found" };
  };
  const req = await getRequestFor(ctx.db, user, id);
  if (!req) return { ok: false, reason: "not_found" };
  if (req.status !== "draft") return already();
  const form = validateForm(requestForm, await draftFormValues(ctx, req));
  if (!form.ok) return { ok: false, reason: "incomplete", errors: form.errors };
  const values = await draftValues(await ctx.keys(), form.data);
  const now = ctx.clock.now();
  return ctx.db
    .transaction(async (tx): Promise<SubmitOutcome> => {
      const claim = await claimFormToken<{ id: string; ticketNo: string }>(tx, ctx, "request.submit", once);
      if (claim.replay) return { ok: true, ...claim.result };
      const [uni] = await tx.select().from(universities).where(eq(universities.id, universityId)).limit(1);
      if (!uni) return { ok: false, reason: "not_found" };
      if (uni.deactivatedAt) return { ok: false, reason: "university_inactive" };
      const beYear = buddhistYear(now);
      const [counter] = await tx
        .insert(ticketCounters)
        .values({ universityId, beYear, lastSeq: 1 })
        .onConflictDoUpdate({ target: [ticketCounters.universityId, ticketCounters.beYear], set: { lastSeq: sql`${ticketCounters.lastSeq} + 1` } })
        .returning({ seq: ticketCounters.lastSeq });
      const ticketNo = formatTicketNo(beYear, uni.code, counter!.seq);
      const updated = await tx
        .update(r)
        .set({ ...values, ticketNo, status: "submitted", statusSince: now, submittedAt: now, updatedAt: now })
        .where(and(eq(r.id, id), eq(r.universityId, universityId), eq(r.status, "draft")))
        .returning({ id: r.id });
      // Submitted meanwhile (or gone): roll the counter back with the transaction.
      if (!updated[0]) throw new NotSubmittable();
      const label = "ยื่นคำขอ";
      await tx.insert(requestEvents).values({ requestId: id, at: now, kind: "status", status: "submitted", label, actorId: user.id });
      await recordAudit(tx, now, { actorId: user.id, action: "request.submitted", subjectType: "request", subjectId: id, data: { ticketNo }, ip: ctx.actor.ip });
      const mail = requestStatusMail({
        ticketNo,
        applicantName: `${form.data.applicantFirstName} ${form.data.applicantLastName}`,
        status: "submitted",
        label,
        url: new URL(`/requests/${id}`, ctx.appUrl).toString(),
      });
      for (const to of new Set([form.data.coordinatorEmail, form.data.applicantEmail].filter((x): x is string => !!x))) {
        await enqueueMail(tx, now, { to, ...mail });
      }
      await claim.settle({ id, ticketNo });
      return { ok: true, id, ticketNo };
    })
    .catch((error) => {
      // A concurrent submit of the same draft won: answer with its outcome.
      if (error instanceof NotSubmittable) return already();
      throw error;
    });
}

class NotSubmittable extends Error {}

export type ActionOutcome =
  | { ok: true; status: RequestStatus }
  | { ok: false; reason: "not_found" | "conflict" | "missing_receipt" | "missing_note" | ActionRefusal };

/**
 * An officer's status action, as domain/academic.ts declares it: the status and
 * (for an action with a precondition) the documents are read in the same
 * transaction that writes, and the update is applied only if nobody changed the
 * status meanwhile (it is part of the WHERE). Then its queue move, timeline
 * event, audit event and mails. A refusal writes nothing.
 */
export async function applyOfficerAction(
  ctx: UseCaseContext,
  id: string,
  action: RequestAction,
  input: { receiptNo?: string; note?: string; expectedStatus?: RequestStatus },
): Promise<ActionOutcome> {
  const user = ctx.actor.user;
  if (!user || !mayDo(user.role, "act")) return { ok: false, reason: "not_found" };
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [req] = await tx.select().from(r).where(and(eq(r.id, id), sql`${r.status} <> 'draft'`)).limit(1);
    if (!req) return { ok: false, reason: "not_found" } as const;
    if (input.expectedStatus && input.expectedStatus !== req.status) return { ok: false, reason: "conflict" } as const;
    const documents = (ACTIONS[action] as ActionRule).precondition
      ? await tx.select({ status: requestDocuments.status }).from(requestDocuments).where(eq(requestDocuments.requestId, id))
      : [];
    const t = transition(req.status, action, documents);
    if (!t.ok) return t;
    if (t.rule.requires === "receiptNo" && !input.receiptNo) return { ok: false, reason: "missing_receipt" } as const;
    if (t.rule.requires === "note" && !input.note) return { ok: false, reason: "missing_note" } as const;

    const updated = await tx
      .update(r)
      .set({
        status: t.to,
        statusSince: now,
        updatedAt: now,
        ...(action === "receive" ? { receiptNo: input.receiptNo } : {}),
        ...(t.to === "finished" ? { finishedAt: now } : {}),
      })
      .where(and(eq(r.id, id), eq(r.status, req.status)))
      .returning({ id: r.id });
    if (!updated[0]) return { ok: false, reason: "conflict" } as const;

    const move = queueMove(t.rule.queue, isInQueue(t.to), req.queueSeq !== null);
    if (move.leave) await leaveQueue(tx, req.queueSeq!);
    if (move.leave || move.join) {
      const queueSeq = move.join ? await joinQueue(tx) : null;
      await tx.update(r).set({ queueSeq, queueEnteredAt: move.join ? now : null }).where(eq(r.id, id));
    }

    const label = t.rule.describe({ receiptNo: input.receiptNo, note: input.note });
    await tx.insert(requestEvents).values({ requestId: id, at: now, kind: "status", status: t.to, label, actorId: user.id });
    await recordAudit(tx, now, {
      actorId: user.id,
      action: `request.${action}`,
      subjectType: "request",
      subjectId: id,
      data: { from: req.status, to: t.to, receiptNo: input.receiptNo ?? null, note: input.note ?? null },
      ip: ctx.actor.ip,
    });
    const mail = requestStatusMail({
      ticketNo: req.ticketNo ?? "",
      applicantName: `${req.applicantFirstName} ${req.applicantLastName}`,
      status: t.to,
      label,
      url: new URL(`/requests/${id}`, ctx.appUrl).toString(),
    });
    for (const to of new Set([req.coordinatorEmail, req.applicantEmail].filter((x): x is string => !!x))) {
      await enqueueMail(tx, now, { to, ...mail });
    }
    return { ok: true, status: t.to } as const;
  });
}

/** Requests waiting in the queue, in queue order (for tests and the officer's queue view). */
export async function queueOrder(db: DbOrTx): Promise<{ id: string; queueNo: number }[]> {
  const rows = await db
    .select({ id: r.id })
    .from(r)
    .where(isNotNull(r.queueSeq))
    .orderBy(asc(r.queueSeq));
  return rows.map((row, i) => ({ id: row.id, queueNo: i + 1 }));
}

