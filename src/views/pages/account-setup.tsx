import type { FieldErrors, FormValues } from "../../domain/forms";
import { ErrorSummary } from "../components/error-summary";
import { Field } from "../components/field";

export interface ChecklistItem {
  rule: string;
  th: string;
  ok: boolean;
}

/** The password rules, ticked as the user types (htmx swaps this list). */
export function PasswordChecklist(props: { items: ChecklistItem[] }) {
  return (
    <ul id="pw-rules" class="checklist" aria-live="polite">
      {props.items.map((i) => (
        <li class={i.ok ? "rule-ok" : "rule-todo"}>
          <span aria-hidden="true">{i.ok ? "✓" : "○"}</span> {i.th}
          <span class="visually-hidden">{i.ok ? " (ผ่าน)" : " (ยังไม่ผ่าน)"}</span>
        </li>
      ))}
    </ul>
  );
}

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
        <div class={props.errors?.password ? "field field-invalid" : "field"}>
          <label for="f-password">{SETUP_LABELS.password}</label>
          <p class="hint" id="pw-rules-title">
            เงื่อนไขรหัสผ่าน:
          </p>
          <PasswordChecklist items={props.checklist} />
          {props.errors?.password ? (
            <p class="field-error" id="f-password-error">
              <span class="visually-hidden">ข้อผิดพลาด: </span>
              {props.errors.password}
            </p>
          ) : null}
          <input
            id="f-password"
            name="password"
            type="password"
            autocomplete="new-password"
            aria-describedby="pw-rules-title pw-rules"
            aria-invalid={props.errors?.password ? "true" : undefined}
            hx-post="/account/setup/checklist"
            hx-trigger="input changed delay:150ms"
            hx-target="#pw-rules"
            hx-swap="outerHTML"
          />
        </div>
        <Field name="confirmPassword" label={SETUP_LABELS.confirmPassword} type="password" errors={props.errors} autocomplete="new-password" required />
        <button type="submit" class="button">
          ตั้งค่าและเข้าสู่ระบบ
        </button>
      </form>
    </section>
  );
}
