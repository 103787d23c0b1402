import type { FieldErrors } from "../../domain/forms";
import { Field } from "./field";

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

/**
 * A new password under the checklist (ticked live as it is typed, through
 * `checklistUrl`) and its confirmation. Never pre-filled.
 */
export function NewPasswordFields(props: {
  errors?: FieldErrors;
  checklist: ChecklistItem[];
  checklistUrl: string;
  label: string;
  confirmLabel: string;
}) {
  const error = props.errors?.password;
  return (
    <>
      <div class={error ? "field field-invalid" : "field"}>
        <label for="f-password">
          {props.label}
          <span class="required" aria-hidden="true"> *</span>
        </label>
        <p class="hint" id="pw-rules-title">
          เงื่อนไขรหัสผ่าน:
        </p>
        <PasswordChecklist items={props.checklist} />
        {error ? (
          <p class="field-error" id="f-password-error">
            <span class="visually-hidden">ข้อผิดพลาด: </span>
            {error}
          </p>
        ) : null}
        <input
          id="f-password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          aria-describedby={error ? "pw-rules-title pw-rules f-password-error" : "pw-rules-title pw-rules"}
          aria-invalid={error ? "true" : undefined}
          hx-post={props.checklistUrl}
          hx-trigger="input changed delay:150ms"
          hx-target="#pw-rules"
          hx-swap="outerHTML"
        />
      </div>
      <Field name="confirmPassword" label={props.confirmLabel} type="password" errors={props.errors} autocomplete="new-password" required />
    </>
  );
}
