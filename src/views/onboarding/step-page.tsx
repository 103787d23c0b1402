/**
 * @module
 * The page every onboarding step shares: header, progress bar, state badge,
 * the officer's comments, the in-review and locked notices, and the officer's
 * review form. What the step itself shows comes from its own file, looked up
 * by the step's key in `SECTIONS`; the generic check-your-answers page looks
 * up the step's summary the same way.
 */
import type { FC } from "hono/jsx";
import { formatThaiDateTime } from "../../messages/dates";
import type { FieldErrors } from "../../domain/forms";
import { labelledComments } from "../../domain/onboarding/review";
import { stepDefinition } from "../../domain/onboarding/steps";
import { allowedStepActions, openToAgency, STEP_STATE_LABEL, type StepKey, type StepState } from "../../domain/onboarding/workflow";
import type { RawAnswers } from "../components/answer-fields";
import { ErrorSummary } from "../components/error-summary";
import { UPLOAD_LABELS, UPLOAD_TARGETS, withoutUploadErrors } from "./upload-errors";
import { OnceField } from "../components/once-field";
import { ProgressBar } from "../components/progress-bar";
import { credentialsSection } from "./credentials";
import { goliveSection, type GoLiveProps } from "./golive";
import { platformApplicationSection, type PlatformApplicationSummaryProps } from "./platform-application";
import { preprodSection, type PreprodAssetsProps } from "./preprod";
import { preprodTestsSection } from "./preprod-tests";
import { uatSection, type TesterView } from "./uat";
import { uatTestsSection, type AttemptView } from "./uat-tests";

export type { RawAnswers };

export interface StepPageProps {
  step4?: Pick<PlatformApplicationSummaryProps, "values" | "groupsByPart"> & { authLetter: { id: string; fileName: string } | null };
  golive?: Omit<GoLiveProps, "serviceId" | "editable" | "officer" | "csrfToken" | "errors">;
  step5?: Omit<PreprodAssetsProps, "serviceId" | "editable" | "officer" | "csrfToken" | "errors">;
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

/** What a step's section is given: the page's props and whether the agency may edit the step now (the declaration's answer). */
export type SectionProps = StepPageProps & { editable: boolean };

/** What the check-your-answers page shows for a step before "ยืนยัน". */
export interface CheckSummaryProps {
  serviceId: string;
  stepNo: number;
  answers: RawAnswers;
  icon: { id: string; fileName: string } | null;
  testers: TesterView[];
  csrfToken: string;
}

/** One step's own part of the shared page, declared in the file named for the step. */
export interface StepSection {
  /** Below the shell, whenever the step has been reached. */
  Body: FC<SectionProps>;
  /** Whether the body lists the page's errors in a summary of its own, so the top of the page leaves them out. */
  listsErrors(props: SectionProps): boolean;
  /** The answers read back on the generic check page (steps whose own form posts to the shared save route). */
  CheckSummary?: FC<CheckSummaryProps>;
  /** The body tells the agency where the review stands itself, so the in-review notice would only repeat it. */
  showsReviewStatus?: boolean;
}

const SECTIONS: Record<StepKey, StepSection> = {
  credential: credentialsSection,
  uat_setup: uatSection,
  uat_test: uatTestsSection,
  platform_application: platformApplicationSection,
  preprod_setup: preprodSection,
  preprod_test: preprodTestsSection,
  golive: goliveSection,
};

/** Whether a form section of the page lists `errors` in its own summary: the review form, or the step's own section. */
function sectionListsErrors(props: SectionProps, section: StepSection): boolean {
  return officerMayReview(props) || section.listsErrors(props);
}

/** The review form exists when the workflow lets an officer decide on this step now. */
function officerMayReview(props: { viewer: "agency" | "officer"; states: StepState[]; stepNo: number }): boolean {
  return props.viewer === "officer" && allowedStepActions(props.states, props.stepNo, "officer").length > 0;
}

/** What no section of the page will show, listed at its top: a refused submit, a state conflict, and every upload error. */
function unshownErrors(props: SectionProps, section: StepSection): FieldErrors {
  const errors: FieldErrors = sectionListsErrors(props, section) ? {} : withoutUploadErrors(props.errors);
  const uploads = { iconError: props.iconError, uploadError: props.uploadError, icon: props.errors?.icon, screenshots: props.errors?.screenshots };
  for (const [key, message] of Object.entries(uploads)) {
    if (!message) continue;
    if (props.editable) errors[key] = message;
    else errors._form ??= message;
  }
  return errors;
}

/** The page of one step: header, progress, then the step's own section, and the review form while it waits for an officer. */
export function EserviceStepPage(props: StepPageProps) {
  const step = stepDefinition(props.stepNo)!;
  const section = SECTIONS[step.key];
  const sectionProps: SectionProps = { ...props, editable: props.viewer === "agency" && openToAgency(props.states, props.stepNo) };
  const comments = labelledComments(step, props.comments);
  return (
    <section class="eservice-step">
      <p>
        <a href={`/eservices/${props.service.id}`}>← {props.service.name}</a>
      </p>
      <h1>
        e-Service: {props.service.name} <span class="secondary">({props.service.agencyName})</span>
      </h1>
      {props.viewer === "officer" ? (
        <p>
          <a href={`/audit/eservices/${props.service.id}`}>ประวัติการเปลี่ยนแปลง (บันทึกการใช้งาน)</a>
        </p>
      ) : null}
      <ProgressBar states={props.states} serviceId={props.service.id} current={props.stepNo} />
      <h2>
        {step.no}. {step.th} <span class={`step-badge step-${props.state}`}>{STEP_STATE_LABEL[props.state]}</span>
      </h2>
      <ErrorSummary errors={unshownErrors(sectionProps, section)} labels={UPLOAD_LABELS} targets={UPLOAD_TARGETS} />
      {props.savedNotice ? (
        <p class="flash" role="status">
          บันทึกร่างแล้ว
        </p>
      ) : null}
      {comments.length ? <OfficerComments state={props.state} comments={comments} /> : null}
      {props.state === "in_review" && props.viewer === "agency" && !section.showsReviewStatus ? <InReviewNotice submittedAt={props.submittedAt} /> : null}
      {props.state === "locked" ? <p>ขั้นตอนนี้จะเปิดเมื่อขั้นตอนก่อนหน้าผ่านการตรวจสอบ</p> : <section.Body {...sectionProps} />}
      {officerMayReview(props) ? <ReviewForm {...props} /> : null}
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

/** The agency's check-your-answers page: everything once more, then "ยืนยัน". */
export function StepCheckPage(props: {
  service: { id: string; name: string };
  stepNo: number;
  answers: RawAnswers;
  icon: { id: string; fileName: string } | null;
  testers: TesterView[];
  csrfToken: string;
}) {
  const step = stepDefinition(props.stepNo)!;
  const Summary = SECTIONS[step.key].CheckSummary;
  return (
    <section class="eservice-step">
      <h1>e-Service: {props.service.name}</h1>
      <h2>ตรวจสอบข้อมูลก่อนส่ง: {step.th}</h2>
      {Summary ? <Summary serviceId={props.service.id} stepNo={props.stepNo} answers={props.answers} icon={props.icon} testers={props.testers} csrfToken={props.csrfToken} /> : null}
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

/** The officer's decision: approve, or return with a comment on any field the registry lists for the step. */
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
