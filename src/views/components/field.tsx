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
  const id = fieldId(props.name);
  const error = props.errors?.[props.name];
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const type = props.type ?? "text";
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
      <input
        id={id}
        name={props.name}
        type={type}
        value={type === "password" ? undefined : props.values?.[props.name]}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
