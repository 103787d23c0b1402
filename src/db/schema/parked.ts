import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./auth";

/**
 * A form posted after its session had expired, kept so that nothing typed is lost
 * (services/parked-forms.ts). Keyed by the SHA-256 of a random token the browser
 * holds in a cookie; bound to the user whose session expired, and given back once,
 * to that user only, on the form's page after they sign in again. Never files,
 * passwords or national IDs. The scheduler sweeps rows past `expiresAt`.
 */
export const parkedForms = sqliteTable(
  "parked_forms",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The page the form is on (where the values come back), not the URL it posted to. */
    pagePath: text("page_path").notNull(),
    /** The posted text fields: name → value or list of values. */
    fields: text("fields", { mode: "json" }).notNull().$type<Record<string, string | string[]>>(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("parked_forms_expires_idx").on(t.expiresAt)],
);
