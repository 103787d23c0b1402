import { sql } from "drizzle-orm";
import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** Liveness and database reachability, for load balancers and uptime checks. */
export const healthRoutes = new Hono<AppEnv>().get("/healthz", async (c) => {
  c.header("Cache-Control", "no-store");
  try {
    await c.var.deps.db.run(sql`select 1`);
    return c.json({ ok: true, db: "ok" });
  } catch {
    return c.json({ ok: false, db: "error" }, 503);
  }
});
