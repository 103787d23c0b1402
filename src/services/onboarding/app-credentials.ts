/**
 * @module
 * Pre-production App Id and Consumer Key (step 5). The key is random, shown in
 * full exactly once (to the agency, on an explicit request), and stored only as
 * a SHA-256 hash with its last four characters for recognition. When either
 * side may act on them is declared in the workflow (`credentials` of step 5).
 */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { appCredentials } from "../../db/schema";
import { recordAudit } from "../audit";
import { actorId, type UseCaseContext } from "../context";
import { randomToken, sha256Hex } from "../crypto";
import { openForWrite, type Refused } from "./service";

const CREDENTIALS_STEP = 5;

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
 * Issues the key if none is outstanding and returns it in full; `shown` when a
 * key was already shown (it cannot be shown again, only reset by an officer).
 */
export async function revealCredentials(ctx: UseCaseContext, serviceId: string): Promise<{ ok: true; appId: string; consumerKey: string } | Refused | { ok: false; reason: "shown" }> {
  const now = ctx.clock.now();
  const consumerKey = `ck_${randomToken(32)}`;
  const keyHash = await sha256Hex(consumerKey);
  return ctx.db.transaction(async (tx) => {
    const open = await openForWrite(tx, ctx, serviceId, CREDENTIALS_STEP, "credentials");
    if (!open.ok) return open;
    const [row] = await tx.select().from(appCredentials).where(eq(appCredentials.eserviceId, serviceId)).limit(1);
    if (row?.keyHash) return { ok: false, reason: "shown" } as const;
    const appId = row?.appId ?? `app_${randomToken(12)}`;
    await tx
      .insert(appCredentials)
      .values({ eserviceId: serviceId, appId, keyHash, keyHint: consumerKey.slice(-4), issuedAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: appCredentials.eserviceId, set: { keyHash, keyHint: consumerKey.slice(-4), issuedAt: now, updatedAt: now } });
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "credentials.issued", subjectType: "eservice", subjectId: serviceId, data: { appId }, ip: ctx.actor.ip });
    return { ok: true, appId, consumerKey } as const;
  });
}

/** Officer: forget the key, so the agency's next request issues a new one. */
export async function resetConsumerKey(ctx: UseCaseContext, serviceId: string): Promise<{ ok: true } | Refused> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const open = await openForWrite(tx, ctx, serviceId, CREDENTIALS_STEP, "credentials");
    if (!open.ok) return open;
    await tx.update(appCredentials).set({ keyHash: null, keyHint: null, issuedAt: null, updatedAt: now }).where(eq(appCredentials.eserviceId, serviceId));
    await recordAudit(tx, now, { actorId: actorId(ctx), action: "credentials.reset", subjectType: "eservice", subjectId: serviceId, ip: ctx.actor.ip });
    return { ok: true } as const;
  });
}
