import type { FieldErrors } from "../../domain/forms";
import { ErrorSummary } from "../components/error-summary";

/** Phone numbers in the text become tap-to-call links (the text itself stays escaped). */
function withPhoneLinks(line: string) {
  const parts = line.split(/(0(?: ?\d){8,9})/);
  return parts.map((part, i) => (i % 2 === 1 ? <a href={`tel:${part.replace(/\D/g, "")}`}>{part}</a> : part));
}

/** "ติดต่อเรา", screen 17; the text is the admin's. */
export function ContactPage(props: { text: string; canEdit: boolean }) {
  return (
    <section>
      <h1>ติดต่อเรา</h1>
      <ul class="link-list">
        {props.text
          .split("\n")
          .filter((l) => l.trim())
          .map((line) => (
            <li>{withPhoneLinks(line)}</li>
          ))}
      </ul>
      {props.canEdit ? (
        <p>
          <a href="/admin/contact">แก้ไขข้อความหน้าติดต่อเรา</a>
        </p>
      ) : null}
    </section>
  );
}

export function ContactEditPage(props: { text: string; csrfToken: string; errors?: FieldErrors }) {
  const error = props.errors?.text;
  return (
    <section class="narrow">
      <h1>แก้ไขหน้าติดต่อเรา</h1>
      <ErrorSummary errors={props.errors} labels={{ text: "ข้อความ" }} />
      <form method="post" action="/admin/contact">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <div class={error ? "field field-invalid" : "field"}>
          <label for="f-text">ข้อความ (หนึ่งบรรทัดต่อหนึ่งรายการ)</label>
          {error ? (
            <p class="field-error" id="f-text-error">
              {error}
            </p>
          ) : null}
          <textarea id="f-text" name="text" rows={8} aria-invalid={error ? "true" : undefined}>
            {props.text}
          </textarea>
        </div>
        <button type="submit" class="button">
          บันทึก
        </button>
      </form>
    </section>
  );
}
