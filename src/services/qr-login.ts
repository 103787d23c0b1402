/**
 * @module
 * Cross-device ThaiD sign-in (RFC 8628-style, with RFC 10027's defences against
 * consent phishing): the desktop opens a QR session bound to its browser by a
 * cookie secret; the phone that scans it sees who asked and a match code, then
 * signs in with ThaiD; only the opening browser can claim the result, once.
 */
import { lt } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { qrSessions } from "../db/schema";
import type { QrSession, QrSessionStore } from "../platform/ports";
import { randomToken, sha256Hex } from "./crypto";
import { newOidcSecrets } from "./thaid";

export interface NewQrLogin {
  session: QrSession;
  /** Goes only into the opening browser's HttpOnly cookie. */
  browserSecret: string;
}

export async function openQrLogin(
  store: QrSessionStore,
  input: { now: Date; ttlSeconds: number; ip: string; userAgent: string; place: string | null; pkce: boolean },
): Promise<NewQrLogin> {
  const id = randomToken(16);
  const browserSecret = randomToken(32);
  const secrets = newOidcSecrets(input.pkce);
  const session: QrSession = {
    id,
    browserSecretHash: await sha256Hex(browserSecret),
    // The id inside the state lets the callback find the session; the random tail keeps it unguessable.
    state: `qr.${id}.${secrets.state}`,
    nonce: secrets.nonce,
    codeVerifier: secrets.codeVerifier,
    matchCode: matchCode(),
    requestedBy: { ip: input.ip, userAgent: input.userAgent.slice(0, 300), place: input.place },
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + input.ttlSeconds * 1000),
    status: "pending",
    userId: null,
  };
  await store.create(session);
  return { session, browserSecret };
}

/** Two digits, shown on both screens so the person can see they belong together. */
function matchCode(): string {
  const [n] = crypto.getRandomValues(new Uint32Array(1));
  return String(10 + (n! % 90));
}

/** The QR id a callback `state` names, or null for a same-device sign-in. */
export function qrIdFromState(state: string): string | null {
  const m = /^qr\.([A-Za-z0-9_-]{16,40})\.[A-Za-z0-9_-]+$/.exec(state);
  return m ? m[1]! : null;
}

export async function claimQrLogin(store: QrSessionStore, id: string, browserSecret: string | null): Promise<string | null> {
  if (!browserSecret) return null;
  return store.claim(id, await sha256Hex(browserSecret));
}

/** Deletes expired QR rows (Node host; on Workers the Durable Objects delete themselves). */
export async function sweepQrSessions(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(qrSessions).where(lt(qrSessions.expiresAt, now));
}
