/**
 * @module
 * The keep-alive of the session timeout warning (static/js/session-timeout.js):
 * "stay signed in" posts here with the CSRF header and the idle clock restarts.
 */
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { ForbiddenError } from "../middleware/errors";
import { sha256Hex } from "../services/crypto";
import { touchSession } from "../services/session";

export const sessionRoutes = new Hono<AppEnv>().post("/session/keepalive", async (c) => {
  const token = c.var.sessionToken;
  // Already signed out: the page's script then says so instead of pretending.
  if (!c.var.user || !token) throw new ForbiddenError();
  await touchSession(c.var.deps.db, await sha256Hex(token), c.var.deps.clock.now());
  c.header("Cache-Control", "no-store");
  return c.body(null, 204);
});
