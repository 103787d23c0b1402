/**
 * @module
 * Everything a request's page reads, sent as ONE batch: on the Workers host each
 * statement outside a batch is an HTTP round trip to the database, and this page
 * (the tracking page) is the one applicants open most.
 *
 * The request row carries the access rule in its WHERE (the same as
 * `getRequestFor`); its timeline, documents, stored estimate and tracking link are
 * read in the same batch keyed by the same id, and thrown away unread when the
 * request row is missing — "not found" and "not yours" stay the same 404. A
 * tracking token is resolved inside the batch too (a subquery), so the tracking
 * page pays no round trip of its own for it; the caller's writes that must happen
 * whatever the outcome (its rate-limit hits) go first in the same batch.
 */
import { and, asc, desc, eq, isNull, sql, type Placeholder, type SQL } from "drizzle-orm";
import { preparedOnce, type Db } from "../db/client";
import { bind, runBound, type Bound } from "../db/prepared-batch";
import { academicRequests as r, durationEstimates as est, requestDocuments, requestEvents, trackingLinks, universities } from "../db/schema";
import { queuePlace } from "./queue";
import { estimateFrom, visibleBy, visibleTo, type RequestDetail, type TimeEstimate } from "./requests";
import type { SessionUser } from "./session";

/** Which request: by id, or by the SHA-256 of a tracking link's token (a live link only). */
export type RequestRef = { id: string } | { trackingTokenHash: string };

export interface RequestPage {
  req: RequestDetail;
  timeline: (typeof requestEvents.$inferSelect)[];
  documents: (typeof requestDocuments.$inferSelect)[];
  /** The request's live tracking link, when asked for (officers). */
  link: { createdAt: Date } | null;
  estimate: TimeEstimate | null;
}

/** The values a page query's placeholders take for this user and request. */
function pageValues(user: SessionUser, ref: RequestRef): Record<string, unknown> {
  return { ...("id" in ref ? { id: ref.id } : { tokenHash: ref.trackingTokenHash }), pidHmac: user.pidHmac ?? "", orgId: user.orgId ?? "" };
}

/** Which request, as SQL: its id, or the request of a live link with the token's hash. */
function idOf(by: "id" | "token"): SQL | Placeholder {
  if (by === "id") return sql.placeholder("id");
  return sql`(SELECT ${trackingLinks.requestId} FROM ${trackingLinks} WHERE ${trackingLinks.tokenHash} = ${sql.placeholder("tokenHash")} AND ${trackingLinks.revokedAt} IS NULL LIMIT 1)`;
}

function buildPageQueries(db: Db, visible: SQL, by: "id" | "token", withLink: boolean) {
  const id = idOf(by);
  const request = db
    .select({ request: r, universityName: universities.nameTh, universityCode: universities.code, queueNo: queuePlace })
    .from(r)
    .innerJoin(universities, eq(universities.id, r.universityId))
    .where(and(eq(r.id, id), visible))
    .limit(1)
    .prepare();
  const timeline = db.select().from(requestEvents).where(eq(requestEvents.requestId, id)).orderBy(asc(requestEvents.at), asc(requestEvents.id)).prepare();
  const documents = db.select().from(requestDocuments).where(eq(requestDocuments.requestId, id)).orderBy(asc(requestDocuments.uploadedAt)).prepare();
  // The stored range for the request's own position and status (estimateQuery's columns).
  const estimate = db
    .select({
      lowDays: est.lowDays,
      highDays: est.highDays,
      p80Days: est.p80Days,
      samples: est.samples,
      basis: est.basisFinishedAt,
      // Keyed by the request, not by a column: drizzle writes a column bare inside a selected
      // expression, which would bind to `f` here and make the subquery scan every finished request.
      latest: sql<number | null>`(SELECT max(f.finished_at) FROM academic_requests f WHERE f.position = (SELECT p.position FROM academic_requests p WHERE p.id = ${id}) AND f.status = 'finished')`,
    })
    .from(est)
    .where(sql`(${est.position}, ${est.status}) = (SELECT ${r.position}, ${r.status} FROM ${r} WHERE ${r.id} = ${id})`)
    .limit(1)
    .prepare();
  const link = db
    .select({ createdAt: trackingLinks.createdAt })
    .from(trackingLinks)
    .where(and(eq(trackingLinks.requestId, id), isNull(trackingLinks.revokedAt), withLink ? undefined : sql`0`))
    .orderBy(desc(trackingLinks.createdAt))
    .limit(1)
    .prepare();
  return [request, timeline, documents, estimate, link] as const;
}

/** The page's five reads, built once per database handle for each role, kind of reference and link option. */
const pageQueryVariants = new Map<string, (db: Db) => ReturnType<typeof buildPageQueries>>();

function pageQueries(db: Db, role: SessionUser["role"], by: "id" | "token", withLink: boolean) {
  const key = `${role}:${by}:${withLink}`;
  let variant = pageQueryVariants.get(key);
  if (!variant) {
    variant = preparedOnce((handle) => buildPageQueries(handle as Db, visibleBy(role, { pidHmac: sql.placeholder("pidHmac"), orgId: sql.placeholder("orgId") })!, by, withLink));
    pageQueryVariants.set(key, variant);
  }
  return variant(db);
}

/**
 * Runs `first` (the caller's writes, results returned in order) and the page's reads
 * as one batch; `page` is null when the user may not see the request or it does not
 * exist. A stale estimate is recomputed afterwards, the only case with more round trips.
 */
export async function readRequestPage<F extends readonly Bound<unknown>[]>(
  db: Db,
  user: SessionUser,
  ref: RequestRef,
  opts: { withLink: boolean; now: Date; first?: F },
): Promise<{ first: unknown[]; page: RequestPage | null }> {
  const first: readonly Bound<unknown>[] = opts.first ?? [];
  if (!visibleTo(user)) return { first: first.length ? await runBound(db, first) : [], page: null };
  const values = pageValues(user, ref);
  const [request, timeline, documents, estimate, link] = pageQueries(db, user.role, "id" in ref ? "id" : "token", opts.withLink);
  const reads = [bind(request, values), bind(timeline, values), bind(documents, values), bind(estimate, values), bind(link, values)] as const;
  const results = await runBound(db, [...first, ...reads]);
  const [rows, events, docs, stored, links] = results.slice(first.length) as Awaited<ReturnType<typeof runBound<typeof reads>>>;
  const row = rows[0];
  if (!row) return { first: results.slice(0, first.length), page: null };
  const req: RequestDetail = { ...row.request, universityName: row.universityName, universityCode: row.universityCode, queueNo: row.queueNo };
  return {
    first: results.slice(0, first.length),
    page: { req, timeline: events, documents: docs, link: links[0] ?? null, estimate: await estimateFrom(db, req, stored[0], opts.now) },
  };
}
