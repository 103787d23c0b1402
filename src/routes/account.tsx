import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { newCredentialsForm, passwordChecklist } from "../domain/account-forms";
import { validateForm } from "../domain/forms";
import { ROLE_HOME } from "../domain/roles";
import { MESSAGES } from "../messages/th";
import { cookieNames, writeCookie } from "../middleware/cookies";
import { requireRole } from "../middleware/roles";
import { completeFirstLogin } from "../services/agencies";
import { startSession } from "../services/auth";
import { AccountSetupPage, PasswordChecklist } from "../views/pages/account-setup";
import { renderPage, seeOther } from "./render";
import { setSessionCookie } from "./session-cookie";
import { useCase } from "./use-case";

const staff = requireRole("agency", "university", "officer", "admin");

/** First sign-in with temporary credentials: choose your own username and password. */
export const accountRoutes = new Hono<AppEnv>()
  .get("/setup", staff, (c) => {
    if (!c.var.user!.mustChangePassword) return c.redirect(ROLE_HOME[c.var.user!.role], 303);
    return renderPage(c, { title: "ตั้งค่าบัญชีครั้งแรก" }, <AccountSetupPage csrfToken={c.var.csrfToken} checklist={passwordChecklist("")} />);
  })
  .post("/setup/checklist", staff, async (c) => {
    const body = await c.req.parseBody();
    const password = typeof body.password === "string" ? body.password : "";
    return c.html(await String(<PasswordChecklist items={passwordChecklist(password)} />));
  })
  .post("/setup", staff, async (c) => {
    const { deps } = c.var;
    const user = c.var.user!;
    if (!user.mustChangePassword) return seeOther(c, ROLE_HOME[user.role]);
    const body = await c.req.parseBody();
    const password = typeof body.password === "string" ? body.password : "";
    const form = validateForm(newCredentialsForm, body);
    const rerender = (errors: Record<string, string>) =>
      renderPage(
        c,
        { title: "ตั้งค่าบัญชีครั้งแรก", status: 422, hasErrors: true },
        <AccountSetupPage csrfToken={c.var.csrfToken} values={form.ok ? { username: form.data.username } : form.values} errors={errors} checklist={passwordChecklist(password)} />,
      );
    if (!form.ok) return rerender(form.errors);
    const ctx = useCase(c);
    const result = await completeFirstLogin(ctx, deps.pbkdf2, form.data);
    // Finished meanwhile (another tab): nothing left to set up.
    if (!result.ok && result.reason === "not_pending") return seeOther(c, ROLE_HOME[user.role]);
    if (!result.ok) return rerender({ username: MESSAGES.usernameTaken });
    // New credentials, new session (completeFirstLogin closed every old one).
    const session = await startSession(deps.db, deps.clock.now(), {
      userId: user.id,
      previousToken: null,
      ip: deps.clientIp(c),
      userAgent: c.req.header("user-agent") ?? null,
      method: "password",
    });
    setSessionCookie(c, session.token);
    writeCookie(c, cookieNames(deps.config.secureCookies).flash, "account_ready", deps.config.secureCookies, 60);
    return seeOther(c, ROLE_HOME[user.role]);
  });
