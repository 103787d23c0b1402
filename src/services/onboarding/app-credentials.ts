/**
 * @module
 * Pre-production App Id and Consumer Key (step 5). The key is random, shown in
 * full exactly once (to the agency, on an explicit request), and stored only as
 * a SHA-256 hash with its last four characters for recognition.
 */
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { appCredentials } from "../db/schema";
import { recordAudit } from "./audit";
import { randomToken, sha256Hex } from "./crypto";

export interface CredentialView {
  appId: string | null;
  keyHint: string | null;
  issuedAt: Date | null;
}

export async function getCredentials(db: DbOrTx, serviceId: string): Promise<CredentialView> {
  const [row] = await db.select().from(appCredentials).where(eq(appCredentials.eserviceId, serviceId)).limit(1);
  return { appId: row?.appId ?? null, keyHint: row?.keyHash ? row.keyHint : null, issuedAt: row?.keyHash ? row.issuedAt : null };
}

/**
 * Issues the key if none is outstanding and returns it in full; null when a key
 * was already shown (it cannot be shown again, only reset by an officer).
 */
export async function revealCredentials(db: Db, now: Date, actor: { id: string; ip: string }, serviceId: string): Promise<{ appId: string; consumerKey: string } | null> {
  const consumerKey = `ck_${randomToken(32)}`;
  const keyHash = await sha256Hex(consumerKey);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(appCredentials).where(eq(appCredentials.eserviceId, serviceId)).limit(1);
    if (row?.keyHash) return null;
    const appId = row?.appId ?? `app_${randomToken(12)}`;
    await tx
      .insert(appCredentials)
      .values({ eserviceId: serviceId, appId, keyHash, keyHint: consumerKey.slice(-4), issuedAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: appCredentials.eserviceId, set: { keyHash, keyHint: consumerKey.slice(-4), issuedAt: now, updatedAt: now } });
    await recordAudit(tx, now, { actorId: actor.id, action: "credentials.issued", subjectType: "eservice", subjectId: serviceId, data: { appId }, ip: actor.ip });
    return { appId, consumerKey };
  });
}

/** Officer: forget the key, so the agency's next request issues a new one. */
export async function resetConsumerKey(db: Db, now: Date, actor: { id: string; ip: string }, serviceId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(appCredentials).set({ keyHash: null, keyHint: null, issuedAt: null, updatedAt: now }).where(eq(appCredentials.eserviceId, serviceId));
    await recordAudit(tx, now, { actorId: actor.id, action: "credentials.reset", subjectType: "eservice", subjectId: serviceId, ip: actor.ip });
  });
}
