import { DEVICE_ACCESS, ESERVICE_CATEGORIES, IDENTITY_LEVELS, PERSONAL_DATA_FIELDS, SHORT_DESCRIPTION_MAX, STEP1_LABELS } from "../../domain/onboarding/credentials";
import { STEP2_LABELS } from "../../domain/onboarding/uat";
import { labelledComments } from "../../domain/onboarding/review";
import { stepDefinition } from "../../domain/onboarding/steps";
import { canWrite, isLiveBooking, openToAgency, STEPS, STEP_STATE_LABEL, type StepState } from "../../domain/onboarding/workflow";
import type { FieldErrors } from "../../domain/forms";
import { ErrorSummary } from "../components/error-summary";
import { OnceField } from "../components/once-field";
import { AnswerRows, answerList, answerText, CheckOrDraftButtons, FieldError, OfficerComment, type RawAnswers } from "../components/answer-fields";
import { fieldId } from "../components/field";
import { ProgressBar } from "../components/progress-bar";
import { formatThaiDateTime } from "../format";
import { GoLiveSection, type GoLiveProps } from "./golive";
import { PlatformApplicationSummary } from "./platform-application";
import {
  Step2Section,
  Step2Summary,
  Step5Assets,
  TestAttemptsSection,
  TesterList,
  type AttemptView,
  type Step5Props,
  type TesterView,
} from "./eservice-step-2-3";

export type { RawAnswers };

export interface StepPageProps {
  step4?: { values: RawAnswers; groupsByPart: Parameters<typeof PlatformApplicationSummary>[0]["groupsByPart"]; authLetter: { id: string; fileName: string } | null };
  golive?: Omit<GoLiveProps, "serviceId" | "editable" | "officer" | "csrfToken" | "errors">;
  step5?: Omit<Step5Props, "serviceId" | "editable" | "officer" | "csrfToken" | "errors">;
  testers?: TesterView[];
  attempts?: AttemptView[];
  uploadError?: string | null;
  service: { id: string; name: string; agencyName: string };
  states: StepState[];
  stepNo: number;
  state: StepState;
  answers: RawAnswers;
  comments: Record<string, string> | null;
  errors?: FieldErrors;
  csrfToken: string;
  viewer: "agency" | "officer";
  latestLaunchDate: string;
  icon: { id: string; fileName: string } | null;
  iconError?: string | null;
  submittedAt: Date | null;
  savedNotice?: boolean;
}

const str = answerText;
const list = answerList;

function cls(errors: FieldErrors | undefined, name: string) {
  return errors?.[name] ? "field field-invalid" : "field";
}

/** Whether a form section of the page lists `errors` in its own summary (a step's form, the review, the batch move). */
function sectionListsErrors(props: StepPageProps, editable: boolean): boolean {
  if (props.viewer === "officer") {
    return props.state === "in_review" || (props.stepNo === 7 && !!props.golive?.confirmed?.batchDate && !props.golive.confirmed.launchedAt);
  }
  return editable && [1, 2, 5, 7].includes(props.stepNo);
}

/** What no section of the page will show, listed at its top: a refused submit, a state conflict, an upload refused once its form is gone. */
function unshownErrors(props: StepPageProps, editable: boolean): FieldErrors {
  const errors: FieldErrors = sectionListsErrors(props, editable) ? {} : { ...props.errors };
  const upload = editable ? null : (props.uploadError ?? props.iconError);
  if (upload) errors._form ??= upload;
  return errors;
}

