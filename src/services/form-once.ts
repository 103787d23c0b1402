/**
 * @module
 * One-time form tokens: a form that creates something carries a fresh random token
 * (`_once`, rendered by `<OnceField />`, read by `formToken(body)` of
 * domain/form-token.ts), and the create use case claims it in the same
 * transaction as the insert. The first post records the use case's result
 * beside the token; a second post of the same rendered form (a double click, a
 * resend after a slow answer, two tabs) gets that result back instead of creating
 * again, so the route answers exactly as it did the first time.
 *
 * A post without a token (an old page, no field at all) is accepted and simply not
 * deduplicated: refusing it would break forms already open in a browser, and the
 * token only protects the user from themselves — CSRF is checked elsewhere.
 *
 * @example
 * const claim = await claimFormToken<{ id: string }>(tx, ctx, "agency.create", once);
 * if (claim.replay) return { ok: true, ...claim.result };
 * await tx.insert(agencies).values({ id, ... });
 * await claim.settle({ id });
 */
import { and, eq, lt } from "drizzle-orm";
import type { DbOrTx, Tx } from "../db/client";
import { formSubmissions } from "../db/schema";
import type { UseCaseContext } from "./context";
import { sha256Hex } from "./crypto";

/**
 * How long a token is remembered: longer than a session lives (12 hours), after
 * which the form's CSRF token is dead anyway and the page cannot be posted again.
 */
export const FORM_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export type FormClaim<T> =
  /** The same user already posted this token to this use case, which succeeded with `result`. */
  | { replay: true; result: T }
  /** First time (or no token): go on, and `settle` the result before the transaction ends. */
  | { replay: false; settle(result: T): Promise<void> };

const NOTHING_TO_SETTLE = { replay: false, settle: async () => {} } as const;

/**
 * Claims `token` for `form` (the use case's name) inside `tx`, the create's own
 * transaction: the claim and the create commit or roll back together, and writers
 * are serialized, so of two identical concurrent posts the second sees the first's
 * result. `T` must survive JSON. A token stays unsettled if the use case returned a
 * refusal without throwing; it may then be claimed again.
 */
export async function claimFormToken<T>(tx: Tx, ctx: UseCaseContext, form: string, token: string | null | undefined): Promise<FormClaim<T>> {
  const userId = ctx.actor.user?.id;
  if (!token || !userId) return NOTHING_TO_SETTLE;
  const now = ctx.clock.now();
  const tokenHash = await sha256Hex(token);
  const key = and(eq(formSubmissions.userId, userId), eq(formSubmissions.form, form), eq(formSubmissions.tokenHash, tokenHash))!;
  const claimed = await tx
    .insert(formSubmissions)
    .values({ userId, form, tokenHash, result: null, createdAt: now })
    .onConflictDoNothing()
    .returning({ form: formSubmissions.form });
  if (claimed.length === 0) {
    const [seen] = await tx.select({ result: formSubmissions.result, createdAt: formSubmissions.createdAt }).from(formSubmissions).where(key).limit(1);
    if (seen?.result != null && now.getTime() - seen.createdAt.getTime() < FORM_TOKEN_TTL_MS) {
      return { replay: true, result: JSON.parse(seen.result) as T };
    }
    // Unsettled (the use case refused) or past its time and not yet swept: claim it afresh.
    await tx.update(formSubmissions).set({ result: null, createdAt: now }).where(key);
  }
  return {
    replay: false,
    settle: async (result) => {
      await tx.update(formSubmissions).set({ result: JSON.stringify(result) }).where(key);
    },
  };
}

/** Forgets tokens older than their time (the scheduler's sweep). */
export async function sweepFormTokens(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(formSubmissions).where(lt(formSubmissions.createdAt, new Date(now.getTime() - FORM_TOKEN_TTL_MS)));
}
