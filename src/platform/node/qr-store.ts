import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { qrSessions } from "../../db/schema";
import type { Clock, QrSession, QrSessionStore } from "../ports";

type Row = typeof qrSessions.$inferSelect;

function toSession(row: Row): QrSession {
  return {
    id: row.id,
    browserSecretHash: row.browserSecretHash,
    state: row.state,
    nonce: row.nonce,
    codeVerifier: row.codeVerifier,
    matchCode: row.matchCode,
    requestedBy: { ip: row.requestedIp, userAgent: row.requestedUserAgent, place: row.requestedPlace },
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    status: row.status,
    userId: row.userId,
  };
}

/**
 * QR sessions as database rows. Every read and transition requires
 * `expires_at > now`, so an expired row is dead even before the sweep deletes it;
 * each transition is one conditional UPDATE, so two claims cannot both win.
 */
export function createDbQrStore(db: Db, clock: Clock): QrSessionStore {
  const live = (id: string) => and(eq(qrSessions.id, id), gt(qrSessions.expiresAt, clock.now()));
  return {
    async create(s) {
      await db.insert(qrSessions).values({
        id: s.id,
        browserSecretHash: s.browserSecretHash,
        state: s.state,
        nonce: s.nonce,
        codeVerifier: s.codeVerifier,
        matchCode: s.matchCode,
        requestedIp: s.requestedBy.ip,
        requestedUserAgent: s.requestedBy.userAgent,
        requestedPlace: s.requestedBy.place,
        createdAt: s.createdAt,
        expiresAt: s.expiresAt,
        status: s.status,
        userId: s.userId,
      });
    },
    async get(id) {
      const [row] = await db.select().from(qrSessions).where(live(id)).limit(1);
      return row ? toSession(row) : null;
    },
    async resolve(id, outcome) {
      const rows = await db
        .update(qrSessions)
        .set({ status: outcome.status, userId: outcome.status === "approved" ? outcome.userId : null })
        .where(and(live(id), eq(qrSessions.status, "pending")))
        .returning({ id: qrSessions.id });
      return rows.length === 1;
    },
    async claim(id, browserSecretHash) {
      const rows = await db
        .update(qrSessions)
        .set({ status: "claimed" })
        .where(and(live(id), eq(qrSessions.status, "approved"), eq(qrSessions.browserSecretHash, browserSecretHash)))
        .returning({ userId: qrSessions.userId });
      return rows[0]?.userId ?? null;
    },
  };
}