/** The page of one step: header, progress, then the form, the read-only answers, or the review form. */
export function EserviceStepPage(props: StepPageProps) {
  const step = STEPS[props.stepNo - 1]!;
  const editable = props.viewer === "agency" && openToAgency(props.states, props.stepNo);
  const comments = labelledComments(stepDefinition(props.stepNo)!, props.comments);
  return (
    <section class="eservice-step">
      <p>
        <a href={`/eservices/${props.service.id}`}>← {props.service.name}</a>
      </p>
      <h1>
        e-Service: {props.service.name} <span class="secondary">({props.service.agencyName})</span>
      </h1>
      <ProgressBar states={props.states} serviceId={props.service.id} current={props.stepNo} />
      <h2>
        {step.no}. {step.th} <span class={`step-badge step-${props.state}`}>{STEP_STATE_LABEL[props.state]}</span>
      </h2>
      <ErrorSummary errors={unshownErrors(props, editable)} />
      {props.savedNotice ? (
        <p class="flash" role="status">
          บันทึกร่างแล้ว
        </p>
      ) : null}
      {comments.length ? <OfficerComments state={props.state} comments={comments} /> : null}
      {props.state === "in_review" && props.viewer === "agency" && props.stepNo !== 7 ? <InReviewNotice submittedAt={props.submittedAt} /> : null}
      {props.state === "locked" ? <p>ขั้นตอนนี้จะเปิดเมื่อขั้นตอนก่อนหน้าผ่านการตรวจสอบ</p> : null}
      {props.stepNo === 1 && editable ? <Step1Form {...props} /> : null}
      {props.stepNo === 1 && !editable && props.state !== "locked" ? <Step1Summary answers={props.answers} icon={props.icon} serviceId={props.service.id} /> : null}
      {props.stepNo === 5 && props.state !== "locked" && props.step5 ? (
        <Step5Assets
          serviceId={props.service.id}
          editable={editable}
          officer={props.viewer === "officer"}
          csrfToken={props.csrfToken}
          errors={props.errors}
          {...props.step5}
        />
      ) : null}
      {(props.stepNo === 2 || props.stepNo === 5) && props.state !== "locked" ? (
        <Step2Section
          stepNo={props.stepNo}
          serviceId={props.service.id}
          answers={props.answers}
          comments={props.comments}
          errors={props.errors}
          csrfToken={props.csrfToken}
          testers={props.testers ?? []}
          editable={editable}
        />
      ) : null}
      {(props.stepNo === 3 || props.stepNo === 6) && props.state !== "locked" ? (
        <TestAttemptsSection
          serviceId={props.service.id}
          stepNo={props.stepNo}
          attempts={props.attempts ?? []}
          editable={editable}
          officer={props.viewer === "officer"}
          csrfToken={props.csrfToken}
          uploadError={props.uploadError ?? props.errors?.attempts ?? null}
          comments={props.comments}
        />
      ) : null}
      {props.stepNo === 7 && props.state !== "locked" && props.golive ? (
        <GoLiveSection
          serviceId={props.service.id}
          editable={editable}
          officer={props.viewer === "officer"}
          csrfToken={props.csrfToken}
          errors={props.errors}
          {...props.golive}
          canMove={props.viewer === "officer" && canWrite(props.states, props.stepNo, "booking", "officer") && !!props.golive.confirmed && isLiveBooking(props.golive.confirmed)}
          approved={props.state === "done"}
        />
      ) : null}
      {props.stepNo === 4 && props.state !== "locked" && props.step4 ? (
        <>
          {editable ? (
            <p class="button-row">
              <a class="button" href={`/eservices/${props.service.id}/steps/4/parts/1`}>
                กรอกแบบฟอร์ม (3 ส่วน)
              </a>
              <a class="button button-secondary" href={`/eservices/${props.service.id}/steps/4/check`}>
                ตรวจสอบข้อมูลและส่ง
              </a>
            </p>
          ) : null}
          <PlatformApplicationSummary serviceId={props.service.id} values={props.step4.values} groupsByPart={props.step4.groupsByPart} authLetter={props.step4.authLetter} editable={editable} />
        </>
      ) : null}
      {props.viewer === "officer" && props.state === "in_review" ? <ReviewForm {...props} /> : null}
    </section>
  );
}

