import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { loginForm, safeNextPath } from "../domain/auth-forms";
import { validateForm } from "../domain/forms";
import { ROLE_HOME } from "../domain/roles";
import { loginWithPassword, logout } from "../services/auth";
import { MESSAGES } from "../messages/th";
import { LoginPage } from "../views/pages/login";
import { clearCookie, cookieNames } from "../middleware/cookies";
import { renderPage, seeOther } from "./render";
import { setFlash, setSessionCookie } from "./session-cookie";
import { setRetryAfter } from "./too-many-requests";
import { useCase } from "./use-case";

export const authRoutes = new Hono<AppEnv>()
  .get("/login", async (c) => {
    const next = safeNextPath(c.req.query("next"));
    if (c.var.user) return c.redirect(next ?? ROLE_HOME[c.var.user.role], 303);
    return renderPage(c, { title: "เข้าสู่ระบบ" }, <LoginPage csrfToken={c.var.csrfToken} next={next} thaid={!!c.var.deps.config.thaid} />);
  })
  .post("/login", async (c) => {
    const { deps } = c.var;
    const body = await c.req.parseBody();
    const form = validateForm(loginForm, body);
    const next = safeNextPath(typeof body.next === "string" ? body.next : null);
    if (!form.ok) {
      return renderPage(
        c,
        { title: "เข้าสู่ระบบ", status: 422, hasErrors: true },
        <LoginPage csrfToken={c.var.csrfToken} values={form.values} errors={form.errors} next={next} thaid={!!deps.config.thaid} />,
      );
    }
    const result = await loginWithPassword(
      { db: deps.db, kdf: deps.kdf, now: deps.clock.now() },
      {
        username: form.data.username,
        password: form.data.password,
        ip: deps.clientIp(c),
        userAgent: c.req.header("user-agent") ?? null,
        previousToken: c.var.sessionToken,
      },
    );
    if (!result.ok) {
      const limited = result.reason === "rate_limited";
      if (result.reason === "rate_limited") setRetryAfter(c, result.retryAfterMs);
      const message =
        result.reason === "rate_limited"
          ? MESSAGES.loginRateLimited(result.retryAfterMs)
          : result.reason === "expired_temporary"
            ? MESSAGES.temporaryPasswordExpired
            : MESSAGES.loginInvalid;
      return renderPage(
        c,
        { title: "เข้าสู่ระบบ", status: limited ? 429 : 401, hasErrors: true },
        <LoginPage
          csrfToken={c.var.csrfToken}
          values={{ username: form.data.username }}
          errors={{ _form: message }}
          next={next}
          thaid={!!deps.config.thaid}
        />,
      );
    }
    setSessionCookie(c, result.token);
    if (result.user.mustChangePassword) return seeOther(c, "/account/setup");
    return seeOther(c, next ?? ROLE_HOME[result.user.role]);
  })
  .post("/logout", async (c) => {
    const { deps } = c.var;
    const names = cookieNames(deps.config.secureCookies);
    if (c.var.sessionToken) await logout(useCase(c), c.var.sessionToken);
    clearCookie(c, names.session, deps.config.secureCookies);
    setFlash(c, "logged_out");
    return seeOther(c, "/");
  });
