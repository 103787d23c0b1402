import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import type { Role } from "../domain/roles";
import { ForbiddenError } from "./errors";

/**
 * Admits only the listed roles. Anonymous users are sent to sign in and brought
 * back; a signed-in user with another role gets 403.
 */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.var.user;
    if (!user) {
      if (c.req.method === "GET") {
        const url = new URL(c.req.url);
        return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
      }
      throw new ForbiddenError();
    }
    if (!roles.includes(user.role)) throw new ForbiddenError();
    return next();
  });
}
