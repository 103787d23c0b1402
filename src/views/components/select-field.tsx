import type { FieldErrors, FormValues } from "../../domain/forms";
import { FieldFrame } from "./field";

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
  const selected = props.values?.[props.name] ?? "";
  return (
    <FieldFrame name={props.name} label={props.label} errors={props.errors} hint={props.hint} required={props.required}>
      {(a) => (
        <select id={a.id} name={props.name} aria-invalid={a.invalid} aria-describedby={a.describedBy}>
          {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
          {props.options.map((o) => (
            <option value={o.value} selected={o.value === selected}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
