import type { FieldErrors } from "../../domain/forms";
import { fieldId } from "./field";

/**
 * The list of problems at the top of a failed form, each linking to its field
 * (GOV.UK pattern): focus lands here so keyboard and screen-reader users start at the errors.
 */
export function ErrorSummary(props: {
  errors?: FieldErrors;
  labels?: Record<string, string>;
  /** The element an error's link goes to, where it is not the field's own id (a file input). */
  targets?: Record<string, string>;
  /** One control holds a whole list (a textarea, one item a line): `urls.2` links to `urls`. */
  listsInOneControl?: boolean;
}) {
  const entries = Object.entries(props.errors ?? {});
  // `tasks.1` is one item of the list `tasks`: named by the list's label when it has none of its own.
  const base = (name: string) => name.replace(/\.\d+$/, "");
  const labelOf = (name: string) => props.labels?.[name] ?? props.labels?.[base(name)];
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} autofocus>
      <h2 class="error-summary-title">มีข้อผิดพลาด กรุณาตรวจสอบ</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            {name === "_form" ? (
              message
            ) : (
              <a href={`#${props.targets?.[name] ?? fieldId(props.listsInOneControl ? base(name) : name)}`}>
                {labelOf(name) ? `${labelOf(name)}: ` : ""}
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
