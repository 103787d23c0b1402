import type { FieldErrors } from "../../domain/forms";
import { CHANGE_PASSWORD_LABELS } from "../../domain/profile-forms";
import { ErrorSummary } from "../components/error-summary";
import { Field } from "../components/field";
import { NewPasswordFields } from "../components/new-password-field";
import type { ChecklistItem } from "../components/new-password-field";

/** Changing one's own password; every other signed-in device is signed out afterwards. */
export function ChangePasswordPage(props: { csrfToken: string; errors?: FieldErrors; checklist: ChecklistItem[] }) {
  return (
    <section class="narrow">
      <h1>เปลี่ยนรหัสผ่าน</h1>
      <p>เมื่อเปลี่ยนแล้ว อุปกรณ์อื่นที่เข้าสู่ระบบด้วยบัญชีนี้ไว้จะถูกออกจากระบบ</p>
      <ErrorSummary errors={props.errors} labels={CHANGE_PASSWORD_LABELS} />
      <form method="post" action="/account/password" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <Field
          name="currentPassword"
          label={CHANGE_PASSWORD_LABELS.currentPassword}
          type="password"
          errors={props.errors}
          autocomplete="current-password"
          required
        />
        <NewPasswordFields
          errors={props.errors}
          checklist={props.checklist}
          checklistUrl="/password-checklist"
          label={CHANGE_PASSWORD_LABELS.password}
          confirmLabel={CHANGE_PASSWORD_LABELS.confirmPassword}
        />
        <div class="button-row">
          <button type="submit" class="button">
            เปลี่ยนรหัสผ่าน
          </button>
          <a href="/account" class="button button-secondary">
            ยกเลิก
          </a>
        </div>
      </form>
    </section>
  );
}
