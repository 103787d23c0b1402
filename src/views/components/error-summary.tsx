import type { FieldErrors } from "../../domain/forms";
import { fieldId } from "./field";

/**
 * The list of problems at the top of a failed form, each linking to its field
 * (GOV.UK pattern): focus lands here so keyboard and screen-reader users start at the errors.
 */
export function ErrorSummary(props: { errors?: FieldErrors; labels?: Record<string, string>; targets?: Record<string, string> }) {
  const entries = Object.entries(props.errors ?? {});
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
              <a href={`#${props.targets?.[name] ?? fieldId(name)}`}>
                {props.labels?.[name] ? `${props.labels[name]}: ` : ""}
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
