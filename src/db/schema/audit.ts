import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Append-only record of every state change: who did what to which record, and when. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
    ip: text("ip"),
  },
  // Every index ends in `at` (and, implicitly, the rowid `id`): a trail or search filtered
  // by any one of its columns reads newest first straight off the index, so a keyset page
  // is a range scan instead of sorting every matching event again.
  (t) => [
    index("audit_subject_idx").on(t.subjectType, t.subjectId, t.at),
    index("audit_type_at_idx").on(t.subjectType, t.at),
    index("audit_action_idx").on(t.action, t.at),
    index("audit_at_idx").on(t.at),
    index("audit_actor_idx").on(t.actorId, t.at),
  ],
);
