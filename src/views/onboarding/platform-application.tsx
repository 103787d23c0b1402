/**
 * @module
 * Step 4, ขอใช้บริการขึ้นแพลตฟอร์มกลาง, the long form: three parts, each its
 * own page, the signed authorisation letter on part 1, the answers read back
 * part by part, and the check page before the step is submitted.
 */
import { AutosaveStatus, autosaveAttrs } from "../components/autosave";
import type { FieldErrors } from "../../domain/forms";
import { PERSONAL_DATA_FIELDS } from "../../domain/onboarding/credentials";
import {
  ADMIN_SAME,
  AGENCY_TYPES,
  CONSENTS,
  CONSENT_VALUE,
  CONTACT_CHANNELS,
  COORDINATOR_WHO,
  GROUP_FIELDS,
  IDENTITY_LEVELS_STEP4,
  JURISTIC_DATA,
  PART1_NOTES,
  PART2_NOTES,
  PART_FIELDS,
  PART_LABELS,
  PARTS,
  TARGET_USERS,
  DEVICE_ACCESS_STEP4,
  type PartNo,
  type VisibleGroups,
} from "../../domain/onboarding/platform-application";
import { PROFILE_ACCESS } from "../../domain/onboarding/uat";
import { THAI_PROVINCES } from "../../domain/thai-provinces";
import { answerList, answerText, errorFor, FieldError, OfficerComment, type RawAnswers } from "../components/answer-fields";
import { thaiDateAnswer } from "../../domain/dates";
import { DateInput } from "../components/date-input";
import { ErrorSummary } from "../components/error-summary";
import { fieldId } from "../components/field";
import { OnceField } from "../components/once-field";
import { UploadError, uploadInputAria } from "../components/upload-error";
import { PhoneLink } from "../components/phone-link";
import type { StepSection } from "./step-page";

type Raw = RawAnswers;
const YES_NO = { yes: "ต้องการ", no: "ไม่ต้องการ" };
const HAS = { yes: "มี", no: "ไม่มี" };

/** How each field is asked; anything not listed is a one-line text input. */
const RADIOS: Record<string, Record<string, string>> = {
  agencyType: AGENCY_TYPES,
  adminSame: ADMIN_SAME,
  contactChannel: CONTACT_CHANNELS,
  coordinatorWho: COORDINATOR_WHO,
  targetUsers: TARGET_USERS,
  wantsPersonalData: YES_NO,
  identityLevel: IDENTITY_LEVELS_STEP4,
  canDownload: HAS,
  wantsNotification: YES_NO,
  smartTracking: YES_NO,
  profileAccess: PROFILE_ACCESS,
};
const CHECKS: Record<string, Record<string, string>> = {
  personalData: PERSONAL_DATA_FIELDS,
  juristicData: JURISTIC_DATA,
  deviceAccess: DEVICE_ACCESS_STEP4,
};
/** Answers that show or hide other fields: changing them refreshes the form (htmx), or shows on the next save. */
const TOGGLES = new Set(["agencyType", "adminSame", "contactChannel", "coordinatorWho", "targetUsers", "wantsPersonalData", "profileAccess"]);
const TEXTAREAS = new Set(["description", "accessDetails", "loginCallbacks", "logoutCallbacks"]);
const NOTES: Record<string, string> = { ...PART1_NOTES, ...PART2_NOTES };
const HIDDEN = new Set(["hasAuthLetter"]);
const CONSENT_KEYS = new Set<string>(CONSENTS.map((c) => c.key));

const str = answerText;
const list = answerList;

/** Whether a field sits inside a group that the current answers hide. */
function hidden(name: string, groups: VisibleGroups): boolean {
  for (const [group, fields] of Object.entries(GROUP_FIELDS)) {
    if ((fields as readonly string[]).includes(name) && !groups[group as keyof VisibleGroups]) return true;
  }
  return false;
}

function label(name: string): string {
  return (PART_LABELS as Record<string, string>)[name] ?? name;
}

