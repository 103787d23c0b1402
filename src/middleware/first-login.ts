import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { ForbiddenError } from "./errors";

/** The only places a user with temporary credentials may go. */
const ALLOWED = new Set(["/account/setup", "/account/setup/checklist", "/logout", "/healthz"]);

/**
 * Until a user with a temporary password has chosen their own username and
 * password, nothing else is reachable (seed section 1).
 */
export const forceFirstLoginSetup = createMiddleware<AppEnv>(async (c, next) => {
  const user = c.var.user;
  if (!user?.mustChangePassword || ALLOWED.has(c.req.path)) return next();
  if (c.req.method === "GET") return c.redirect("/account/setup", 303);
  throw new ForbiddenError();
});
