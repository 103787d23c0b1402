/**
 * @module
 * The session timeout warning's two requests (static/js/session-timeout.js):
 * "stay signed in" posts the keep-alive and the idle clock restarts; when the
 * countdown runs out the page posts what is typed in its unsaved form to the
 * timeout, which parks it (services/parked-forms.ts) and signs out, and the page
 * goes to "signed out", whose sign-in link leads back to the form, filled again.
 */
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { safeNextPath } from "../domain/auth-forms";
import { ROLE_HOME } from "../domain/roles";
import { clearCookie, cookieNames, readCookie } from "../middleware/cookies";
import { ForbiddenError } from "../middleware/errors";
import { parkFieldsFor } from "../middleware/parked-forms";
import { logout } from "../services/auth";
import { sha256Hex } from "../services/crypto";
import { parkableFields } from "../services/parked-forms";
import { touchSession } from "../services/session";
import { SignedOutPage } from "../views/pages/session-expired";
import { renderPage, seeOther } from "./render";
import { useCase } from "./use-case";

export const sessionRoutes = new Hono<AppEnv>()
  .post("/session/keepalive", async (c) => {
    const token = c.var.sessionToken;
    // Already signed out: the page's script then says so instead of pretending.
    if (!c.var.user || !token) throw new ForbiddenError();
    await touchSession(c.var.deps.db, await sha256Hex(token), c.var.deps.clock.now());
    c.header("Cache-Control", "no-store");
    return c.body(null, 204);
  })
  // A session the server already ended never gets here with typed fields: parkExpiredSessionForm
  // parked them. Here it is still live (the page's clock ran out first, or another tab kept it up).
  .post("/session/timeout", async (c) => {
    const { user, sessionToken } = c.var;
    if (user && sessionToken) {
      const fields = parkableFields(await c.req.parseBody({ all: true }));
      if (Object.keys(fields).length) await parkFieldsFor(c, user.id, fields);
      await logout(useCase(c), sessionToken, "idle");
      clearCookie(c, cookieNames(c.var.deps.config.secureCookies).session, c.var.deps.config.secureCookies);
    }
    c.header("Cache-Control", "no-store");
    return c.body(null, 204);
  })
  .get("/signed-out", async (c) => {
    const next = safeNextPath(c.req.query("next"));
    if (c.var.user) return seeOther(c, next ?? ROLE_HOME[c.var.user.role]);
    const parked = !!readCookie(c, cookieNames(c.var.deps.config.secureCookies).parked);
    // The flash the session middleware left for an expired session says the same as this page.
    c.set("flash", null);
    return renderPage(c, { title: "ออกจากระบบแล้ว" }, <SignedOutPage loginHref={next ? `/login?next=${encodeURIComponent(next)}` : "/login"} parked={parked} />);
  });
