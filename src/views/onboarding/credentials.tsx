/**
 * @module
 * Step 1, ขอ Credential: the service's description form with its optional icon
 * upload, and the same answers read back (locked view, review, check page).
 */
import { DEVICE_ACCESS, ESERVICE_CATEGORIES, IDENTITY_LEVELS, PERSONAL_DATA_FIELDS, SHORT_DESCRIPTION_MAX, STEP1_LABELS } from "../../domain/onboarding/credentials";
import type { FieldErrors } from "../../domain/forms";
import { AutosaveStatus, autosaveAttrs } from "../components/autosave";
import { AnswerRows, answerList, answerText, CheckOrDraftButtons, FieldError, OfficerComment, type RawAnswers } from "../components/answer-fields";
import { thaiDateAnswer, thaiShortDate } from "../../domain/dates";
import { graphemeLength } from "../../domain/onboarding/form-fields";
import { DateInput } from "../components/date-input";
import { ErrorSummary } from "../components/error-summary";
import { UploadError, uploadInputAria } from "../components/upload-error";
import { fieldId } from "../components/field";
import type { SectionProps, StepSection } from "./step-page";

const str = answerText;
const list = answerList;

function cls(errors: FieldErrors | undefined, name: string) {
  return errors?.[name] ? "field field-invalid" : "field";
}

function Radios(props: { name: string; legend: string; options: Record<string, string>; value: string; errors?: FieldErrors; comments: Record<string, string> | null }) {
  return (
    <fieldset class={cls(props.errors, props.name)} id={fieldId(props.name)}>
      <legend>{props.legend}</legend>
      <OfficerComment comments={props.comments} name={props.name} />
      <FieldError errors={props.errors} name={props.name} />
      {Object.entries(props.options).map(([value, label]) => (
        <label class="choice">
          <input type="radio" name={props.name} value={value} checked={props.value === value} /> {label}
        </label>
      ))}
    </fieldset>
  );
}

function Checks(props: { name: string; legend: string; options: Record<string, string>; values: string[]; errors?: FieldErrors; comments: Record<string, string> | null; hint?: string }) {
  return (
    <fieldset class={cls(props.errors, props.name)} id={fieldId(props.name)}>
      <legend>{props.legend}</legend>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      <OfficerComment comments={props.comments} name={props.name} />
      <FieldError errors={props.errors} name={props.name} />
      {Object.entries(props.options).map(([value, label]) => (
        <label class="choice">
          <input type="checkbox" name={props.name} value={value} checked={props.values.includes(value)} /> {label}
        </label>
      ))}
    </fieldset>
  );
}

const YES_NO = { yes: "ต้องการ", no: "ไม่ต้องการ" };

/** The optional service icon, uploaded on its own form before the description form (its answer says whether one exists). */
function IconUpload(props: { serviceId: string; icon: { id: string; fileName: string } | null; iconError?: string | null; csrfToken: string }) {
  return (
    <section class="card" aria-labelledby="icon-heading">
      <h3 id="icon-heading">ไอคอน e-Service (ถ้ามี)</h3>
      {props.icon ? (
        <p>
          ไฟล์ไอคอน: <a href={`/eservices/${props.serviceId}/files/${props.icon.id}`}>{props.icon.fileName}</a>
        </p>
      ) : (
        <p class="secondary">ยังไม่มีไอคอน</p>
      )}
      <form method="post" enctype="multipart/form-data" action={`/eservices/${props.serviceId}/icon`} class={props.iconError ? "field field-invalid" : "field"}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <label for="f-icon">อัปโหลดไฟล์ไอคอน (JPG หรือ PNG)</label>
        <UploadError inputId="f-icon" message={props.iconError} />
        <input id="f-icon" name="file" type="file" accept="image/png,image/jpeg" {...uploadInputAria("f-icon", props.iconError)} />
        <button type="submit" class="button button-secondary">
          อัปโหลดไอคอน
        </button>
      </form>
    </section>
  );
}

