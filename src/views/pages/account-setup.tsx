import type { FieldErrors, FormValues } from "../../domain/forms";
import { ErrorSummary } from "../components/error-summary";
import { Field } from "../components/field";
import { NewPasswordFields, type ChecklistItem } from "../components/new-password-field";

export const SETUP_LABELS = { username: "ชื่อผู้ใช้งาน (Username)", password: "รหัสผ่านใหม่", confirmPassword: "ยืนยันรหัสผ่าน" };

/** Seed section 1: "ตั้งค่าบัญชีครั้งแรก". */
export function AccountSetupPage(props: { csrfToken: string; values?: FormValues; errors?: FieldErrors; checklist: ChecklistItem[] }) {
  return (
    <section class="narrow">
      <h1>ตั้งค่าบัญชีครั้งแรก</h1>
      <p>กรุณาสร้างชื่อผู้ใช้และรหัสผ่านสำหรับการเข้าใช้งาน เพื่อความปลอดภัย ท่านต้องตั้งค่าก่อนใช้งานส่วนอื่นของระบบ</p>
      <ErrorSummary errors={props.errors} labels={SETUP_LABELS} />
      <form method="post" action="/account/setup" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <Field
          name="username"
          label={SETUP_LABELS.username}
          values={props.values}
          errors={props.errors}
          hint="ใช้ได้เฉพาะ a-z, A-Z, 0-9, _ และ . เท่านั้น"
          autocomplete="username"
          required
        />
        <NewPasswordFields
          errors={props.errors}
          checklist={props.checklist}
          checklistUrl="/account/setup/checklist"
          label={SETUP_LABELS.password}
          confirmLabel={SETUP_LABELS.confirmPassword}
        />
        <button type="submit" class="button">
          ตั้งค่าและเข้าสู่ระบบ
        </button>
      </form>
    </section>
  );
}