function FieldFor(props: { name: string; values: Raw; errors?: FieldErrors; warnings: Record<string, string>; comments: Record<string, string> | null; refresh: string }) {
  const { name, values, errors } = props;
  const id = fieldId(name);
  const invalid = !!errorFor(errors, name);
  const cls = invalid ? "field field-invalid" : "field";
  const note = NOTES[name] ? <p class="hint">{NOTES[name]}</p> : null;
  const comment = <OfficerComment comments={props.comments} name={name} />;
  const warning = props.warnings[name] ? (
    <p class="warning" id={`${id}-warning`}>
      {props.warnings[name]}
    </p>
  ) : null;
  if (name === "launchDate") {
    return (
      <>
        {comment}
        <DateInput name={name} legend={label(name)} hint={NOTES[name]} value={str(values, name)} errors={errors} />
      </>
    );
  }
  if (CONSENT_KEYS.has(name)) {
    const consent = CONSENTS.find((c) => c.key === name)!;
    return (
      <fieldset class={cls} id={id}>
        <legend>{label(name)}</legend>
        <p>{consent.th}</p>
        {comment}
        <FieldError errors={errors} name={name} nested />
        <label class="choice">
          <input type="checkbox" name={name} value={CONSENT_VALUE} checked={str(values, name) === CONSENT_VALUE} /> ตกลง
        </label>
      </fieldset>
    );
  }
  if (RADIOS[name]) {
    const toggles = TOGGLES.has(name);
    return (
      <fieldset
        class={cls}
        id={id}
        hx-post={toggles ? props.refresh : undefined}
        hx-trigger={toggles ? "change" : undefined}
        hx-include={toggles ? "closest form" : undefined}
        hx-target={toggles ? "closest form" : undefined}
        hx-swap={toggles ? "outerHTML" : undefined}
      >
        <legend>{label(name)}</legend>
        {note}
        {comment}
        <FieldError errors={errors} name={name} nested />
        {Object.entries(RADIOS[name]!).map(([value, text]) => (
          <label class="choice">
            <input type="radio" name={name} value={value} checked={str(values, name) === value} /> {text}
          </label>
        ))}
      </fieldset>
    );
  }
  if (CHECKS[name]) {
    const picked = list(values, name);
    return (
      <fieldset class={cls} id={id}>
        <legend>{label(name)}</legend>
        {note}
        {comment}
        <FieldError errors={errors} name={name} nested />
        {Object.entries(CHECKS[name]!).map(([value, text]) => (
          <label class="choice">
            <input type="checkbox" name={name} value={value} checked={picked.includes(value)} /> {text}
          </label>
        ))}
      </fieldset>
    );
  }
  return (
    <div class={cls}>
      <label for={id}>{label(name)}</label>
      {note}
      {comment}
      <FieldError errors={errors} name={name} nested />
      {warning}
      {name === "province" ? (
        <select id={id} name={name} aria-invalid={invalid ? "true" : undefined}>
          <option value="">— เลือกจังหวัด —</option>
          {THAI_PROVINCES.map((p) => (
            <option value={p} selected={str(values, name) === p}>
              {p}
            </option>
          ))}
        </select>
      ) : TEXTAREAS.has(name) ? (
        <textarea id={id} name={name} rows={name.endsWith("Callbacks") ? 3 : 4} aria-invalid={invalid ? "true" : undefined}>
          {name.endsWith("Callbacks") ? list(values, name).join("\n") : str(values, name)}
        </textarea>
      ) : (
        <input
          id={id}
          name={name}
          type={/Email$/.test(name) ? "email" : /Phone|Mobile/.test(name) ? "tel" : /Url$|website/.test(name) ? "url" : "text"}
          inputmode={/Pid$|postcode/.test(name) ? "numeric" : undefined}
          value={str(values, name)}
          aria-invalid={invalid ? "true" : undefined}
        />
      )}
    </div>
  );
}

export interface PartPageProps {
  serviceId: string;
  part: PartNo;
  values: Raw;
  errors?: FieldErrors;
  warnings: Record<string, string>;
  groups: VisibleGroups;
  comments: Record<string, string> | null;
  csrfToken: string;
  authLetter: { id: string; fileName: string } | null;
  uploadError?: string | null;
}