/** Step 1's form while the agency may edit it. */
function CredentialsForm(props: SectionProps) {
  const a = props.answers;
  const e = props.errors;
  const c = props.comments;
  const tasks = [...list(a, "tasks").filter((t) => t.trim()), ""];
  // The same count the script keeps live, so a page sent back with text says it too.
  const shortCount = graphemeLength(str(a, "shortDescription").trim());
  const base = `/eservices/${props.service.id}/steps/1`;
  return (
    <>
      <ErrorSummary errors={e} labels={STEP1_LABELS} />
      <IconUpload serviceId={props.service.id} icon={props.icon} iconError={props.iconError} csrfToken={props.csrfToken} />
      <form method="post" action={base} novalidate data-warn-unsaved {...autosaveAttrs(`${base}/draft`)}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="hasIcon" value={props.icon ? "yes" : "no"} />
        <div class={cls(e, "category")}>
          <label for={fieldId("category")}>{STEP1_LABELS.category} *</label>
          <p class="hint">หากไม่แน่ใจ เลือก “บริการที่อยู่ระหว่างการพัฒนา” และแก้ไขได้ภายหลังในขั้นตอน Pre-Production</p>
          <OfficerComment comments={c} name="category" />
          <FieldError errors={e} name="category" />
          <select id={fieldId("category")} name="category">
            <option value="">— เลือก —</option>
            {ESERVICE_CATEGORIES.map((cat) => (
              <option value={cat} selected={str(a, "category") === cat}>
                {cat}
              </option>
            ))}
          </select>
        </div>
        <div class={cls(e, "shortDescription")}>
          <label for={fieldId("shortDescription")}>{STEP1_LABELS.shortDescription} *</label>
          <p class="hint">ไม่เกิน {SHORT_DESCRIPTION_MAX} ตัวอักษร สำหรับแสดงบนแอปพลิเคชัน “ทางรัฐ”</p>
          <OfficerComment comments={c} name="shortDescription" />
          <FieldError errors={e} name="shortDescription" />
          <textarea id={fieldId("shortDescription")} name="shortDescription" rows={3} data-max={String(SHORT_DESCRIPTION_MAX)}>
            {str(a, "shortDescription")}
          </textarea>
          <p class={shortCount > SHORT_DESCRIPTION_MAX ? "counter over" : "counter"} data-count-for={fieldId("shortDescription")} aria-live="polite">
            {shortCount}/{SHORT_DESCRIPTION_MAX}
          </p>
        </div>
        <div class={cls(e, "fullDescription")}>
          <label for={fieldId("fullDescription")}>{STEP1_LABELS.fullDescription} *</label>
          <OfficerComment comments={c} name="fullDescription" />
          <FieldError errors={e} name="fullDescription" />
          <textarea id={fieldId("fullDescription")} name="fullDescription" rows={6}>
            {str(a, "fullDescription")}
          </textarea>
        </div>
        {props.icon ? (
          <div class={cls(e, "iconConcept")}>
            <label for={fieldId("iconConcept")}>{STEP1_LABELS.iconConcept} *</label>
            <p class="hint">ที่มาหรือความหมายของไอคอน หากไม่ประสงค์ระบุ ให้ใส่เครื่องหมาย “-”</p>
            <OfficerComment comments={c} name="iconConcept" />
            <FieldError errors={e} name="iconConcept" />
            <textarea id={fieldId("iconConcept")} name="iconConcept" rows={2}>
              {str(a, "iconConcept")}
            </textarea>
          </div>
        ) : null}
        <OfficerComment comments={c} name="launchDate" />
        <DateInput name="launchDate" legend={STEP1_LABELS.launchDate} required hint={`ต้องไม่เกินสิ้นปีงบประมาณ (${thaiShortDate(props.latestLaunchDate)})`} value={str(a, "launchDate")} errors={e} />
        <Radios name="wantsPersonalData" legend={`${STEP1_LABELS.wantsPersonalData} *`} options={YES_NO} value={str(a, "wantsPersonalData")} errors={e} comments={c} />
        <Checks name="personalData" legend={STEP1_LABELS.personalData} options={PERSONAL_DATA_FIELDS} values={list(a, "personalData")} errors={e} comments={c} hint="เลือกอย่างน้อย 1 รายการ เมื่อต้องการเข้าถึงข้อมูลส่วนบุคคล" />
        <Radios name="identityLevel" legend={`${STEP1_LABELS.identityLevel} *`} options={IDENTITY_LEVELS} value={str(a, "identityLevel")} errors={e} comments={c} />
        <Radios name="wantsNotification" legend={`${STEP1_LABELS.wantsNotification} *`} options={YES_NO} value={str(a, "wantsNotification")} errors={e} comments={c} />
        <Checks name="deviceAccess" legend={STEP1_LABELS.deviceAccess} options={DEVICE_ACCESS} values={list(a, "deviceAccess")} errors={e} comments={c} />
        <fieldset class={cls(e, "tasks")} id={fieldId("tasks")}>
          <legend>{STEP1_LABELS.tasks} *</legend>
          <p class="hint">e-Service หนึ่งรายการมีงานบริการได้หลายงาน เว้นช่องสุดท้ายว่างไว้ได้</p>
          <OfficerComment comments={c} name="tasks" />
          <FieldError errors={e} name="tasks" />
          {tasks.map((t, i) => (
            <div class={cls(e, `tasks.${i}`)}>
              <label for={fieldId(`tasks.${i}`)}>งานบริการที่ {i + 1}</label>
              <FieldError errors={e} name={`tasks.${i}`} />
              <input id={fieldId(`tasks.${i}`)} name="tasks" value={t} />
            </div>
          ))}
          <button type="submit" name="intent" value="add_task" class="button button-secondary">
            เพิ่มงานบริการ
          </button>
        </fieldset>
        <CheckOrDraftButtons />
        <AutosaveStatus />
      </form>
    </>
  );
}

