import type { FieldErrors, FormValues } from "../../domain/forms";
import { EMAIL_CHANGE_HOURS, PROFILE_LABELS } from "../../domain/profile-forms";
import { formatThaiDateTime } from "../../messages/dates";
import { ErrorSummary } from "../components/error-summary";
import { Field } from "../components/field";

export interface AccountPageProps {
  csrfToken: string;
  username: string | null;
  roleLabel: string;
  /** The address in use now (changes only once the new one is confirmed). */
  currentEmail: string | null;
  pendingEmail: { address: string; expiresAt: Date } | null;
  values: FormValues;
  errors?: FieldErrors;
}

/** "บัญชีของฉัน": a staff member's own name, phone and e-mail, and the way to a new password. */
export function AccountPage(props: AccountPageProps) {
  return (
    <section class="narrow">
      <h1>บัญชีของฉัน</h1>
      <dl class="facts">
        <dt>ชื่อผู้ใช้</dt>
        <dd>{props.username ?? "-"}</dd>
        <dt>ประเภทบัญชี</dt>
        <dd>{props.roleLabel}</dd>
        <dt>อีเมลที่ใช้อยู่</dt>
        <dd>{props.currentEmail ?? "ยังไม่มี"}</dd>
      </dl>
      {props.pendingEmail ? (
        <div class="warning" role="status" id="pending-email">
          <p>
            ส่งลิงก์ยืนยันไปที่ <strong>{props.pendingEmail.address}</strong> แล้ว กรุณาเปิดลิงก์ในอีเมลนั้นภายใน {EMAIL_CHANGE_HOURS} ชั่วโมง (ถึง{" "}
            {formatThaiDateTime(props.pendingEmail.expiresAt)})
          </p>
          <p>จนกว่าจะยืนยัน บัญชียังใช้อีเมลเดิม{props.currentEmail ? ` (${props.currentEmail})` : ""}</p>
        </div>
      ) : null}
      <ErrorSummary errors={props.errors} labels={PROFILE_LABELS} />
      <form method="post" action="/account" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <Field name="displayName" label={PROFILE_LABELS.displayName} values={props.values} errors={props.errors} autocomplete="name" maxlength={100} required />
        <Field
          name="phone"
          label={PROFILE_LABELS.phone}
          type="tel"
          inputmode="tel"
          values={props.values}
          errors={props.errors}
          autocomplete="tel"
          hint="ไม่บังคับ เช่น 081-234-5678 หรือ 02-123-4567 ต่อ 1234"
        />
        <Field
          name="email"
          label={PROFILE_LABELS.email}
          type="email"
          inputmode="email"
          values={props.values}
          errors={props.errors}
          autocomplete="email"
          hint="ลิงก์ตั้งรหัสผ่านใหม่จะส่งไปที่อีเมลนี้ หากเปลี่ยน ระบบจะส่งลิงก์ยืนยันไปที่อีเมลใหม่ก่อน"
          required
        />
        {/* Always shown (no script decides); the use case asks for it only when the e-mail changes. */}
        <Field
          name="currentPassword"
          label={PROFILE_LABELS.currentPassword}
          type="password"
          errors={props.errors}
          autocomplete="current-password"
          hint="เพื่อยืนยันว่าเป็นเจ้าของบัญชี หากแก้ไขเฉพาะชื่อหรือเบอร์โทรศัพท์ ไม่ต้องกรอก"
        />
        <button type="submit" class="button">
          บันทึก
        </button>
      </form>
      <h2>รหัสผ่าน</h2>
      <p>
        <a href="/account/password">เปลี่ยนรหัสผ่าน</a>
      </p>
    </section>
  );
}
