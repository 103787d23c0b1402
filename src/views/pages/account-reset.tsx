import type { FieldErrors, FormValues } from "../../domain/forms";
import { FORGOT_PASSWORD_LABELS, RESET_PASSWORD_LABELS } from "../../domain/profile-forms";
import { MESSAGES } from "../../messages/th";
import { ErrorSummary } from "../components/error-summary";
import { Field } from "../components/field";
import { NewPasswordFields } from "../components/new-password-field";
import type { ChecklistItem } from "../components/new-password-field";

/** "ลืมรหัสผ่าน?": staff ask for a reset link by e-mail (applicants sign in with ThaiD and have no password). */
export function ForgotPasswordPage(props: { csrfToken: string; values?: FormValues; errors?: FieldErrors; sent?: boolean }) {
  return (
    <section class="narrow">
      <h1>ลืมรหัสผ่าน</h1>
      {props.sent ? (
        <div class="flash" role="status" id="reset-requested">
          {MESSAGES.resetRequested}
        </div>
      ) : null}
      <p>สำหรับเจ้าหน้าที่ที่มีบัญชีผู้ใช้ กรอกอีเมลของบัญชี แล้วระบบจะส่งลิงก์ตั้งรหัสผ่านใหม่ไปให้ (เจ้าของผลงานเข้าสู่ระบบด้วย ThaiD ไม่ต้องใช้รหัสผ่าน)</p>
      <ErrorSummary errors={props.errors} labels={FORGOT_PASSWORD_LABELS} />
      <form method="post" action="/forgot-password" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <Field
          name="email"
          label={FORGOT_PASSWORD_LABELS.email}
          type="email"
          inputmode="email"
          values={props.values}
          errors={props.errors}
          autocomplete="email"
          required
        />
        <button type="submit" class="button">
          ส่งลิงก์ตั้งรหัสผ่านใหม่
        </button>
      </form>
      <p>
        <a href="/login">กลับไปหน้าเข้าสู่ระบบ</a>
      </p>
    </section>
  );
}

/** The form behind a live reset link. */
export function ResetPasswordPage(props: { csrfToken: string; action: string; username: string | null; errors?: FieldErrors; checklist: ChecklistItem[] }) {
  return (
    <section class="narrow">
      <h1>ตั้งรหัสผ่านใหม่</h1>
      {props.username ? (
        <p>
          บัญชี <strong>{props.username}</strong>
        </p>
      ) : null}
      <p>เมื่อตั้งรหัสผ่านใหม่แล้ว ทุกอุปกรณ์ที่เข้าสู่ระบบด้วยบัญชีนี้ไว้จะถูกออกจากระบบ</p>
      <ErrorSummary errors={props.errors} labels={RESET_PASSWORD_LABELS} />
      <form method="post" action={props.action} novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <NewPasswordFields
          errors={props.errors}
          checklist={props.checklist}
          checklistUrl="/password-checklist"
          label={RESET_PASSWORD_LABELS.password}
          confirmLabel={RESET_PASSWORD_LABELS.confirmPassword}
        />
        <button type="submit" class="button">
          ตั้งรหัสผ่านใหม่
        </button>
      </form>
    </section>
  );
}

/** A link that is unknown, used, expired, or of a disabled account: all look the same. */
export function LinkInvalidPage(props: { again: { href: string; label: string } }) {
  return (
    <section class="narrow" id="error">
      <h1>{MESSAGES.linkInvalid}</h1>
      <p>ลิงก์ในอีเมลใช้ได้ครั้งเดียวและมีอายุจำกัด</p>
      <p>
        <a href={props.again.href}>{props.again.label}</a>
      </p>
    </section>
  );
}
