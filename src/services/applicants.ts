import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { recordAudit } from "./audit";
import { newId } from "./crypto";
import { pidLookupHash, type PidKeys } from "./pid-crypto";
import type { ThaidIdentity } from "./thaid";

/**
 * The applicant account for a verified ThaiD identity, created on first sign-in.
 * Only the HMAC of the national ID is kept on the user; the name follows ThaiD.
 */
export async function upsertApplicant(
  db: Db,
  keys: PidKeys,
  identity: ThaidIdentity,
  now: Date,
  ip: string,
): Promise<{ id: string }> {
  const pidHmac = await pidLookupHash(keys, identity.pid);
  const displayName =
    [identity.givenName, identity.familyName].filter(Boolean).join(" ") || identity.name || "เจ้าของผลงาน";
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.pidHmac, pidHmac)).limit(1);
    if (existing) {
      await tx.update(users).set({ displayName }).where(eq(users.id, existing.id));
      return existing;
    }
    const id = newId();
    await tx.insert(users).values({ id, role: "applicant", displayName, pidHmac, createdAt: now });
    await recordAudit(tx, now, { actorId: id, action: "applicant.created", subjectType: "user", subjectId: id, ip });
    return { id };
  });
}
