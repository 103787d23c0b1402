/**
 * @module
 * Forms posted after the session expired are parked, not lost. The CSRF check
 * would refuse them (the token died with the session); instead their text
 * fields are kept for two hours under a random token held in a cookie, bound to
 * the user whose session it was, and given back once, on the form's page, to
 * that same user after they sign in again. Anyone else signing in on that
 * browser gets nothing and the row is discarded.
 *
 * Never kept: files (only url-encoded posts are parked), the CSRF and one-time
 * form tokens, and anything that looks like a password, PIN, OTP or national ID.
 * The values are untrusted input: pages escape them and saving validates them as usual.
 *
 * Pages that put parked values back: onboarding step pages with a form (steps 1,
 * 2, 5), the three step-4 parts, and the university's request form (new and edit).
 */
import { eq, lt } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { parkedForms } from "../db/schema";
import { randomToken, sha256Hex } from "./crypto";

export const PARKED_FORM_MS = 2 * 3600_000;

export type ParkedFields = Record<string, string | string[]>;

/** Names never parked: secrets and national IDs (stored encrypted elsewhere, not in plain JSON here). */
const NEVER_PARKED = /^_csrf$|^_once$|pass|pin$|otp|secret|token|pid|nationalid/i;

/** The text fields of a parsed form body worth keeping. */
export function parkableFields(body: Record<string, string | File | (string | File)[]>): ParkedFields {
  const out: ParkedFields = {};
  for (const [name, value] of Object.entries(body)) {
    if (NEVER_PARKED.test(name)) continue;
    const strings = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
    if (strings.length === 0) continue;
    out[name] = Array.isArray(value) ? strings : strings[0]!;
  }
  return out;
}

/** Keeps `fields` for `userId`'s return to `pagePath`; the token goes in the browser's cookie. */
export async function parkForm(db: DbOrTx, now: Date, input: { userId: string; pagePath: string; fields: ParkedFields }): Promise<string> {
  const token = randomToken(20);
  await db.insert(parkedForms).values({
    id: await sha256Hex(token),
    userId: input.userId,
    pagePath: input.pagePath,
    fields: input.fields,
    createdAt: now,
    expiresAt: new Date(now.getTime() + PARKED_FORM_MS),
  });
  return token;
}

export type ParkedClaim = { kind: "restore"; fields: ParkedFields } | { kind: "discarded" } | { kind: "elsewhere" };

/**
 * On a signed-in GET: the parked fields if they are `userId`'s and this is their page
 * (the row is deleted: once only); "discarded" (row deleted) if they are someone
 * else's, expired or gone; "elsewhere" if they wait for another page.
 */
export async function claimParkedForm(db: DbOrTx, now: Date, token: string, userId: string, path: string): Promise<ParkedClaim> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return { kind: "discarded" };
  const id = await sha256Hex(token);
  const [row] = await db.select().from(parkedForms).where(eq(parkedForms.id, id)).limit(1);
  if (!row || row.userId !== userId || row.expiresAt.getTime() <= now.getTime()) {
    if (row) await db.delete(parkedForms).where(eq(parkedForms.id, id));
    return { kind: "discarded" };
  }
  if (row.pagePath !== path) return { kind: "elsewhere" };
  // Deleted with a condition on the id, so two tabs cannot both restore it.
  const gone = await db.delete(parkedForms).where(eq(parkedForms.id, id)).returning({ id: parkedForms.id });
  return gone.length ? { kind: "restore", fields: row.fields } : { kind: "discarded" };
}

/** Removes parked forms past their end; run by the scheduler. */
export async function sweepParkedForms(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(parkedForms).where(lt(parkedForms.expiresAt, now));
}

/**
 * The page a form lives on, from the URL it posted to: autosaves post to `…/draft`,
 * the university's new request posts to the list; everything else posts to its page.
 */
export function formPageOf(postPath: string): string {
  if (postPath === "/university/requests" || postPath === "/university/requests/new/draft") return "/university/requests/new";
  const draft = /^(\/university\/requests\/[^/]+)(?:\/draft)?$/.exec(postPath);
  if (draft) return `${draft[1]}/edit`;
  if (postPath.endsWith("/draft")) return postPath.slice(0, -"/draft".length);
  return postPath;
}

