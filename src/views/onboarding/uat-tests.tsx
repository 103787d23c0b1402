/**
 * @module
 * Step 3, การทดสอบผ่าน UAT Environment: the test attempts, each a Minimum
 * Testcase workbook with details, editable until reviewed. Step 6 runs the same
 * against pre-production (preprod-tests.tsx) with its own environment's name.
 */
import type { FormValues } from "../../domain/forms";
import { OfficerComment } from "../components/answer-fields";
import { DeleteLink } from "../components/confirm-delete";
import { OnceField } from "../components/once-field";
import { UploadError, uploadInputAria } from "../components/upload-error";
import { formatThaiDate, formatThaiDateTime } from "../../messages/dates";
import type { StepSection } from "./step-page";

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

/** The table of test attempts against `environment` and the form for a new one. */
export function TestAttemptsSection(props: {
  serviceId: string;
  stepNo: number;
  /** Where the tests ran, as the headings name it. */
  environment: string;
  attempts: AttemptView[];
  editable: boolean;
  officer: boolean;
  csrfToken: string;
  uploadError?: string | null;
  values?: FormValues;
  comments: Record<string, string> | null;
}) {
  const base = `/eservices/${props.serviceId}/steps/${props.stepNo}/attempts`;
  const env = props.environment;
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
                    <DeleteLink action={`${base}/${t.id}/delete`} confirmHref={`${base}/${t.id}/delete`} what={`ผลการทดสอบครั้งที่ ${t.attemptNo}`} />
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
        <form method="post" enctype="multipart/form-data" action={base} class="card">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <h4>เพิ่มผลการทดสอบผ่าน {env}</h4>
          <OnceField />
          <div class={props.uploadError ? "field field-invalid" : "field"}>
            <label for="f-testfile">ไฟล์ผลการทดสอบตาม Minimum Testcase (.xlsx ไม่เกิน 10 MB)</label>
            <UploadError inputId="f-testfile" message={props.uploadError} />
            <input id="f-testfile" name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {...uploadInputAria("f-testfile", props.uploadError)} />
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

/** One attempt's details on a page of their own, for editing. */
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

/** A test step on the shared page: its attempts against `environment`. */
export function testAttemptsSection(environment: string): StepSection {
  return {
    Body: (props) => (
      <TestAttemptsSection
        serviceId={props.service.id}
        stepNo={props.stepNo}
        environment={environment}
        attempts={props.attempts ?? []}
        editable={props.editable}
        officer={props.viewer === "officer"}
        csrfToken={props.csrfToken}
        uploadError={props.uploadError ?? props.errors?.attempts ?? null}
        comments={props.comments}
      />
    ),
    listsErrors: () => false,
  };
}

/** Step 3 on the shared page. */
export const uatTestsSection = testAttemptsSection("UAT Environment");
