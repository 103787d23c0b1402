import { PROFILE_ACCESS, STEP2_LABELS, TESTER_LABELS, TESTER_OS } from "../../domain/onboarding/uat";
import { OnceField } from "../components/once-field";
import type { FieldErrors, FormValues } from "../../domain/forms";
import { maskThaiId } from "../../domain/thai-id";
import { AnswerRows, answerList, answerText, CheckOrDraftButtons, errorFor, OfficerComment, type RawAnswers } from "../components/answer-fields";
import { ErrorSummary } from "../components/error-summary";
import { Field, fieldId } from "../components/field";
import { formatThaiDate, formatThaiDateTime } from "../format";

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

export interface Step2Props {
  serviceId: string;
  /** 2 (UAT) or 5 (pre-production): the same profile-access form and testers. */
  stepNo?: number;
  answers: RawAnswers;
  comments: Record<string, string> | null;
  errors?: FieldErrors;
  csrfToken: string;
  testers: TesterView[];
  editable: boolean;
}

/** Step 2: profile access (mToken or OIDC with its URLs) and the testers. */
export function Step2Section(props: Step2Props) {
  const a = props.answers;
  const e = props.errors;
  const stepNo = props.stepNo ?? 2;
  const base = `/eservices/${props.serviceId}/steps/${stepNo}`;
  return (
    <>
      {props.editable ? <ErrorSummary errors={e} labels={{ ...STEP2_LABELS, testers: "ผู้ทดสอบ", icon: "ไอคอน", screenshots: "ภาพหน้าจอ" }} /> : null}
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
        <Step2Summary answers={a} />
      )}
      <TesterList serviceId={props.serviceId} stepNo={stepNo} testers={props.testers} editable={props.editable} csrfToken={props.csrfToken} error={e?.testers} comments={props.comments} />
    </>
  );
}

