import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./auth";

/**
 * One row per one-time form token that reached a create use case
 * (services/form-once.ts). Only the token's SHA-256 is kept; the row is written in
 * the same transaction as what the form creates, with that use case's result, so a
 * second post of the same rendered form answers with the first result instead of
 * creating again. Bound to the user: another user's identical token is another row.
 * The scheduler sweeps rows older than a day.
 */
export const formSubmissions = sqliteTable(
  "form_submissions",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Which use case the token was spent on ("request.create", "agency.create"…). */
    form: text("form").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The use case's success result as JSON; null while (or if) it did not succeed. */
    result: text("result"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.form, t.tokenHash] }), index("form_submissions_created_idx").on(t.createdAt)],
);
