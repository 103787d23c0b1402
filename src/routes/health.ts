import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { databaseReachable, mailHealth, type MailHealth } from "../services/health";

/**
 * Liveness and database reachability for load balancers (`/healthz`: its status is the
 * database's alone, a mail problem must not take the app out of rotation), and the
 * outbox for uptime monitors (`/healthz/mail`). Counts only: no recipient, no subject.
 */
export const healthRoutes = new Hono<AppEnv>()
  .get("/healthz", async (c) => {
    c.header("Cache-Control", "no-store");
    const { db, clock } = c.var.deps;
    if (!(await databaseReachable(db))) return c.json({ ok: false, db: "error" }, 503);
    let mail: MailHealth | null = null;
    try {
      mail = await mailHealth(db, clock.now());
    } catch {
      // The database answered a moment ago; a failing outbox query is for /healthz/mail to report.
    }
    return c.json({ ok: true, db: "ok", mail });
  })
  .get("/healthz/mail", async (c) => {
    c.header("Cache-Control", "no-store");
    const { db, clock } = c.var.deps;
    let mail: MailHealth;
    try {
      mail = await mailHealth(db, clock.now());
    } catch {
      return c.json({ ok: false, db: "error" }, 503);
    }
    const ok = mail.failed === 0 && !mail.stuck;
    return c.json({ ok, ...mail }, ok ? 200 : 503);
  });