export function Step2Summary(props: { answers: RawAnswers }) {
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
            อีเมล {t.email} · โทร {t.phone} · เลขบัตร {maskThaiId(t.nationalId)}
            {props.editable ? (
              <div>
                <a href={`${base}/${t.id}/edit`} hx-get={`${base}/${t.id}/edit`} hx-target="#dialog-slot" class="inline-form">
                  แก้ไข<span class="visually-hidden"> {t.fullName}</span>
                </a>
                <form method="post" action={`${base}/${t.id}/delete`} class="inline-form">
                  <input type="hidden" name="_csrf" value={props.csrfToken} />
                  <button type="submit" class="button-link">
                    ลบ<span class="visually-hidden"> {t.fullName}</span>
                  </button>
                </form>
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

/** The tester form: inside a <dialog> when htmx asked for it, a page otherwise. */
export function TesterForm(props: { action: string; backHref: string; values?: FormValues; errors?: FieldErrors; csrfToken: string; title: string }) {
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
        <Field name="nationalId" label={TESTER_LABELS.nationalId} values={props.values} errors={props.errors} inputmode="numeric" required />
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

export interface AttemptView {
  id: string;
  attemptNo: number;
  details: string;
  fileName: string;
  createdAt: Date;
  status: "pending" | "approved" | "returned";
  summary: { passed: number; failed: number; total: number } | null;
}

const ATTEMPT_STATUS = { pending: "กำลังดำเนินการ", approved: "ผ่านการตรวจสอบ", returned: "ส่งกลับแก้ไข" };

/** Steps 3 and 6: the table of test attempts and the form for a new one. */
export function TestAttemptsSection(props: {
  serviceId: string;
  stepNo: number;
  attempts: AttemptView[];
  editable: boolean;
  officer: boolean;
  csrfToken: string;
  uploadError?: string | null;
  values?: FormValues;
  comments: Record<string, string> | null;
}) {
  const base = `/eservices/${props.serviceId}/steps/${props.stepNo}/attempts`;
  const env = props.stepNo === 3 ? "UAT Environment" : "Pre-Production";
  return (
    <section aria-labelledby="attempts-heading">
      <h3 id="attempts-heading">ผลการทดสอบผ่าน {env}</h3>
      <OfficerComment comments={props.comments} name="attempts" />
      {props.attempts.length === 0 ? <p class="secondary">ยังไม่มีผลการทดสอบ</p> : null}
      <table class="request-table">
        <caption class="visually-hidden">ผลการทดสอบ</caption>
        <thead>
          <tr>
            <th scope="col">ครั้งที่</th>
            <th scope="col">รายละเอียด</th>
            <th scope="col">ชื่อไฟล์</th>
            <th scope="col">วันที่เพิ่ม</th>
            <th scope="col">สถานะ</th>
            <th scope="col">จัดการ</th>
          </tr>
        </thead>
        <tbody>
          {props.attempts.map((t) => (
            <tr>
              <td data-label="ครั้งที่">{t.attemptNo}</td>
              <td data-label="รายละเอียด" class="preserve-lines">
                {t.details}
              </td>
              <td data-label="ชื่อไฟล์">
                <a href={`${base}/${t.id}/file`}>{t.fileName}</a>
                {t.summary && props.officer ? (
                  <span class="secondary">
                    {" "}
                    (ผ่าน {t.summary.passed} · ไม่ผ่าน {t.summary.failed} · ทั้งหมด {t.summary.total})
                  </span>
                ) : null}
              </td>
              <td data-label="วันที่เพิ่ม">{formatThaiDate(t.createdAt)}</td>
              <td data-label="สถานะ">{ATTEMPT_STATUS[t.status]}</td>
              <td data-label="จัดการ">
                {props.editable && t.status === "pending" ? (
                  <>
                    <a href={`${base}/${t.id}/edit`}>แก้ไข<span class="visually-hidden"> ครั้งที่ {t.attemptNo}</span></a>{" "}
                    <form method="post" action={`${base}/${t.id}/delete`} class="inline-form">
                      <input type="hidden" name="_csrf" value={props.csrfToken} />
                      <button type="submit" class="button-link">
                        ลบ<span class="visually-hidden"> ครั้งที่ {t.attemptNo}</span>
                      </button>
                    </form>
                  </>
                ) : (
                  "-"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.editable ? (
        <form method="post" enctype="multipart/form-data" action={`${base}?_csrf=${encodeURIComponent(props.csrfToken)}`} class="card">
          <h4>เพิ่มผลการทดสอบผ่าน {env}</h4>
          <OnceField />
          <div class={props.uploadError ? "field field-invalid" : "field"}>
            <label for="f-testfile">ไฟล์ผลการทดสอบตาม Minimum Testcase (.xlsx ไม่เกิน 10 MB)</label>
            {props.uploadError ? (
              <p class="field-error" id="f-testfile-error">
                <span class="visually-hidden">ข้อผิดพลาด: </span>
                {props.uploadError}
              </p>
            ) : null}
            <input id="f-testfile" name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          </div>
          <div class="field">
            <label for="f-details">รายละเอียดผลการพัฒนาและติดตั้ง</label>
            <textarea id="f-details" name="details" rows={3}>
              {props.values?.details ?? ""}
            </textarea>
          </div>
          <button type="submit" class="button button-secondary">
            เพิ่มผลการทดสอบ
          </button>
        </form>
      ) : null}
      {props.editable ? (
        <form method="post" action={`/eservices/${props.serviceId}/steps/${props.stepNo}/submit`}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <OnceField />
          <button type="submit" class="button">
            ยืนยันส่งผลการทดสอบ
          </button>
        </form>
      ) : null}
    </section>
  );
}

export function AttemptEditPage(props: { action: string; backHref: string; details: string; csrfToken: string; error?: string; attemptNo: number; at: Date }) {
  return (
    <section class="narrow">
      <h1>แก้ไขผลการทดสอบ ครั้งที่ {props.attemptNo}</h1>
      <p class="secondary">เพิ่มเมื่อ {formatThaiDateTime(props.at)}</p>
      <form method="post" action={props.action}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <div class={props.error ? "field field-invalid" : "field"}>
          <label for="f-details">รายละเอียดผลการพัฒนาและติดตั้ง</label>
          {props.error ? <p class="field-error">{props.error}</p> : null}
          <textarea id="f-details" name="details" rows={4}>
            {props.details}
          </textarea>
        </div>
        <div class="button-row">
          <button type="submit" class="button">
            บันทึก
          </button>
          <a class="button button-secondary" href={props.backHref}>
            ยกเลิก
          </a>
        </div>
      </form>
    </section>
  );
}

export interface Step5Props {
  serviceId: string;
  editable: boolean;
  officer: boolean;
  csrfToken: string;
  credentials: { appId: string | null; keyHint: string | null; issuedAt: Date | null };
  revealedKey?: { appId: string; consumerKey: string } | null;
  icon: { id: string; fileName: string } | null;
  screenshots: { id: string; fileName: string }[];
  templates: { icon: string | null; screenshots: string | null };
  errors?: FieldErrors;
}

/** Step 5's extras: the pre-production credentials, the 120×120 icon and the ordered screenshots. */
export function Step5Assets(props: Step5Props) {
  const base = `/eservices/${props.serviceId}`;
  const q = `?_csrf=${encodeURIComponent(props.csrfToken)}`;
  return (
    <>
      <section class="card" aria-labelledby="cred-heading">
        <h3 id="cred-heading">ข้อมูลสำหรับเชื่อมต่อ Pre-Production</h3>
        {props.revealedKey ? (
          <div class="field">
            <p class="warning" role="alert">
              คัดลอกและเก็บ Consumer Key ไว้ในที่ปลอดภัยตอนนี้ ระบบจะไม่แสดงอีกครั้ง
            </p>
            <p>
              App Id: <code>{props.revealedKey.appId}</code>
            </p>
            <label for="consumer-key">Consumer Key</label>
            <input id="consumer-key" readonly value={props.revealedKey.consumerKey} />
          </div>
        ) : (
          <>
            <p>
              App Id: {props.credentials.appId ? <code>{props.credentials.appId}</code> : <span class="secondary">ยังไม่ได้ออก</span>}
            </p>
            <p>
              Consumer Key:{" "}
              {props.credentials.keyHint ? (
                <code>{`••••••••${props.credentials.keyHint}`}</code>
              ) : (
                <span class="secondary">ยังไม่ได้ออก</span>
              )}
            </p>
            {!props.officer && !props.credentials.keyHint ? (
              <form method="post" action={`${base}/credentials`}>
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <button type="submit" class="button">
                  ออกและแสดง App Id / Consumer Key (แสดงครั้งเดียว)
                </button>
              </form>
            ) : null}
            {props.officer && props.credentials.keyHint ? (
              <form method="post" action={`${base}/credentials/reset`}>
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <button type="submit" class="button button-secondary">
                  รีเซ็ต Consumer Key (หน่วยงานจะขอแสดงใหม่ได้)
                </button>
              </form>
            ) : null}
          </>
        )}
      </section>
      <section class="card" aria-labelledby="icon5-heading" id={fieldId("icon")}>
        <h3 id="icon5-heading">ไอคอนบริการ (JPG หรือ PNG สี่เหลี่ยมจัตุรัส อย่างน้อย 120×120 พิกเซล)</h3>
        {props.templates.icon ? (
          <p>
            <a href={props.templates.icon}>ดาวน์โหลดเอกสารแนวทางการออกแบบไอคอน</a>
          </p>
        ) : null}
        {props.icon ? (
          <p>
            ไฟล์ไอคอน: <a href={`${base}/files/${props.icon.id}`}>{props.icon.fileName}</a>
          </p>
        ) : (
          <p class="secondary">ยังไม่มีไอคอน</p>
        )}
        {props.errors?.icon ? (
          <p class="field-error" id="f-icon5-error">
            {props.errors.icon}
          </p>
        ) : null}
        {props.editable ? (
          <form method="post" enctype="multipart/form-data" action={`${base}/steps/5/icon${q}`} class="field">
            <label for="f-icon5">เลือกไฟล์ไอคอน</label>
            <input id="f-icon5" name="file" type="file" accept="image/png,image/jpeg" />
            <button type="submit" class="button button-secondary">
              อัปโหลดไอคอน
            </button>
          </form>
        ) : null}
      </section>
      <section class="card" aria-labelledby="shots-heading" id={fieldId("screenshots")}>
        <h3 id="shots-heading">ภาพหน้าจอ ({props.screenshots.length} ภาพ)</h3>
        {props.templates.screenshots ? (
          <p>
            <a href={props.templates.screenshots}>ดาวน์โหลดเอกสารแนวทางภาพหน้าจอ</a>
          </p>
        ) : null}
        {props.errors?.screenshots ? <p class="field-error">{props.errors.screenshots}</p> : null}
        <ol class="screenshots">
          {props.screenshots.map((f, i) => (
            <li>
              <a href={`${base}/files/${f.id}`}>{f.fileName}</a>
              {props.editable ? (
                <span>
                  {i > 0 ? (
                    <form method="post" action={`${base}/steps/5/screenshots/${f.id}/up`} class="inline-form">
                      <input type="hidden" name="_csrf" value={props.csrfToken} />
                      <button type="submit" class="button-link">
                        เลื่อนขึ้น<span class="visually-hidden"> {f.fileName}</span>
                      </button>
                    </form>
                  ) : null}
                  {i < props.screenshots.length - 1 ? (
                    <form method="post" action={`${base}/steps/5/screenshots/${f.id}/down`} class="inline-form">
                      <input type="hidden" name="_csrf" value={props.csrfToken} />
                      <button type="submit" class="button-link">
                        เลื่อนลง<span class="visually-hidden"> {f.fileName}</span>
                      </button>
                    </form>
                  ) : null}
                  <form method="post" action={`${base}/steps/5/screenshots/${f.id}/delete`} class="inline-form">
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <button type="submit" class="button-link">
                      ลบ<span class="visually-hidden"> {f.fileName}</span>
                    </button>
                  </form>
                </span>
              ) : null}
            </li>
          ))}
        </ol>
        {props.editable ? (
          <form method="post" enctype="multipart/form-data" action={`${base}/steps/5/screenshots${q}`} class="field">
            <OnceField />
            <label for="f-shot">เลือกไฟล์ภาพหน้าจอ (JPG หรือ PNG)</label>
            <input id="f-shot" name="file" type="file" accept="image/png,image/jpeg" />
            <button type="submit" class="button button-secondary">
              เพิ่มภาพหน้าจอ
            </button>
          </form>
        ) : null}
      </section>
    </>
  );
}
