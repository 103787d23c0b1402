/**
 * @module
 * Step 2, พัฒนาและติดตั้ง UAT: how the service reaches the citizen's profile
 * (mToken or OIDC with its URLs) and who tests it. Step 5 asks the same again
 * for pre-production (preprod.tsx), so the form and the testers live here once.
 */
import { PROFILE_ACCESS, STEP2_LABELS, TESTER_LABELS, TESTER_OS } from "../../domain/onboarding/uat";
import { PhoneLink } from "../components/phone-link";
import { stepDefinition } from "../../domain/onboarding/steps";
import type { FieldErrors, FormValues } from "../../domain/forms";
import { maskThaiId } from "../../domain/thai-id";
import { AnswerRows, answerList, answerText, CheckOrDraftButtons, errorFor, OfficerComment, type RawAnswers } from "../components/answer-fields";
import { ErrorSummary } from "../components/error-summary";
import { DeleteLink } from "../components/confirm-delete";
import { Field, fieldId } from "../components/field";
import { OnceField } from "../components/once-field";
import type { CheckSummaryProps, StepSection } from "./step-page";
import { withoutUploadErrors } from "./upload-errors";

const str = answerText;
const lines = (a: RawAnswers, k: string) => answerList(a, k).join("\n");

export interface TesterView {
  id: string;
  fullName: string;
  organisation: string;
  email: string;
  phone: string;
  nationalId: string;
  os: "ios" | "android";
}

function TextArea(props: { name: string; label: string; hint?: string; value: string; errors?: FieldErrors; comments: Record<string, string> | null }) {
  const error = errorFor(props.errors, props.name);
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={fieldId(props.name)}>{props.label}</label>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      <OfficerComment comments={props.comments} name={props.name} />
      {error ? (
        <p class="field-error" id={`${fieldId(props.name)}-error`}>
          <span class="visually-hidden">ข้อผิดพลาด: </span>
          {error}
        </p>
      ) : null}
      <textarea id={fieldId(props.name)} name={props.name} rows={3} aria-invalid={error ? "true" : undefined}>
        {props.value}
      </textarea>
    </div>
  );
}

export interface SetupSectionProps {
  serviceId: string;
  /** The step showing it: UAT's set-up, or pre-production's (the same form and testers). */
  stepNo: number;
  answers: RawAnswers;
  comments: Record<string, string> | null;
  errors?: FieldErrors;
  csrfToken: string;
  testers: TesterView[];
  editable: boolean;
}

/** Profile access (mToken or OIDC with its URLs) and the testers: the form while editable, read back otherwise. */
export function SetupSection(props: SetupSectionProps) {
  const a = props.answers;
  const e = props.errors;
  const stepNo = props.stepNo;
  const base = `/eservices/${props.serviceId}/steps/${stepNo}`;
  return (
    <>
      {props.editable ? <ErrorSummary errors={withoutUploadErrors(e)} labels={stepDefinition(stepNo)!.reviewLabels} listsInOneControl /> : null}
      {props.editable ? (
        <form method="post" action={base} novalidate>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <fieldset class={e?.profileAccess ? "field field-invalid" : "field"} id={fieldId("profileAccess")}>
            <legend>{STEP2_LABELS.profileAccess} *</legend>
            <OfficerComment comments={props.comments} name="profileAccess" />
            {e?.profileAccess ? <p class="field-error">{e.profileAccess}</p> : null}
            {Object.entries(PROFILE_ACCESS).map(([value, label]) => (
              <label class="choice">
                <input type="radio" name="profileAccess" value={value} checked={str(a, "profileAccess") === value} /> {label}
              </label>
            ))}
          </fieldset>
          <Field name="landingUrl" label={`${STEP2_LABELS.landingUrl} *`} type="url" values={{ landingUrl: str(a, "landingUrl") }} errors={e} hint="ต้องขึ้นต้นด้วย https://" />
          <OfficerComment comments={props.comments} name="landingUrl" />
          <Field name="domain" label={`${STEP2_LABELS.domain} (เฉพาะ OIDC)`} values={{ domain: str(a, "domain") }} errors={e} hint="เช่น service.go.th (ไม่ต้องใส่ https://)" />
          <OfficerComment comments={props.comments} name="domain" />
          <TextArea name="loginCallbacks" label={`${STEP2_LABELS.loginCallbacks} (เฉพาะ OIDC)`} hint="หนึ่ง URL ต่อบรรทัด กด Enter เพื่อเพิ่ม URL ถัดไป ทุก URL ต้องเป็น https และอยู่ในโดเมนข้างต้น" value={lines(a, "loginCallbacks")} errors={e} comments={props.comments} />
          <TextArea name="logoutCallbacks" label={`${STEP2_LABELS.logoutCallbacks} (เฉพาะ OIDC)`} hint="หนึ่ง URL ต่อบรรทัด" value={lines(a, "logoutCallbacks")} errors={e} comments={props.comments} />
          <CheckOrDraftButtons />
        </form>
      ) : (
        <SetupSummary answers={a} />
      )}
      <TesterList serviceId={props.serviceId} stepNo={stepNo} testers={props.testers} editable={props.editable} csrfToken={props.csrfToken} error={e?.testers} comments={props.comments} />
    </>
  );
}

