/**
 * @module
 * Pieces shared by the onboarding step forms: reading raw answers (strings, or
 * lists from checkboxes and repeated inputs), the Thai error beside a field, and
 * the officer's comment beside it when a step was returned.
 */
import type { FieldErrors } from "../../domain/forms";
import { fieldId } from "./field";

/** Answers as the forms post them. */
export type RawAnswers = Record<string, string | string[]>;

/** A single answer; the first item when a list was stored. */
export function answerText(a: RawAnswers, k: string): string {
  const v = a[k];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

/** A list answer; a stored string counts as one item per line. */
export function answerList(a: RawAnswers, k: string): string[] {
  const v = a[k];
  if (Array.isArray(v)) return v;
  return v ? v.split(/\r?\n/).filter(Boolean) : [];
}

/** The first error on `name` or on one of its items (`tasks.2`). */
export function errorFor(errors: FieldErrors | undefined, name: string): string | undefined {
  return errors?.[name] ?? Object.entries(errors ?? {}).find(([k]) => k.startsWith(`${name}.`))?.[1];
}

/** The error beside a field; `nested` also takes its items' errors (for a group shown as one field). */
export function FieldError(props: { errors?: FieldErrors; name: string; nested?: boolean }) {
  const e = props.nested ? errorFor(props.errors, props.name) : props.errors?.[props.name];
  return e ? (
    <p class="field-error" id={`${fieldId(props.name)}-error`}>
      <span class="visually-hidden">ข้อผิดพลาด: </span>
      {e}
    </p>
  ) : null;
}

export function OfficerComment(props: { comments: Record<string, string> | null; name: string }) {
  const text = props.comments?.[props.name];
  return text ? (
    <p class="officer-comment" id={`${fieldId(props.name)}-comment`}>
      <strong>ความเห็นเจ้าหน้าที่:</strong> {text}
    </p>
  ) : null;
}

/** Answers read-only as label/value rows (line breaks kept): the summaries of steps 1 and 2. */
export function AnswerRows(props: { rows: readonly (readonly [string, string])[] }) {
  return (
    <dl class="check-list">
      {props.rows.map(([label, value]) => (
        <div class="check-row">
          <dt>{label}</dt>
          <dd class="preserve-lines">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A step form's two ways out: save what is there, or go on to check-your-answers. */
export function CheckOrDraftButtons() {
  return (
    <div class="button-row">
      <button type="submit" name="intent" value="check" class="button">
        ตรวจสอบข้อมูล
      </button>
      <button type="submit" name="intent" value="draft" class="button button-secondary">
        บันทึกร่าง
      </button>
    </div>
  );
}
