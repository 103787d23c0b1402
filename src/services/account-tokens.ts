/**
 * @module
 * The single-use links mailed to a staff member (reset a password, confirm a new
 * e-mail). The link carries 256 random bits; the table keeps only their SHA-256,
 * so reading `account_tokens` opens nothing.
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { accountTokens, users, type AccountTokenPurpose } from "../db/schema";
import { looksLikeLinkToken } from "../domain/profile-forms";
import { randomToken, sha256Hex } from "./crypto";

/** A new link token: `token` goes in the mail, only `id` (its hash) is stored. */
export async function newLinkToken(): Promise<{ token: string; id: string }> {
  const token = randomToken(32);
  return { token, id: await sha256Hex(token) };
}

export interface LiveToken {
  id: string;
  userId: string;
  newEmail: string | null;
  expiresAt: Date;
  user: { displayName: string; username: string | null; email: string | null };
}

/**
 * The token behind a link if it can still be used: right purpose, unused,
 * unexpired, and its user is a staff account that is not disabled.
 */
export async function findLiveToken(db: DbOrTx, token: string, purpose: AccountTokenPurpose, now: Date): Promise<LiveToken | null> {
  if (!looksLikeLinkToken(token)) return null;
  const [row] = await db
    .select({
      id: accountTokens.id,
      userId: accountTokens.userId,
      newEmail: accountTokens.newEmail,
      expiresAt: accountTokens.expiresAt,
      user: { displayName: users.displayName, username: users.username, email: users.email },
    })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .where(
      and(
        eq(accountTokens.id, await sha256Hex(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Uses the token up, if it is still live: a conditional update, so of two
 * requests racing with the same link only one gets the user id back.
 */
export async function claimToken(tx: DbOrTx, token: string, purpose: AccountTokenPurpose, now: Date): Promise<LiveToken | null> {
  const live = await findLiveToken(tx, token, purpose, now);
  if (!live) return null;
  const [claimed] = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.id, live.id), isNull(accountTokens.usedAt)))
    .returning({ id: accountTokens.id });
  return claimed ? live : null;
}
