import type { FieldErrors, FormValues } from "../../domain/forms";
import { ErrorSummary } from "../components/error-summary";
import { Field } from "../components/field";
import { ThaidLoginOptions } from "./thaid";

export interface LoginPageProps {
  csrfToken: string;
  /** Offer ThaiD sign-in for applicants (only when ThaiD is configured). */
  thaid?: boolean;
  values?: FormValues;
  errors?: FieldErrors;
  next?: string | null;
}

export const LOGIN_LABELS = { username: "ชื่อผู้ใช้", password: "รหัสผ่าน" };

/** Staff sign-in. The form posts to itself; a failure re-renders it with 422. */
export function LoginPage(props: LoginPageProps) {
  return (
    <section class="narrow" id="login">
      <h1>เข้าสู่ระบบ</h1>
      {props.thaid ? <ThaidLoginOptions csrfToken={props.csrfToken} next={props.next} /> : null}
      <h2>เจ้าหน้าที่ เข้าสู่ระบบด้วยบัญชีผู้ใช้</h2>
      <p class="secondary">สำหรับเจ้าหน้าที่มหาวิทยาลัย หน่วยงาน และเจ้าหน้าที่ผู้ตรวจสอบ</p>
      <ErrorSummary errors={props.errors} labels={LOGIN_LABELS} />
      <form method="post" action="/login" hx-post="/login" hx-target="#login" hx-swap="outerHTML" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <Field
          name="username"
          label={LOGIN_LABELS.username}
          values={props.values}
          errors={props.errors}
          autocomplete="username"
          required
        />
        <Field
          name="password"
          label={LOGIN_LABELS.password}
          type="password"
          errors={props.errors}
          autocomplete="current-password"
          required
        />
        <button type="submit" class="button">
          เข้าสู่ระบบ
        </button>
      </form>
      <p>
        <a href="/forgot-password">ลืมรหัสผ่าน?</a>
      </p>
    </section>
  );
}
