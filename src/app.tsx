/**
 * @module
 * The one Hono app both hosts serve. Everything host-specific arrives in `deps`.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { AppContext, AppDeps, AppEnv } from "./app-env";
import { csrfToken, originCheck } from "./middleware/csrf";
import { CsrfError } from "./middleware/errors";
import { answerDatabaseBusy } from "./middleware/busy";
import { isBusyError } from "./db/busy";
import { forceFirstLoginSetup } from "./middleware/first-login";
import { noStoreForSignedIn } from "./middleware/no-store";
import { securityHeaders } from "./middleware/security-headers";
import { multipartBodyLimit } from "./middleware/uploads";
import { sessionMiddleware } from "./middleware/session";
import { parkExpiredSessionForm, restoreParkedForm } from "./middleware/parked-forms";
import { accountRoutes } from "./routes/account";
import { passwordResetRoutes } from "./routes/password-reset";
import { adminRoutes } from "./routes/admin";
import { adminMailRoutes } from "./routes/admin-mail";
import { staffRoutes } from "./routes/staff";
import { universityAdminRoutes } from "./routes/universities";
import { auditRoutes } from "./routes/audit";
import { officerAgencyRoutes } from "./routes/agencies";
import { agencyRoutes } from "./routes/agency";
import { onboardingRoutes } from "./routes/onboarding";
import { authRoutes } from "./routes/auth";
import { devRoutes } from "./routes/dev";
import { healthRoutes } from "./routes/health";
import { helpRoutes } from "./routes/help";
import { homeRoutes } from "./routes/home";
import { renderPage } from "./routes/render";
import { officerRoutes } from "./routes/officer";
import { academicOverviewRoutes, processingTimesRoutes } from "./routes/insight-academic";
import { officerOnboardingRoutes } from "./routes/officer-onboarding";
import { requestRoutes } from "./routes/requests";
import { universityRoutes } from "./routes/university";
import { thaidRoutes } from "./routes/thaid";
import { sessionRoutes } from "./routes/session";
import { setFinishedHeader } from "./middleware/finished-header";
import { MESSAGES } from "./messages/th";
import { ErrorPage, errorTitle, type ErrorKind } from "./views/pages/errors";

export type { AppDeps } from "./app-env";

const SECRET_URL_PREFIXES = ["/track/", "/q/", "/reset-password/", "/account/email/"];

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  // Tracking links, QR pages and mailed account links carry secrets in their URLs: never leak them in a Referer.
  // Registered first so it runs last, after secureHeaders has set its default.
  app.use("*", async (c, next) => {
    await next();
    if (SECRET_URL_PREFIXES.some((p) => c.req.path.startsWith(p))) setFinishedHeader(c, "Referrer-Policy", "no-referrer");
  });
  app.use("*", securityHeaders(deps.config.secureCookies));
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.route("/", healthRoutes);
  // No body is buffered without a bound: forms get 256 KB, uploads their route's own limit (checked before the CSRF check reads them).
  app.use("*", async (c, next) => {
    // Nothing reads a GET's body; checking it would make the Node adapter build a full Request.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const tooLarge = (c: AppContext) => renderPage(c, { title: "ข้อมูลใหญ่เกินไป", status: 413 }, <ErrorPage kind={400} detail="ข้อมูลที่ส่งมีขนาดใหญ่เกินกำหนด" />);
    if ((c.req.header("content-type") ?? "").startsWith("multipart/form-data")) return multipartBodyLimit(tooLarge)(c, next);
    return bodyLimit({ maxSize: 256 * 1024, onError: (c) => tooLarge(c as AppContext) })(c, next);
  });
  app.use("*", originCheck(deps.config));
  app.use("*", sessionMiddleware);
  app.use("*", noStoreForSignedIn);
  app.use("*", parkExpiredSessionForm);
  app.use("*", csrfToken);
  app.use("*", restoreParkedForm);
  app.use("*", forceFirstLoginSetup);

  app.route("/", homeRoutes);
  app.route("/help", helpRoutes);
  app.route("/", processingTimesRoutes);
  app.route("/", authRoutes);
  app.route("/", passwordResetRoutes);
  app.route("/", thaidRoutes);
  app.route("/", sessionRoutes);
  app.route("/", requestRoutes);
  app.route("/university", universityRoutes);
  app.route("/officer/agencies", officerAgencyRoutes);
  app.route("/officer", academicOverviewRoutes);
  app.route("/officer", officerOnboardingRoutes);
  app.route("/officer", officerRoutes);
  app.route("/admin/mail", adminMailRoutes);
  app.route("/admin/universities", universityAdminRoutes);
  app.route("/admin", adminRoutes);
  app.route("/staff", staffRoutes);
  app.route("/audit", auditRoutes);
  app.route("/account", accountRoutes);
  app.route("/agency", agencyRoutes);
  app.route("/eservices", onboardingRoutes);
  app.route("/dev", devRoutes);

  app.notFound((c) => renderPage(c, { title: errorTitle(404), status: 404 }, <ErrorPage kind={404} />));

  app.onError((err, c) => {
    // Still busy past the retry deadline: 503, and whatever was typed comes back.
    if (isBusyError(err)) {
      console.warn(`database busy: ${c.req.method} ${c.req.path} answered 503`);
      return answerDatabaseBusy(c, (req, env) => app.fetch(req, env as never));
    }
    if (err instanceof HTTPException && err.status < 500) {
      if (err.status === 403) {
        const detail = err instanceof CsrfError ? MESSAGES.csrf : MESSAGES.forbidden;
        return renderPage(c, { title: errorTitle(403), status: 403 }, <ErrorPage kind={403} detail={detail} />);
      }
      if (err.status === 415) {
        return renderPage(c, { title: errorTitle(400), status: 415 }, <ErrorPage kind={400} detail="กรุณาแนบไฟล์ผ่านแบบฟอร์มอัปโหลด" />);
      }
      const kind: ErrorKind = err.status === 404 ? 404 : err.status === 429 ? 429 : 400;
      return renderPage(c, { title: errorTitle(kind), status: kind }, <ErrorPage kind={kind} />);
    }
    console.error(err);
    return renderPage(c, { title: errorTitle(500), status: 500 }, <ErrorPage kind={500} />);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
