import type { Child } from "hono/jsx";
import type { FieldErrors, FormValues } from "../../domain/forms";

export interface FieldProps {
  name: string;
  label: string;
  type?: "text" | "email" | "tel" | "password" | "date" | "url" | "number";
  values?: FormValues;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: "text" | "numeric" | "tel" | "email" | "url";
  maxlength?: number;
}

/** Field id used by labels and by the error summary's links. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/**
 * A labelled input that shows its Thai error beside it and keeps what the user
 * typed (never for passwords).
 */
export function Field(props: FieldProps) {
  const type = props.type ?? "text";
  return (
    <FieldFrame name={props.name} label={props.label} errors={props.errors} hint={props.hint} required={props.required}>
      {(a) => (
        <input
          id={a.id}
          name={props.name}
          type={type}
          value={type === "password" ? undefined : props.values?.[props.name]}
          required={props.required}
          autocomplete={props.autocomplete}
          inputmode={props.inputmode}
          maxlength={props.maxlength}
          aria-invalid={a.invalid}
          aria-describedby={a.describedBy}
        />
      )}
    </FieldFrame>
  );
}

/** What a control inside a FieldFrame must carry to be tied to its label, hint and error. */
export interface ControlAttrs {
  id: string;
  invalid: "true" | undefined;
  describedBy: string | undefined;
}

/**
 * The label, hint and Thai error around one form control, shared by every kind
 * of field so they read (and are announced) the same way.
 */
export function FieldFrame(props: {
  name: string;
  label: string;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  children: (attrs: ControlAttrs) => Child;
}) {
  const id = fieldId(props.name);
  const error = props.errors?.[props.name];
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="required" aria-hidden="true"> *</span> : null}
      </label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={errorId}>
          <span class="visually-hidden">ข้อผิดพลาด: </span>
          {error}
        </p>
      ) : null}
      {props.children({ id, invalid: error ? "true" : undefined, describedBy })}
    </div>
  );
}
