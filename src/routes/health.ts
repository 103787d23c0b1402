import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { databaseReachable } from "../services/health";

/** Liveness and database reachability, for load balancers and uptime checks. */
export const healthRoutes = new Hono<AppEnv>().get("/healthz", async (c) => {
  c.header("Cache-Control", "no-store");
  return (await databaseReachable(c.var.deps.db)) ? c.json({ ok: true, db: "ok" }) : c.json({ ok: false, db: "error" }, 503);
});