/** Every comment of the last review in one place, so a reason never hides behind a field that is not shown. */
function OfficerComments(props: { state: StepState; comments: { label: string; text: string }[] }) {
  return (
    <section class={props.state === "returned" ? "warning officer-comments" : "card officer-comments"} role="note" aria-labelledby="officer-comments-heading">
      <h3 id="officer-comments-heading">ความเห็นของเจ้าหน้าที่</h3>
      {props.state === "returned" ? <p>เจ้าหน้าที่ส่งกลับให้แก้ไข กรุณาแก้ไขตามความเห็นด้านล่าง (แสดงข้างช่องที่เกี่ยวข้องด้วย) แล้วส่งใหม่</p> : null}
      <ul>
        {props.comments.map((c) => (
          <li>
            <strong>{c.label}:</strong> {c.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

function InReviewNotice(props: { submittedAt: Date | null }) {
  return (
    <div class="card review-notice" role="status">
      <h3>อยู่ระหว่างการตรวจสอบ</h3>
      <p>ข้อมูลของคุณกำลังถูกตรวจสอบโดยเจ้าหน้าที่{props.submittedAt ? ` (ส่งเมื่อ ${formatThaiDateTime(props.submittedAt)})` : ""}</p>
      <p>
        <strong>ข้อมูลที่สำคัญ:</strong> เราจะส่งอีเมลแจ้งให้ทราบเมื่อการตรวจสอบเสร็จสิ้น กรุณาตรวจสอบอีเมลของคุณเป็นระยะ
      </p>
    </div>
  );
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

function Step1Form(props: StepPageProps) {
  const a = props.answers;
  const e = props.errors;
  const c = props.comments;
  const tasks = [...list(a, "tasks").filter((t) => t.trim()), ""];
  const base = `/eservices/${props.service.id}/steps/1`;
  return (
    <>
      <ErrorSummary errors={e} labels={STEP1_LABELS} />
      <section class="card" aria-labelledby="icon-heading">
        <h3 id="icon-heading">ไอคอน e-Service (ถ้ามี)</h3>
        {props.icon ? (
          <p>
            ไฟล์ไอคอน: <a href={`/eservices/${props.service.id}/files/${props.icon.id}`}>{props.icon.fileName}</a>
          </p>
        ) : (
          <p class="secondary">ยังไม่มีไอคอน</p>
        )}
        <form method="post" enctype="multipart/form-data" action={`/eservices/${props.service.id}/icon?_csrf=${encodeURIComponent(props.csrfToken)}`} class={props.iconError ? "field field-invalid" : "field"}>
          <label for="f-icon">อัปโหลดไฟล์ไอคอน (JPG หรือ PNG)</label>
          {props.iconError ? (
            <p class="field-error" id="f-icon-error">
              {props.iconError}
            </p>
          ) : null}
          <input id="f-icon" name="file" type="file" accept="image/png,image/jpeg" />
          <button type="submit" class="button button-secondary">
            อัปโหลดไอคอน
          </button>
        </form>
      </section>
      <form method="post" action={base} novalidate>
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
          <p class="counter" data-count-for={fieldId("shortDescription")} aria-live="polite">
            0/{SHORT_DESCRIPTION_MAX}
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
        <div class={cls(e, "launchDate")}>
          <label for={fieldId("launchDate")}>{STEP1_LABELS.launchDate} *</label>
          <p class="hint">ต้องไม่เกินสิ้นปีงบประมาณ ({props.latestLaunchDate})</p>
          <OfficerComment comments={c} name="launchDate" />
          <FieldError errors={e} name="launchDate" />
          <input id={fieldId("launchDate")} name="launchDate" type="date" max={props.latestLaunchDate} value={str(a, "launchDate")} />
        </div>
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
      </form>
    </>
  );
}

/** Step 1's answers read-only: the agency's check page, the locked view, and the officer's review. */
export function Step1Summary(props: { answers: RawAnswers; icon: { id: string; fileName: string } | null; serviceId: string }) {
  const a = props.answers;
  const pick = (k: string, map: Record<string, string>) => list(a, k).map((v) => map[v] ?? v).join(", ") || "-";
  const tasks = list(a, "tasks").filter((t) => t.trim());
  const rows: [string, string][] = [
    [STEP1_LABELS.category, str(a, "category") || "-"],
    [STEP1_LABELS.shortDescription, str(a, "shortDescription") || "-"],
    [STEP1_LABELS.fullDescription, str(a, "fullDescription") || "-"],
    ["ไอคอน", props.icon ? props.icon.fileName : "ไม่มี"],
    [STEP1_LABELS.iconConcept, str(a, "iconConcept") || "-"],
    [STEP1_LABELS.launchDate, str(a, "launchDate") || "-"],
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

/** The agency's check-your-answers page: everything once more, then "ยืนยัน". */
export function StepCheckPage(props: {
  service: { id: string; name: string };
  stepNo: number;
  answers: RawAnswers;
  icon: { id: string; fileName: string } | null;
  testers: TesterView[];
  csrfToken: string;
}) {
  return (
    <section class="eservice-step">
      <h1>e-Service: {props.service.name}</h1>
      <h2>ตรวจสอบข้อมูลก่อนส่ง: {STEPS[props.stepNo - 1]!.th}</h2>
      {props.stepNo === 1 ? <Step1Summary answers={props.answers} icon={props.icon} serviceId={props.service.id} /> : null}
      {props.stepNo === 2 || props.stepNo === 5 ? (
        <>
          <Step2Summary answers={props.answers} />
          <TesterList serviceId={props.service.id} stepNo={props.stepNo} testers={props.testers} editable={false} csrfToken={props.csrfToken} comments={null} />
        </>
      ) : null}
      <div class="button-row">
        <form method="post" action={`/eservices/${props.service.id}/steps/${props.stepNo}/submit`}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <OnceField />
          <button type="submit" class="button">
            ยืนยัน
          </button>
        </form>
        <a class="button button-secondary" href={`/eservices/${props.service.id}/steps/${props.stepNo}`}>
          แก้ไข
        </a>
      </div>
    </section>
  );
}

/** The officer's decision: approve, or return with a comment on any field. */
function ReviewForm(props: StepPageProps) {
  const labels = stepDefinition(props.stepNo)!.reviewLabels;
  return (
    <section class="card review-form" aria-labelledby="review-heading">
      <h3 id="review-heading">ผลการตรวจสอบ</h3>
      <ErrorSummary errors={props.errors} />
      <form method="post" action={`/eservices/${props.service.id}/steps/${props.stepNo}/review`}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <p class="hint">หากส่งกลับแก้ไข ให้เขียนความเห็นในช่องของข้อมูลที่ต้องแก้ หรือในความเห็นทั่วไป (อย่างน้อย 1 ช่อง) หน่วยงานจะเห็นทุกความเห็นในหน้านี้และในอีเมล</p>
        {[...Object.entries(labels), ["general", "ความเห็นทั่วไป"] as [string, string]].map(([name, label]) => (
          <div class="field">
            <label for={`comment-${name}`}>ความเห็นเรื่อง {label}</label>
            <textarea id={`comment-${name}`} name={`comment.${name}`} rows={2} />
          </div>
        ))}
        <div class="button-row">
          <button type="submit" name="decision" value="approve" class="button">
            อนุมัติ
          </button>
          <button type="submit" name="decision" value="return" class="button button-secondary">
            ส่งกลับแก้ไข
          </button>
        </div>
      </form>
    </section>
  );
}
