import { POSITIONS, POSITION_KEYS } from "../../domain/academic";
import { REQUEST_FORM_LABELS } from "../../domain/academic-forms";
import type { FieldErrors, FormValues } from "../../domain/forms";
import { AutosaveStatus, autosaveAttrs } from "../components/autosave";
import { ErrorSummary } from "../components/error-summary";
import { Field, fieldId } from "../components/field";
import { OnceField } from "../components/once-field";
import { SelectField } from "../components/select-field";

export interface RequestFormProps {
  /** Null for a new request. */
  id: string | null;
  values: FormValues;
  errors?: FieldErrors;
  csrfToken: string;
  /** An existing draft's national ID, masked: the field is left blank, and blank keeps it. */
  storedPid?: string | null;
}

const L = REQUEST_FORM_LABELS;

/**
 * The university's request form. "บันทึกร่าง" keeps whatever is valid so far;
 * "ตรวจสอบข้อมูล" saves and opens the check-your-answers page.
 */
export function RequestFormPage(props: RequestFormProps) {
  const v = props.values;
  const e = props.errors ?? {};
  const action = props.id ? `/university/requests/${props.id}` : "/university/requests";
  return (
    <section class="request-form">
      <h1>{props.id ? "แก้ไขร่างคำขอตำแหน่งทางวิชาการ" : "ยื่นคำขอตำแหน่งทางวิชาการ"}</h1>
      <ErrorSummary errors={props.errors} labels={L} />
      <form method="post" action={action} novalidate data-warn-unsaved {...autosaveAttrs(props.id ? `/university/requests/${props.id}/draft` : "/university/requests/new/draft")}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        {props.id ? null : <OnceField />}
        <fieldset>
          <legend>เจ้าของผลงาน</legend>
          <Field
            name="applicantPid"
            label={L.applicantPid}
            values={v}
            errors={e}
            inputmode="numeric"
            hint={props.storedPid ? `เลขที่บันทึกไว้ ${props.storedPid} กรอกใหม่หากต้องการแก้ไข (เว้นว่างไว้เพื่อใช้เลขเดิม)` : "13 หลัก เช่น 1-1017-00230-36-8"}
            required={!props.storedPid}
          />
          <Field name="applicantTitle" label={L.applicantTitle} values={v} errors={e} autocomplete="honorific-prefix" required />
          <Field name="applicantFirstName" label={L.applicantFirstName} values={v} errors={e} required />
          <Field name="applicantLastName" label={L.applicantLastName} values={v} errors={e} required />
          <Field name="applicantEmail" label={L.applicantEmail} type="email" values={v} errors={e} hint="ถ้ามี ระบบจะแจ้งความคืบหน้าทางอีเมลด้วย" />
        </fieldset>
        <fieldset>
          <legend>ตำแหน่งและสาขา</legend>
          <SelectField
            name="position"
            label={L.position}
            options={POSITION_KEYS.map((p) => ({ value: p, label: POSITIONS[p].th }))}
            placeholder="— เลือก —"
            values={v}
            errors={e}
            required
          />
          <Field name="fieldTh" label={L.fieldTh} values={v} errors={e} hint="เช่น ประสาทศัลยศาสตร์" required />
          <Field name="fieldEn" label={L.fieldEn} values={v} errors={e} hint="เช่น Neurological Surgery" required />
          <Field name="letterNo" label={L.letterNo} values={v} errors={e} />
        </fieldset>
        <fieldset>
          <legend>ผู้ประสานงานของมหาวิทยาลัย</legend>
          <Field name="coordinatorName" label={L.coordinatorName} values={v} errors={e} autocomplete="name" required />
          <Field name="coordinatorPhone" label={L.coordinatorPhone} type="tel" values={v} errors={e} autocomplete="tel" inputmode="tel" required />
          <Field name="coordinatorEmail" label={L.coordinatorEmail} type="email" values={v} errors={e} autocomplete="email" required />
        </fieldset>
        <div class="button-row">
          <button type="submit" name="intent" value="check" class="button">
            บันทึกและตรวจสอบข้อมูล
          </button>
          <button type="submit" name="intent" value="draft" class="button button-secondary">
            บันทึกร่าง
          </button>
        </div>
        <AutosaveStatus />
      </form>
    </section>
  );
}

/** Check your answers: everything on one page, each with a link back to change it. */
export function RequestCheckPage(props: { id: string; rows: [string, string, string][]; csrfToken: string; errors?: FieldErrors }) {
  return (
    <section class="request-check">
      <h1>ตรวจสอบข้อมูลก่อนยื่นคำขอ</h1>
      <ErrorSummary errors={props.errors} labels={L} />
      <dl class="check-list">
        {props.rows.map(([name, label, value]) => (
          <div class="check-row">
            <dt>{label}</dt>
            <dd>{value || <span class="secondary">ยังไม่ได้กรอก</span>}</dd>
            <dd>
              <a href={`/university/requests/${props.id}/edit#${fieldId(name)}`}>
                แก้ไข<span class="visually-hidden"> {label}</span>
              </a>
            </dd>
          </div>
        ))}
      </dl>
      <form method="post" action={`/university/requests/${props.id}/submit`}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <OnceField />
        <button type="submit" class="button">
          ยืนยันและยื่นคำขอ
        </button>
      </form>
    </section>
  );
}
