import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Role } from "../../domain/roles";

/** Everyone who can sign in: staff with a password, applicants through ThaiD. */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    role: text("role").$type<Role>().notNull(),
    /** As the user typed it; uniqueness is on the lower-cased form. */
    username: text("username"),
    usernameLower: text("username_lower"),
    passwordHash: text("password_hash"),
    displayName: text("display_name").notNull(),
    email: text("email"),
    phone: text("phone"),
    /** University or agency the user works for; null for officers, admins, applicants. */
    orgId: text("org_id"),
    /** Applicants (ThaiD): HMAC of the national ID, the only form in which it is looked up. */
    pidHmac: text("pid_hmac"),
    /** Set for accounts created with a temporary password (forced change on first login). */
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
    passwordExpiresAt: integer("password_expires_at", { mode: "timestamp_ms" }),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("users_username_lower_uq").on(t.usernameLower),
    uniqueIndex("users_pid_hmac_uq").on(t.pidHmac),
    index("users_org_idx").on(t.orgId),
  ],
);

/** Only the SHA-256 of the cookie token is stored, so a leaked table cannot be replayed. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/**
 * Fixed-window counters shared by every isolate and process (an in-memory Map
 * would be per-isolate on Workers).
 */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull().default(sql`0`),
});

export type AccountTokenPurpose = "password_reset" | "email_change";

/**
 * Single-use links mailed to a user (password reset, confirming a new e-mail).
 * Keyed by the token's SHA-256, so the table alone opens nothing.
 */
export const accountTokens = sqliteTable(
  "account_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<AccountTokenPurpose>().notNull(),
    /** email_change: the address that takes effect once the link is followed. */
    newEmail: text("new_email"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("account_tokens_user_idx").on(t.userId, t.purpose)],
);