/** Which parts exist and where the user is, as a list (read in order by screen readers). */
export function PartsIndicator(props: { serviceId: string; current: PartNo | "check" }) {
  return (
    <ol class="parts" aria-label="ส่วนของแบบฟอร์ม">
      {PARTS.map((p) => (
        <li aria-current={props.current === p.no ? "step" : undefined} class={props.current === p.no ? "part-current" : undefined}>
          <a href={`/eservices/${props.serviceId}/steps/4/parts/${p.no}`}>
            ส่วนที่ {p.no}: {p.th}
          </a>
        </li>
      ))}
      <li aria-current={props.current === "check" ? "step" : undefined} class={props.current === "check" ? "part-current" : undefined}>
        ตรวจสอบข้อมูล
      </li>
    </ol>
  );
}

/** One part of the step-4 form: only its fields, conditional groups as the answers say. */
export function PartForm(props: PartPageProps) {
  const base = `/eservices/${props.serviceId}/steps/4/parts/${props.part}`;
  const fields = (PART_FIELDS[props.part] as readonly string[]).filter((f) => !HIDDEN.has(f) && !hidden(f, props.groups));
  return (
    <form method="post" action={base} id="part-form" novalidate data-warn-unsaved {...autosaveAttrs(`${base}/draft`)}>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      {props.part === 1 ? <input type="hidden" name="hasAuthLetter" value={props.authLetter ? "yes" : "no"} /> : null}
      {fields.map((name) => (
        <FieldFor name={name} values={props.values} errors={props.errors} warnings={props.warnings} comments={props.comments} refresh={`${base}/refresh`} />
      ))}
      <div class="button-row">
        {props.part > 1 ? (
          <button type="submit" name="intent" value="back" class="button button-secondary">
            ย้อนกลับ
          </button>
        ) : null}
        <button type="submit" name="intent" value="draft" class="button button-secondary">
          บันทึกร่าง
        </button>
        <button type="submit" name="intent" value="next" class="button">
          {props.part === 3 ? "ตรวจสอบข้อมูล" : "ถัดไป"}
        </button>
      </div>
      <AutosaveStatus />
    </form>
  );
}

export function PartPage(props: PartPageProps & { serviceName: string; savedNotice?: boolean }) {
  const part = PARTS[props.part - 1]!;
  return (
    <section class="eservice-step">
      <p>
        <a href={`/eservices/${props.serviceId}/steps/4`}>← e-Service: {props.serviceName}</a>
      </p>
      <h1>ขอใช้บริการขึ้นแพลตฟอร์มกลาง</h1>
      <PartsIndicator serviceId={props.serviceId} current={props.part} />
      <h2>
        ส่วนที่ {part.no}: {part.th}
      </h2>
      {"intro" in part ? <p class="secondary">{part.intro}</p> : null}
      {props.savedNotice ? (
        <p class="flash" role="status">
          บันทึกร่างแล้ว
        </p>
      ) : null}
      <ErrorSummary
        errors={props.uploadError ? { ...props.errors, authLetterFile: props.uploadError } : props.errors}
        labels={{ ...PART_LABELS, authLetterFile: PART_LABELS.authLetter }}
      />
      {props.part === 1 ? (
        <section class="card" aria-labelledby="auth-letter-heading" id={fieldId("authLetter")}>
          <h3 id="auth-letter-heading">{PART_LABELS.authLetter} (PDF)</h3>
          <p class="hint">{PART1_NOTES.authLetter}</p>
          {props.authLetter ? (
            <p>
              ไฟล์ที่อัปโหลด: <a href={`/eservices/${props.serviceId}/files/${props.authLetter.id}`}>{props.authLetter.fileName}</a>
            </p>
          ) : null}
          <form method="post" enctype="multipart/form-data" action={`/eservices/${props.serviceId}/steps/4/auth-letter`} class={props.uploadError ? "field field-invalid" : "field"}>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <label for="f-authLetterFile">เลือกไฟล์หนังสือมอบหมาย (PDF ไม่เกิน 10 MB)</label>
            <UploadError inputId="f-authLetterFile" message={props.uploadError} />
            <input id="f-authLetterFile" name="file" type="file" accept="application/pdf,.pdf" {...uploadInputAria("f-authLetterFile", props.uploadError)} />
            <button type="submit" class="button button-secondary">
              อัปโหลด
            </button>
          </form>
        </section>
      ) : null}
      <PartForm {...props} />
    </section>
  );
}

