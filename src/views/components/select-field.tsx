import type { FieldErrors, FormValues } from "../../domain/forms";
import { fieldId } from "./field";

export interface SelectFieldProps {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  values?: FormValues;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  /** The empty first choice ("— เลือก —"); omitted when a choice is always made. */
  placeholder?: string;
}

/** A labelled select with its Thai error beside it, keeping the submitted choice. */
export function SelectField(props: SelectFieldProps) {
  const id = fieldId(props.name);
  const error = props.errors?.[props.name];
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const selected = props.values?.[props.name] ?? "";
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
      <select id={id} name={props.name} aria-invalid={error ? "true" : undefined} aria-describedby={describedBy}>
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === selected}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
