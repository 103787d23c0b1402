import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { DocumentStatus, Position, RequestStatus } from "../../domain/academic";

export const universities = sqliteTable("universities", {
  id: text("id").primaryKey(),
  /** The 5-digit code printed in ticket numbers. */
  code: text("code").notNull().unique(),
  nameTh: text("name_th").notNull(),
  nameEn: text("name_en").notNull(),
  /** Null for universities seeded before admins could create them. */
  createdAt: integer("created_at", { mode: "timestamp_ms" }),
  /**
   * A deactivated university keeps its requests and staff history but files no new
   * request. Universities are never deleted, so a code is never reused.
   */
  deactivatedAt: integer("deactivated_at", { mode: "timestamp_ms" }),
});

/** One request for an academic position, filed by a university under the applicant's national ID. */
export const academicRequests = sqliteTable(
  "academic_requests",
  {
    id: text("id").primaryKey(),
    /** Null while a draft; given at submission. */
    ticketNo: text("ticket_no").unique(),
    universityId: text("university_id")
      .notNull()
      .references(() => universities.id),
    /** PDPA: the national ID only encrypted (AES-GCM) and as an HMAC for lookups. */
    applicantPidEnc: text("applicant_pid_enc").notNull(),
    applicantPidHmac: text("applicant_pid_hmac").notNull(),
    applicantTitle: text("applicant_title").notNull(),
    applicantFirstName: text("applicant_first_name").notNull(),
    applicantLastName: text("applicant_last_name").notNull(),
    applicantEmail: text("applicant_email"),
    /** Null only in a draft that has not chosen yet. */
    position: text("position").$type<Position>(),
    fieldTh: text("field_th").notNull(),
    fieldEn: text("field_en").notNull(),
    /** เลขที่หนังสือ: the university's letter number. */
    letterNo: text("letter_no"),
    coordinatorName: text("coordinator_name").notNull(),
    coordinatorPhone: text("coordinator_phone").notNull(),
    coordinatorEmail: text("coordinator_email").notNull(),
    status: text("status").$type<RequestStatus>().notNull(),
    /** หมายเลขรับเอกสาร, recorded when the officer receives the request. */
    receiptNo: text("receipt_no"),
    /** When the request last joined the queue; set while it holds a place there. */
    queueEnteredAt: integer("queue_entered_at", { mode: "timestamp_ms" }),
    /**
     * Its order in the queue while it holds a place there: each join takes a number
     * above every other, so the order of these is the order of queue_entered_at.
     * The live place is counted from it with `queue_buckets` (services/queue.ts).
     */
    queueSeq: integer("queue_seq"),
    /** When the current status began (for "similar requests took X–Y days"). */
    statusSince: integer("status_since", { mode: "timestamp_ms" }).notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("requests_university_idx").on(t.universityId, t.createdAt),
    index("requests_pid_idx").on(t.applicantPidHmac, t.createdAt),
    index("requests_status_idx").on(t.status, t.createdAt),
    index("requests_queue_seq_idx").on(t.queueSeq),
    // The officers' list is oldest submission first, with or without a status filter.
    index("requests_status_submitted_idx").on(t.status, t.submittedAt),
    index("requests_submitted_idx").on(t.submittedAt),
    // Covers the officer's text search inside a status and position filter, so counting
    // the matches reads these narrow entries instead of every candidate row.
    index("requests_search_idx").on(t.status, t.position, t.applicantFirstName, t.applicantLastName, t.ticketNo, t.letterNo),
    index("requests_finished_idx").on(t.position, t.status, t.finishedAt),
    // The overview (services/insight-academic.ts): each covers its count with the
    // university and position filters, so no figure reads a table row.
    index("insight_open_idx").on(t.status, t.submittedAt, t.position, t.universityId),
    index("insight_submitted_idx").on(t.submittedAt, t.position, t.universityId),
    index("insight_finished_idx").on(t.status, t.finishedAt, t.position, t.universityId, t.submittedAt, t.id),
    index("insight_waiting_idx").on(t.status, t.statusSince, t.position, t.universityId),
  ],
);

export type EventKind = "status" | "queue" | "document" | "link";

/** The timeline: every status change, queue move and document event, never edited. */
export const requestEvents = sqliteTable(
  "request_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: text("request_id")
      .notNull()
      .references(() => academicRequests.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    kind: text("kind").$type<EventKind>().notNull(),
    /** The request's status after this event. */
    status: text("status").$type<RequestStatus>().notNull(),
    label: text("label").notNull(),
    actorId: text("actor_id"),
  },
  (t) => [index("events_request_idx").on(t.requestId, t.at)],
);

export type { DocumentStatus };

export const requestDocuments = sqliteTable(
  "request_documents",
  {
    id: text("id").primaryKey(),
    requestId: text("request_id")
      .notNull()
      .references(() => academicRequests.id),
    fileKey: text("file_key").notNull(),
    fileName: text("file_name").notNull(),
    size: integer("size").notNull(),
    contentType: text("content_type").notNull(),
    status: text("status").$type<DocumentStatus>().notNull(),
    note: text("note"),
    uploadedBy: text("uploaded_by").notNull(),
    uploadedAt: integer("uploaded_at", { mode: "timestamp_ms" }).notNull(),
    reviewedAt: integer("reviewed_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("documents_request_idx").on(t.requestId, t.uploadedAt)],
);

/** Shareable tracking links: only the token's SHA-256 is kept; revoking sets revoked_at. */
export const trackingLinks = sqliteTable(
  "tracking_links",
  {
    id: text("id").primaryKey(),
    requestId: text("request_id")
      .notNull()
      .references(() => academicRequests.id),
    tokenHash: text("token_hash").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("tracking_token_uq").on(t.tokenHash), index("tracking_request_idx").on(t.requestId)],
);

/** The running number per university and Buddhist year, bumped in the submitting transaction. */
export const ticketCounters = sqliteTable(
  "ticket_counters",
  {
    universityId: text("university_id").notNull(),
    beYear: integer("be_year").notNull(),
    lastSeq: integer("last_seq").notNull(),
  },
  (t) => [primaryKey({ columns: [t.universityId, t.beYear] })],
);

/**
 * How many requests wait in each block of QUEUE_BUCKET consecutive queue numbers, kept
 * in the same transaction as every join and leave. A place in the queue is then the
 * sum over earlier blocks plus a count inside its own block: a few hundred index
 * entries however long the queue, where counting everyone ahead would read them all.
 */
export const queueBuckets = sqliteTable("queue_buckets", {
  bucket: integer("bucket").primaryKey(),
  waiting: integer("waiting").notNull(),
});

/**
 * The honest time range per position and status, computed from recently finished
 * requests when first asked for and recomputed once a request of that position has
 * finished after `basisFinishedAt`, so a tracking page reads one row instead of
 * hundreds of timelines.
 */
export const durationEstimates = sqliteTable(
  "duration_estimates",
  {
    position: text("position").$type<Position>().notNull(),
    status: text("status").$type<RequestStatus>().notNull(),
    samples: integer("samples").notNull(),
    /** Null when there are too few samples to say anything honest. */
    lowDays: integer("low_days"),
    highDays: integer("high_days"),
    p80Days: integer("p80_days"),
    /** The latest finish among the samples; null when there were none. */
    basisFinishedAt: integer("basis_finished_at", { mode: "timestamp_ms" }),
    computedAt: integer("computed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.position, t.status] })],
);

/** Admin-editable texts, such as the contact page. */
export const siteSettings = sqliteTable("site_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});
