import { Hono } from "hono";
import type { AppContext, AppEnv } from "../app-env";
import { newCredentialsForm, passwordChecklist } from "../domain/account-forms";
import { stringValues, validateForm } from "../domain/forms";
import { changePasswordForm, profileForm } from "../domain/profile-forms";
import { ROLE_HOME, ROLE_LABEL } from "../domain/roles";
import { MESSAGES } from "../messages/th";
import { NotFoundError } from "../middleware/errors";
import { requireRole } from "../middleware/roles";
import { changePassword, confirmEmailChange, findEmailChangeLink, getProfile, updateProfile } from "../services/account";
import { completeFirstLogin } from "../services/agencies";
import { startSession } from "../services/auth";
import { ConfirmEmailPage } from "../views/pages/account-email";
import { ChangePasswordPage } from "../views/pages/account-password";
import { AccountPage } from "../views/pages/account-profile";
import { PasswordChecklist } from "../views/components/new-password-field";
import { AccountSetupPage } from "../views/pages/account-setup";
import { linkInvalid, noStore } from "./link-invalid";
import { renderPage, seeOther } from "./render";
import { setFlash, setSessionCookie } from "./session-cookie";
import { setRetryAfter } from "./too-many-requests";
import { useCase } from "./use-case";

const staff = requireRole("agency", "university", "officer", "admin");

const TITLE_ACCOUNT = "บัญชีของฉัน";
const TITLE_PASSWORD = "เปลี่ยนรหัสผ่าน";
const TITLE_EMAIL = "ยืนยันอีเมลใหม่";


/** "บัญชีของฉัน" with `values` in the form (the saved profile, or what was just typed). */
async function accountPage(c: AppContext, opts: { values?: Record<string, string>; errors?: Record<string, string>; status?: 422 | 429 }) {
  const user = c.var.user!;
  const profile = await getProfile(c.var.deps.db, user.id, c.var.deps.clock.now());
  if (!profile) throw new NotFoundError();
  const values = opts.values ?? { displayName: profile.displayName, phone: profile.phone ?? "", email: profile.email ?? "" };
  return renderPage(
    c,
    { title: TITLE_ACCOUNT, status: opts.status, hasErrors: !!opts.errors },
    <AccountPage
      csrfToken={c.var.csrfToken}
      username={profile.username}
      roleLabel={ROLE_LABEL[user.role]}
      currentEmail={profile.email}
      pendingEmail={profile.pendingEmail}
      values={values}
      errors={opts.errors}
    />,
  );
}

const ASK_AGAIN = { href: "/account", label: "ไปที่บัญชีของฉันเพื่อขอลิงก์ยืนยันใหม่" };

export const accountRoutes = new Hono<AppEnv>()
  .get("/", staff, (c) => accountPage(c, {}))
  .post("/", staff, async (c) => {
    const body = await c.req.parseBody();
    const form = validateForm(profileForm, body);
    if (!form.ok) return accountPage(c, { values: form.values, errors: form.errors, status: 422 });
    const result = await updateProfile(useCase(c), c.var.deps.kdf, form.data);
    // Refused as a whole: what was typed stays in the form (the password never does).
    const refuse = (errors: Record<string, string>, status: 422 | 429 = 422) => accountPage(c, { values: stringValues(body), errors, status });
    if (!result.ok && result.reason === "rate_limited") {
      setRetryAfter(c, result.retryAfterMs);
      return refuse({ email: MESSAGES.tooManyEmailChanges(result.retryAfterMs) }, 429);
    }
    if (!result.ok && result.reason === "password_limited") {
      setRetryAfter(c, result.retryAfterMs);
      return refuse({ currentPassword: MESSAGES.tooManyPasswordAttempts(result.retryAfterMs) }, 429);
    }
    if (!result.ok && result.reason === "password_missing") return refuse({ currentPassword: MESSAGES.currentPasswordForEmail });
    if (!result.ok && result.reason === "wrong_current") return refuse({ currentPassword: MESSAGES.wrongCurrentPassword });
    if (!result.ok) throw new NotFoundError();
    setFlash(c, result.emailChangeSentTo ? "email_change_sent" : "profile_saved");
    return seeOther(c, "/account");
  })
  .get("/password", staff, (c) =>
    renderPage(c, { title: TITLE_PASSWORD }, <ChangePasswordPage csrfToken={c.var.csrfToken} checklist={passwordChecklist("")} />),
  )
  .post("/password", staff, async (c) => {
    const { deps } = c.var;
    const body = await c.req.parseBody();
    const password = typeof body.password === "string" ? body.password : "";
    const form = validateForm(changePasswordForm, body);
    const rerender = (errors: Record<string, string>, status: 422 | 429 = 422) =>
      renderPage(
        c,
        { title: TITLE_PASSWORD, status, hasErrors: true },
        <ChangePasswordPage csrfToken={c.var.csrfToken} errors={errors} checklist={passwordChecklist(password)} />,
      );
    if (!form.ok) return rerender(form.errors);
    const result = await changePassword(useCase(c), deps.kdf, {
      currentPassword: form.data.currentPassword,
      newPassword: form.data.password,
      userAgent: c.req.header("user-agent") ?? null,
    });
    if (!result.ok && result.reason === "rate_limited") {
      setRetryAfter(c, result.retryAfterMs);
      return rerender({ currentPassword: MESSAGES.tooManyPasswordAttempts(result.retryAfterMs) }, 429);
    }
    if (!result.ok && result.reason === "wrong_current") return rerender({ currentPassword: MESSAGES.wrongCurrentPassword });
    if (!result.ok) throw new NotFoundError();
    // Every session of the user ended in the change; this browser continues in the new one.
    setSessionCookie(c, result.session.token);
    setFlash(c, "password_changed");
    return seeOther(c, "/account");
  })
  // The mailed link is the proof, so these work signed in or not; the token names the account.
  .get("/email/:token", async (c) => {
    const token = c.req.param("token");
    const link = await findEmailChangeLink(useCase(c), token);
    if (!link?.newEmail) return linkInvalid(c, ASK_AGAIN);
    noStore(c);
    return renderPage(
      c,
      { title: TITLE_EMAIL },
      <ConfirmEmailPage csrfToken={c.var.csrfToken} action={`/account/email/${token}`} username={link.user.username} newEmail={link.newEmail} />,
    );
  })
  .post("/email/:token", async (c) => {
    const result = await confirmEmailChange(useCase(c), c.req.param("token"));
    if (!result.ok) return linkInvalid(c, ASK_AGAIN);
    setFlash(c, "email_changed");
    const user = c.var.user;
    return seeOther(c, !user ? "/login" : user.id === result.userId ? "/account" : ROLE_HOME[user.role]);
  })

  // First sign-in with temporary credentials: choose your own username and password.
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
    const result = await completeFirstLogin(ctx, deps.kdf, form.data);
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
    setFlash(c, "account_ready");
    return seeOther(c, ROLE_HOME[user.role]);
  });