/** The set-up answers read back; the OIDC details only when OIDC was chosen. */
export function SetupSummary(props: { answers: RawAnswers }) {
  const a = props.answers;
  const rows: [string, string][] = [
    [STEP2_LABELS.profileAccess, PROFILE_ACCESS[str(a, "profileAccess") as "mtoken"] ?? "-"],
    [STEP2_LABELS.landingUrl, str(a, "landingUrl") || "-"],
  ];
  if (str(a, "profileAccess") === "oidc") {
    rows.push([STEP2_LABELS.domain, str(a, "domain") || "-"], [STEP2_LABELS.loginCallbacks, lines(a, "loginCallbacks") || "-"], [STEP2_LABELS.logoutCallbacks, lines(a, "logoutCallbacks") || "-"]);
  }
  return <AnswerRows rows={rows} />;
}

/** The testers, with add/edit/remove (a dialog with htmx, a plain page without). */
export function TesterList(props: { serviceId: string; stepNo: number; testers: TesterView[]; editable: boolean; csrfToken: string; error?: string; comments: Record<string, string> | null }) {
  const base = `/eservices/${props.serviceId}/steps/${props.stepNo}/testers`;
  return (
    <section aria-labelledby="testers-heading" id={fieldId("testers")} class={props.error ? "field-invalid" : undefined}>
      <h3 id="testers-heading">ข้อมูลผู้ทดสอบ ({props.testers.length} คน)</h3>
      <OfficerComment comments={props.comments} name="testers" />
      {props.error ? <p class="field-error">{props.error}</p> : null}
      <ol class="testers">
        {props.testers.map((t) => (
          <li class="card">
            <strong>
              {t.fullName} ({TESTER_OS[t.os]})
            </strong>{" "}
            · {t.organisation}
            <br />
            อีเมล <a href={`mailto:${t.email}`}>{t.email}</a> · โทร <PhoneLink phone={t.phone} />
            <TesterPid serviceId={props.serviceId} stepNo={props.stepNo} tester={t} csrfToken={props.csrfToken} />
            {props.editable ? (
              <div>
                <a href={`${base}/${t.id}/edit`} hx-get={`${base}/${t.id}/edit`} hx-target="#dialog-slot" class="inline-form">
                  แก้ไข<span class="visually-hidden"> {t.fullName}</span>
                </a>
                <DeleteLink action={`${base}/${t.id}/delete`} confirmHref={`${base}/${t.id}/delete`} what={`ผู้ทดสอบ ${t.fullName}`} />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {props.editable ? (
        <p>
          <a class="button button-secondary" href={`${base}/new`} hx-get={`${base}/new`} hx-target="#dialog-slot">
            + เพิ่มผู้ทดสอบ
          </a>
        </p>
      ) : null}
      <div id="dialog-slot"></div>
    </section>
  );
}

/**
 * A tester's national ID, masked, with the button that shows it in full (and
 * records that view); `revealed` is the full ID right after that.
 */
export function TesterPid(props: { serviceId: string; stepNo: number; tester: { id: string; fullName: string; nationalId: string }; csrfToken: string; revealed?: string }) {
  const action = `/eservices/${props.serviceId}/steps/${props.stepNo}/testers/${props.tester.id}/pid`;
  return (
    <div id={`tester-pid-${props.tester.id}`}>
      เลขบัตร {props.revealed ?? maskThaiId(props.tester.nationalId)}
      {props.revealed ? null : (
        <form method="post" action={action} class="inline-form" hx-post={action} hx-target={`#tester-pid-${props.tester.id}`} hx-swap="outerHTML">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit" class="button-link">
            แสดงเลขประจำตัวประชาชนเต็ม<span class="visually-hidden"> ของ {props.tester.fullName}</span>
          </button>
        </form>
      )}
    </div>
  );
}

/** Without htmx: the one tester's full ID on its own page, with the way back. */
export function TesterPidPage(props: { backHref: string; fullName: string; pid: string }) {
  return (
    <section class="narrow">
      <p>
        <a href={props.backHref}>← กลับไปหน้าขั้นตอน</a>
      </p>
      <h1>เลขประจำตัวประชาชนของผู้ทดสอบ</h1>
      <dl class="facts">
        <dt>ผู้ทดสอบ</dt>
        <dd>{props.fullName}</dd>
        <dt>เลขประจำตัวประชาชน</dt>
        <dd>{props.pid}</dd>
      </dl>
      <p class="hint">การดูเลขประจำตัวประชาชนเต็มถูกบันทึกไว้แล้ว</p>
    </section>
  );
}

/** The tester form: inside a <dialog> when htmx asked for it, a page otherwise. */
export function TesterForm(props: { action: string; backHref: string; values?: FormValues; errors?: FieldErrors; csrfToken: string; title: string; keepPidHint?: string }) {
  const os = props.values?.os ?? "";
  return (
    <div class="tester-form">
      <h2>{props.title}</h2>
      <ErrorSummary errors={props.errors} labels={TESTER_LABELS} />
      <form method="post" action={props.action} hx-post={props.action} hx-target="#dialog-slot" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <OnceField />
        <Field name="fullName" label={TESTER_LABELS.fullName} values={props.values} errors={props.errors} autocomplete="name" required />
        <Field name="organisation" label={TESTER_LABELS.organisation} values={props.values} errors={props.errors} autocomplete="organization" required />
        <Field name="email" label={TESTER_LABELS.email} type="email" values={props.values} errors={props.errors} autocomplete="email" required />
        <Field name="phone" label={TESTER_LABELS.phone} type="tel" values={props.values} errors={props.errors} inputmode="tel" required />
        <Field name="nationalId" label={TESTER_LABELS.nationalId} values={props.values} errors={props.errors} inputmode="numeric" hint={props.keepPidHint} required={!props.keepPidHint} />
        <fieldset class={props.errors?.os ? "field field-invalid" : "field"} id={fieldId("os")}>
          <legend>{TESTER_LABELS.os}</legend>
          {props.errors?.os ? <p class="field-error">{props.errors.os}</p> : null}
          {Object.entries(TESTER_OS).map(([value, label]) => (
            <label class="choice">
              <input type="radio" name="os" value={value} checked={os === value} /> {label}
            </label>
          ))}
        </fieldset>
        <div class="button-row">
          <button type="submit" class="button">
            บันทึกผู้ทดสอบ
          </button>
          <a href={props.backHref} class="button button-secondary">
            ยกเลิก
          </a>
        </div>
      </form>
    </div>
  );
}

export function TesterDialog(props: Parameters<typeof TesterForm>[0]) {
  return (
    <dialog open class="dialog" aria-label={props.title}>
      <TesterForm {...props} />
    </dialog>
  );
}

/** The set-up answers and the testers, read back on the check page (steps 2 and 5). */
export function SetupCheckSummary(props: CheckSummaryProps) {
  return (
    <>
      <SetupSummary answers={props.answers} />
      <TesterList serviceId={props.serviceId} stepNo={props.stepNo} testers={props.testers} editable={false} csrfToken={props.csrfToken} comments={null} />
    </>
  );
}

/** Step 2 on the shared page. */
export const uatSection: StepSection = {
  Body: (props) => (
    <SetupSection
      stepNo={props.stepNo}
      serviceId={props.service.id}
      answers={props.answers}
      comments={props.comments}
      errors={props.errors}
      csrfToken={props.csrfToken}
      testers={props.testers ?? []}
      editable={props.editable}
    />
  ),
  listsErrors: (props) => props.editable,
  CheckSummary: SetupCheckSummary,
};
