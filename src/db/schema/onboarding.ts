import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export type StepStateValue = "locked" | "in_progress" | "in_review" | "returned" | "done";

/** A government agency (หน่วยงาน) onboarding its e-services. */
export const agencies = sqliteTable("agencies", {
  id: text("id").primaryKey(),
  nameTh: text("name_th").notNull(),
  nameEn: text("name_en").notNull(),
  ministry: text("ministry").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

export const eservices = sqliteTable(
  "eservices",
  {
    id: text("id").primaryKey(),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    name: text("name").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    /** Step 7: the date the agency asked for, its note, and the Tuesday batch it got. */
    goliveRequestedDate: text("golive_requested_date"),
    goliveNote: text("golive_note"),
    goliveBatchDate: text("golive_batch_date"),
    goliveConfirmedAt: integer("golive_confirmed_at", { mode: "timestamp_ms" }),
    /** Set by the go-live batch. */
    launchedAt: integer("launched_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("eservices_agency_idx").on(t.agencyId, t.name), index("eservices_batch_idx").on(t.goliveBatchDate)],
);

/**
 * One row per e-service and step: its state, the agency's answers (draft until
 * submitted, then locked), and the officer's per-field comments when returned.
 */
export const eserviceSteps = sqliteTable(
  "eservice_steps",
  {
    eserviceId: text("eservice_id")
      .notNull()
      .references(() => eservices.id),
    stepNo: integer("step_no").notNull(),
    state: text("state").$type<StepStateValue>().notNull(),
    answers: text("answers", { mode: "json" }).$type<Record<string, unknown>>(),
    comments: text("comments", { mode: "json" }).$type<Record<string, string>>(),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    reviewedAt: integer("reviewed_at", { mode: "timestamp_ms" }),
    reviewedBy: text("reviewed_by"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eserviceId, t.stepNo] }), index("steps_state_idx").on(t.state, t.submittedAt)],
);

/** Testers of steps 2 and 5; national IDs encrypted like applicants'. */
export const testers = sqliteTable(
  "testers",
  {
    id: text("id").primaryKey(),
    eserviceId: text("eservice_id")
      .notNull()
      .references(() => eservices.id),
    stepNo: integer("step_no").notNull(),
    fullName: text("full_name").notNull(),
    organisation: text("organisation").notNull(),
    email: text("email").notNull(),
    phone: text("phone").notNull(),
    pidEnc: text("pid_enc").notNull(),
    os: text("os").$type<"ios" | "android">().notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("testers_service_idx").on(t.eserviceId, t.stepNo)],
);

/** Test attempts of steps 3 and 6: the Minimum Testcase workbook and what the officer decided. */
export const testResults = sqliteTable(
  "test_results",
  {
    id: text("id").primaryKey(),
    eserviceId: text("eservice_id")
      .notNull()
      .references(() => eservices.id),
    stepNo: integer("step_no").notNull(),
    attemptNo: integer("attempt_no").notNull(),
    details: text("details").notNull(),
    fileKey: text("file_key").notNull(),
    fileName: text("file_name").notNull(),
    size: integer("size").notNull(),
    /** Rows passed/failed read from the workbook, when it has a result column. */
    summary: text("summary", { mode: "json" }).$type<{ passed: number; failed: number; total: number } | null>(),
    status: text("status").$type<"pending" | "approved" | "returned">().notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("test_results_attempt_uq").on(t.eserviceId, t.stepNo, t.attemptNo)],
);

/** Uploaded images of an e-service (icon, screenshots). */
export const eserviceFiles = sqliteTable(
  "eservice_files",
  {
    id: text("id").primaryKey(),
    eserviceId: text("eservice_id")
      .notNull()
      .references(() => eservices.id),
    stepNo: integer("step_no").notNull(),
    kind: text("kind").$type<"icon" | "screenshot" | "auth_letter">().notNull(),
    fileKey: text("file_key").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("eservice_files_idx").on(t.eserviceId, t.stepNo, t.kind)],
);

/** In-app notifications for an agency's users: what each service needs next. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    agencyId: text("agency_id").notNull(),
    eserviceId: text("eservice_id"),
    text: text("text").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("notifications_agency_idx").on(t.agencyId, t.createdAt)],
);

/**
 * Pre-production credentials issued once step 4 is approved. The Consumer Key is
 * shown to the agency once, when it asks to see it; only its hash and last four
 * characters are kept. An officer can reset it so a new key is issued.
 */
export const appCredentials = sqliteTable("app_credentials", {
  eserviceId: text("eservice_id")
    .primaryKey()
    .references(() => eservices.id),
  appId: text("app_id").notNull(),
  keyHash: text("key_hash"),
  keyHint: text("key_hint"),
  issuedAt: integer("issued_at", { mode: "timestamp_ms" }),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});
