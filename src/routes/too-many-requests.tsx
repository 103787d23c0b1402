/**
 * @module
 * The one way a rate limit answers: 429, a `Retry-After` header, and a Thai page
 * that says how long to wait.
 */
import type { AppContext } from "../app-env";
import { MESSAGES } from "../messages/th";
import { ErrorPage, errorTitle } from "../views/pages/errors";
import { renderPage } from "./render";

/** Sets `Retry-After` (whole seconds, at least 1) for a wait of `waitMs`. */
export function setRetryAfter(c: AppContext, waitMs: number): void {
  c.header("Retry-After", String(Math.max(1, Math.ceil(waitMs / 1000))));
}

/**
 * @example
 * const r = await hitRateLimit(db, key, rule, now);
 * if (!r.allowed) return tooManyRequests(c, r.retryAfterMs);
 */
export function tooManyRequests(c: AppContext, waitMs: number): Promise<Response> {
  setRetryAfter(c, waitMs);
  return renderPage(c, { title: errorTitle(429), status: 429 }, <ErrorPage kind={429} detail={MESSAGES.retryIn(waitMs)} />);
}
