/**
 * @module
 * A date as three boxes (GOV.UK date input): day, month by its Thai name, and
 * the Buddhist-era year, in one fieldset whose legend is the question. The
 * server folds them back into one ISO date (`foldDateParts` in domain/dates).
 */
import { datePartsOf, THAI_MONTHS_FULL } from "../../domain/dates";
import type { FieldErrors } from "../../domain/forms";
import { fieldId } from "./field";

export interface DateInputProps {
  name: string;
  legend: string;
  /** The stored answer: `YYYY-MM-DD`, or the parts as typed (`31/2/2570`). */
  value?: string;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
}

/** The day box carries the field's id, so the error summary's link lands in it. */
export function DateInput(props: DateInputProps) {
  const id = fieldId(props.name);
  const error = props.errors?.[props.name];
  const parts = datePartsOf(props.value);
  const hintId = `${id}-hint`;
  const errorId = error ? `${id}-error` : undefined;
  const invalid = error ? "true" : undefined;
  return (
    <fieldset class={error ? "field field-invalid date-input" : "field date-input"} role="group" aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}>
      <legend>
        {props.legend}
        {props.required ? <span class="required" aria-hidden="true"> *</span> : null}
      </legend>
      <p class="hint" id={hintId}>
        {props.hint ? `${props.hint} ` : ""}ปีเป็นพุทธศักราช เช่น 30 กันยายน 2570
      </p>
      {error ? (
        <p class="field-error" id={errorId}>
          <span class="visually-hidden">ข้อผิดพลาด: </span>
          {error}
        </p>
      ) : null}
      <div class="date-input-row">
        <div class="date-input-item">
          <label for={id}>วันที่</label>
          <input id={id} name={`${props.name}-day`} class="date-day" type="text" inputmode="numeric" maxlength={2} size={2} value={parts.day} aria-invalid={invalid} />
        </div>
        <div class="date-input-item">
          <label for={`${id}-month`}>เดือน</label>
          <select id={`${id}-month`} name={`${props.name}-month`} aria-invalid={invalid}>
            <option value="">— เดือน —</option>
            {THAI_MONTHS_FULL.map((m, i) => (
              <option value={String(i + 1)} selected={Number(parts.month) === i + 1}>
                {m}
              </option>
            ))}
          </select>
        </div>
        <div class="date-input-item">
          <label for={`${id}-year`}>ปี (พ.ศ.)</label>
          <input id={`${id}-year`} name={`${props.name}-year`} class="date-year" type="text" inputmode="numeric" maxlength={4} size={4} value={parts.year} aria-invalid={invalid} />
        </div>
      </div>
    </fieldset>
  );
}
