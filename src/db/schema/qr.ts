import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Cross-device ThaiD sign-ins on the Node host (Workers keeps them in Durable
 * Objects). Every read checks `expires_at`; the scheduler sweeps old rows.
 */
export const qrSessions = sqliteTable(
  "qr_sessions",
  {
    id: text("id").primaryKey(),
    browserSecretHash: text("browser_secret_hash").notNull(),
    state: text("state").notNull(),
    nonce: text("nonce").notNull(),
    codeVerifier: text("code_verifier"),
    matchCode: text("match_code").notNull(),
    requestedIp: text("requested_ip").notNull(),
    requestedUserAgent: text("requested_user_agent").notNull(),
    requestedPlace: text("requested_place"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    status: text("status").$type<"pending" | "approved" | "declined" | "claimed">().notNull(),
    userId: text("user_id"),
  },
  (t) => [index("qr_expires_idx").on(t.expiresAt)],
);
