/**
 * @module
 * "ลืมรหัสผ่าน?" for staff: ask for a link by e-mail, set a new password through it.
 * Open to everyone: the mailed link is the proof, not a session.
 */
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { passwordChecklist } from "../domain/account-forms";
import { validateForm } from "../domain/forms";
import { forgotPasswordForm, resetPasswordForm } from "../domain/profile-forms";
import { findResetLink, requestPasswordReset, resetPassword } from "../services/password-reset";
import { ForgotPasswordPage, ResetPasswordPage } from "../views/pages/account-reset";
import { PasswordChecklist } from "../views/components/new-password-field";
import { linkInvalid, noStore } from "./link-invalid";
import { setFlash } from "./session-cookie";
import { renderPage, seeOther } from "./render";
import { useCase } from "./use-case";

const TITLE_FORGOT = "ลืมรหัสผ่าน";
const TITLE_RESET = "ตั้งรหัสผ่านใหม่";

const ASK_AGAIN = { href: "/forgot-password", label: "ขอลิงก์ตั้งรหัสผ่านใหม่อีกครั้ง" };

export const passwordResetRoutes = new Hono<AppEnv>()
  .get("/forgot-password", (c) => renderPage(c, { title: TITLE_FORGOT }, <ForgotPasswordPage csrfToken={c.var.csrfToken} />))
  .post("/forgot-password", async (c) => {
    const form = validateForm(forgotPasswordForm, await c.req.parseBody());
    if (!form.ok) {
      return renderPage(
        c,
        { title: TITLE_FORGOT, status: 422, hasErrors: true },
        <ForgotPasswordPage csrfToken={c.var.csrfToken} values={form.values} errors={form.errors} />,
      );
    }
    await requestPasswordReset(useCase(c), form.data.email);
    // The same page whatever happened: an account or none, disabled, or rate-limited.
    return renderPage(c, { title: TITLE_FORGOT }, <ForgotPasswordPage csrfToken={c.var.csrfToken} sent />);
  })
  // The live checklist for every new-password field, signed in or not (a reset link has no session).
  .post("/password-checklist", async (c) => {
    const body = await c.req.parseBody();
    const password = typeof body.password === "string" ? body.password : "";
    return c.html(await String(<PasswordChecklist items={passwordChecklist(password)} />));
  })
  .get("/reset-password/:token", async (c) => {
    const token = c.req.param("token");
    const link = await findResetLink(useCase(c), token);
    if (!link) return linkInvalid(c, ASK_AGAIN);
    noStore(c);
    return renderPage(
      c,
      { title: TITLE_RESET },
      <ResetPasswordPage csrfToken={c.var.csrfToken} action={`/reset-password/${token}`} username={link.user.username} checklist={passwordChecklist("")} />,
    );
  })
  .post("/reset-password/:token", async (c) => {
    const { deps } = c.var;
    const token = c.req.param("token");
    const ctx = useCase(c);
    const link = await findResetLink(ctx, token);
    if (!link) return linkInvalid(c, ASK_AGAIN);
    const body = await c.req.parseBody();
    const form = validateForm(resetPasswordForm, body);
    if (!form.ok) {
      noStore(c);
      const password = typeof body.password === "string" ? body.password : "";
      return renderPage(
        c,
        { title: TITLE_RESET, status: 422, hasErrors: true },
        <ResetPasswordPage
          csrfToken={c.var.csrfToken}
          action={`/reset-password/${token}`}
          username={link.user.username}
          errors={form.errors}
          checklist={passwordChecklist(password)}
        />,
      );
    }
    // Checked again inside the transaction: the link may have been used meanwhile.
    const result = await resetPassword(ctx, deps.kdf, token, form.data.password);
    if (!result.ok) return linkInvalid(c, ASK_AGAIN);
    setFlash(c, "password_reset_done");
    return seeOther(c, "/login");
  });
