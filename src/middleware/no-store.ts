import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { cookieNames } from "./cookies";
import { setFinishedHeader } from "./finished-header";

/**
 * `Cache-Control: no-store` on every answer to a signed-in user, and on the
 * answers that sign someone in or out (they set or clear the session cookie), so
 * that Back after sign-out cannot show an applicant's request from the browser's
 * cache. Anonymous public pages keep the browser's normal caching; static assets
 * are served before the app and never reach this. A route's own stricter value
 * (a download's `private, no-store`) is kept. Registered after the session
 * middleware, which sets `c.var.user`.
 */
export const noStoreForSignedIn = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const session = cookieNames(c.var.deps.config.secureCookies).session;
  const signsInOrOut = c.res.headers.get("set-cookie")?.includes(`${session}=`) ?? false;
  if ((c.var.user || signsInOrOut) && !/\bno-store\b/.test(c.res.headers.get("cache-control") ?? "")) {
    setFinishedHeader(c, "Cache-Control", "no-store");
  }
});