/** Step 1's answers read-only: the agency's check page, the locked view, and the officer's review. */
export function CredentialsSummary(props: { answers: RawAnswers; icon: { id: string; fileName: string } | null; serviceId: string }) {
  const a = props.answers;
  const pick = (k: string, map: Record<string, string>) => list(a, k).map((v) => map[v] ?? v).join(", ") || "-";
  const tasks = list(a, "tasks").filter((t) => t.trim());
  const rows: [string, string][] = [
    [STEP1_LABELS.category, str(a, "category") || "-"],
    [STEP1_LABELS.shortDescription, str(a, "shortDescription") || "-"],
    [STEP1_LABELS.fullDescription, str(a, "fullDescription") || "-"],
    ["ไอคอน", props.icon ? props.icon.fileName : "ไม่มี"],
    [STEP1_LABELS.iconConcept, str(a, "iconConcept") || "-"],
    [STEP1_LABELS.launchDate, thaiDateAnswer(str(a, "launchDate"))],
    [STEP1_LABELS.wantsPersonalData, YES_NO[str(a, "wantsPersonalData") as "yes"] ?? "-"],
    [STEP1_LABELS.personalData, pick("personalData", PERSONAL_DATA_FIELDS)],
    [STEP1_LABELS.identityLevel, IDENTITY_LEVELS[str(a, "identityLevel") as "id_card"] ?? "-"],
    [STEP1_LABELS.wantsNotification, YES_NO[str(a, "wantsNotification") as "yes"] ?? "-"],
    [STEP1_LABELS.deviceAccess, pick("deviceAccess", DEVICE_ACCESS)],
  ];
  return (
    <>
      <AnswerRows rows={rows} />
      <h3>รายชื่องานบริการทั้งหมด {tasks.length} รายการ</h3>
      <ul class="link-list">
        {tasks.map((t) => (
          <li>{t}</li>
        ))}
      </ul>
    </>
  );
}

/** Step 1 on the shared page: the form while the agency may edit it, its answers read back otherwise. */
export const credentialsSection: StepSection = {
  Body: (props) =>
    props.editable ? <CredentialsForm {...props} /> : <CredentialsSummary answers={props.answers} icon={props.icon} serviceId={props.service.id} />,
  listsErrors: (props) => props.editable,
  CheckSummary: (props) => <CredentialsSummary answers={props.answers} icon={props.icon} serviceId={props.serviceId} />,
};