/** Every answer once more, part by part, with a link back to each part, then "ยืนยันการส่งข้อมูล". */
export interface PlatformApplicationSummaryProps {
  serviceId: string;
  values: Raw;
  groupsByPart: Record<PartNo, VisibleGroups>;
  authLetter: { fileName: string } | null;
  editable: boolean;
}

export function PlatformApplicationSummary(props: PlatformApplicationSummaryProps) {
  return (
    <>
      {PARTS.map((p) => {
        const fields = (PART_FIELDS[p.no] as readonly string[]).filter((f) => !HIDDEN.has(f) && !hidden(f, props.groupsByPart[p.no]));
        return (
          <section>
            <h3>
              ส่วนที่ {p.no}: {p.th}{" "}
              {props.editable ? (
                <a href={`/eservices/${props.serviceId}/steps/4/parts/${p.no}`} class="secondary">
                  แก้ไข<span class="visually-hidden"> ส่วนที่ {p.no}</span>
                </a>
              ) : null}
            </h3>
            <dl class="check-list">
              {p.no === 1 ? (
                <div class="check-row">
                  <dt>{PART_LABELS.authLetter}</dt>
                  <dd>{props.authLetter?.fileName ?? "ยังไม่ได้อัปโหลด"}</dd>
                </div>
              ) : null}
              {fields.map((f) => {
                const options = RADIOS[f] ?? CHECKS[f];
                const raw = list(props.values, f);
                const shown = f === "launchDate" ? thaiDateAnswer(str(props.values, f)) : CONSENT_KEYS.has(f) ? (str(props.values, f) === CONSENT_VALUE ? "ตกลง" : "") : options ? raw.map((v) => options[v] ?? v).join(", ") : raw.join("\n");
                // Phone numbers read one way everywhere, tap-to-call (a hotline like 1111 stays as typed).
                const isPhone = /Phone|Mobile/.test(f) && shown !== "";
                return (
                  <div class="check-row">
                    <dt>{label(f)}</dt>
                    <dd class="preserve-lines">{isPhone ? <PhoneLink phone={shown} /> : shown || <span class="secondary">-</span>}</dd>
                  </div>
                );
              })}
            </dl>
          </section>
        );
      })}
    </>
  );
}

/** The check page: what still stops the submit, or every answer once more and "ยืนยันการส่งข้อมูล". */
export function PlatformApplicationCheckPage(props: Omit<PlatformApplicationSummaryProps, "editable"> & { errors: FieldErrors; csrfToken: string }) {
  const problems = Object.values(props.errors);
  return (
    <section class="eservice-step">
      <h1>ตรวจสอบข้อมูลก่อนส่ง: ขอใช้บริการขึ้นแพลตฟอร์มกลาง</h1>
      <PartsIndicator serviceId={props.serviceId} current="check" />
      {problems.length ? (
        <div class="error-summary" role="alert">
          <h2 class="error-summary-title">ยังมีข้อมูลที่ต้องแก้ไข {problems.length} รายการ</h2>
          <ul>
            {problems.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <PlatformApplicationSummary serviceId={props.serviceId} values={props.values} groupsByPart={props.groupsByPart} authLetter={props.authLetter} editable />
      {problems.length === 0 ? (
        <form method="post" action={`/eservices/${props.serviceId}/steps/4/submit`}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <OnceField />
          <button type="submit" class="button">
            ยืนยันการส่งข้อมูล
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** Step 4 on the shared page: the way into the three parts while editable, and the answers so far. */
export const platformApplicationSection: StepSection = {
  Body: (props) =>
    props.step4 ? (
      <>
        {props.editable ? (
          <p class="button-row">
            <a class="button" href={`/eservices/${props.service.id}/steps/4/parts/1`}>
              กรอกแบบฟอร์ม (3 ส่วน)
            </a>
            <a class="button button-secondary" href={`/eservices/${props.service.id}/steps/4/check`}>
              ตรวจสอบข้อมูลและส่ง
            </a>
          </p>
        ) : null}
        <PlatformApplicationSummary
          serviceId={props.service.id}
          values={props.step4.values}
          groupsByPart={props.step4.groupsByPart}
          authLetter={props.step4.authLetter}
          editable={props.editable}
        />
      </>
    ) : null,
  listsErrors: () => false,
};
