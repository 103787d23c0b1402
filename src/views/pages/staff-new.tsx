import type { FieldErrors, FormValues } from "../../domain/forms";
import { ROLE_LABEL } from "../../domain/roles";
import { STAFF_FORM_LABELS } from "../../domain/staff-forms";
import type { CreatableRole } from "../../domain/staff-policy";
import { ErrorSummary } from "../components/error-summary";
import { Field } from "../components/field";
import { OnceField } from "../components/once-field";
import { SelectField } from "../components/select-field";

export interface UniversityChoice {
  id: string;
  nameTh: string;
  code: string;
}

export const universityOptions = (list: UniversityChoice[]) => list.map((u) => ({ value: u.id, label: `${u.nameTh} (${u.code})` }));

/** A new staff account: the temporary credentials go to the e-mail typed here. */
export function StaffNewPage(props: {
  roles: readonly CreatableRole[];
  universities: UniversityChoice[];
  csrfToken: string;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const values = props.values ?? {};
  return (
    <section>
      <p>
        <a href="/staff">← บัญชีเจ้าหน้าที่ทั้งหมด</a>
      </p>
      <h1>สร้างบัญชีเจ้าหน้าที่</h1>
      <p class="lead">ระบบจะสร้างชื่อผู้ใช้และรหัสผ่านชั่วคราว (ใช้ได้ 7 วัน) และส่งทางอีเมล เมื่อเข้าสู่ระบบครั้งแรก ผู้ใช้จะตั้งชื่อผู้ใช้และรหัสผ่านของตนเอง</p>
      <p class="hint">
        บัญชีเจ้าหน้าที่หน่วยงานสร้างจาก<a href="/officer/agencies">หน้าหน่วยงาน</a>
      </p>
      <ErrorSummary errors={props.errors} labels={STAFF_FORM_LABELS} />
      <form method="post" action="/staff" class="narrow" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <OnceField />
        <SelectField
          name="role"
          label={STAFF_FORM_LABELS.role}
          options={props.roles.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
          values={values}
          errors={props.errors}
          placeholder={props.roles.length > 1 ? "— เลือกบทบาท —" : undefined}
          required
        />
        <SelectField
          name="universityId"
          label={STAFF_FORM_LABELS.universityId}
          hint="เฉพาะบทบาทเจ้าหน้าที่มหาวิทยาลัย (แสดงเฉพาะมหาวิทยาลัยที่เปิดใช้งาน)"
          options={universityOptions(props.universities)}
          values={values}
          errors={props.errors}
          placeholder="— เลือกมหาวิทยาลัย —"
        />
        <Field name="displayName" label={STAFF_FORM_LABELS.displayName} values={values} errors={props.errors} required maxlength={100} autocomplete="off" />
        <Field name="email" label={STAFF_FORM_LABELS.email} type="email" values={values} errors={props.errors} required autocomplete="off" />
        <button type="submit" class="button">
          สร้างบัญชีและส่งอีเมล
        </button>
      </form>
    </section>
  );
}
