import { EmailLink, PhoneLink } from "../components/phone-link";
import {
  ACTION_REFUSAL_TH,
  ACTIONS,
  DOCUMENT_STATUS_KEYS,
  DOCUMENT_STATUSES,
  POSITIONS,
  type ActionRefusal,
  type ActionRule,
  type DocumentStatus,
  type RequestAction,
  type RequestStatus,
} from "../../domain/academic";
import type { FieldErrors } from "../../domain/forms";
import type { Role } from "../../domain/roles";
import type { TimeEstimate } from "../../services/requests";
import { ErrorSummary } from "../components/error-summary";
import { OnceField } from "../components/once-field";
import { NextActorTag, StatusBadge } from "../components/status-badge";
import { formatThaiDate, formatThaiDateTime } from "../../messages/dates";

export interface RequestView {
  id: string;
  ticketNo: string | null;
  letterNo: string | null;
  queueNo: number | null;
  applicantName: string;
  /** Always masked (`1-1017-xxxxx-36-6`); the full one comes only as `revealedPid`. */
  applicantId: string;
  position: keyof typeof POSITIONS | null;
  fieldTh: string;
  fieldEn: string;
  universityName: string;
  status: RequestStatus;
  receiptNo: string | null;
  coordinator: { name: string; phone: string; email: string };
  createdAt: Date;
  finishedAt: Date | null;
}

export interface TimelineEntry {
  at: Date;
  label: string;
  status: RequestStatus;
}

export interface DocumentView {
  id: string;
  fileName: string;
  size: number;
  status: DocumentStatus;
  note: string | null;
  uploadedAt: Date;
}

export interface RequestDetailProps {
  documents: DocumentView[];
  /** University staff of the request may upload; the message is a failed upload's error. */
  canUpload?: boolean;
  uploadError?: string | null;
  /** Officers may mark each document's status (not once the documents are checked or the request is over). */
  canMarkDocuments?: boolean;
  /** Why the documents can no longer change, for those who could change them before. */
  documentsClosed?: string | null;
  /** A refused document-status form: which document, what was sent, and why. */
  documentForm?: { id: string; values: Record<string, string>; errors: FieldErrors } | null;
  request: RequestView;
  timeline: TimelineEntry[];
  estimate: TimeEstimate | null;
  viewerRole: Role;
  csrfToken: string;
  /** The officer actions the workflow offers now; a refused one says why and has no radio button. */
  actions: { action: RequestAction; refusal: ActionRefusal | null }[];
  actionErrors?: FieldErrors;
  actionValues?: Record<string, string>;
  /** Shown once, right after an officer made it. */
  newTrackingUrl?: string | null;
  hasTrackingLink?: boolean;
  /** Where "send the tracking link by e-mail" mails it (officers only). */
  trackingMailTo?: string[];
  /** Officers may ask for the full national ID (a recorded view). */
  canRevealPid?: boolean;
  /** The full ID, right after an officer asked for it. */
  revealedPid?: string | null;
}

/** The applicant's name and ID: masked, with the recorded "show in full" button for officers. */
export function ApplicantIdField(props: RequestDetailProps) {
  const q = props.request;
  return (
    <dd id="applicant-id">
      {q.applicantName} <span class="secondary">({props.revealedPid ?? q.applicantId})</span>
      {props.revealedPid ? (
        <p class="hint">การดูเลขประจำตัวประชาชนเต็มถูกบันทึกไว้แล้ว</p>
      ) : props.canRevealPid ? (
        <form method="post" action={`/requests/${q.id}/pid`} class="inline-form" hx-post={`/requests/${q.id}/pid`} hx-target="#applicant-id" hx-swap="outerHTML">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit" class="button-link">
            แสดงเลขประจำตัวประชาชนเต็ม
          </button>
        </form>
      ) : null}
    </dd>
  );
}

/** Screen 8, "ติดตามคำขอตำแหน่ง", with the officer's controls when an officer looks. */
export function RequestDetailPage(props: RequestDetailProps) {
  const q = props.request;
  return (
    <section class="request-detail">
      <h1>ติดตามคำขอตำแหน่ง</h1>
      {/* A refused upload's message sits by the file field, far down the page: the summary up here links to it. */}
      {props.uploadError ? <ErrorSummary errors={props.canUpload ? { document: props.uploadError } : { _form: props.uploadError }} labels={{ document: "เอกสารประกอบ" }} /> : null}
      <dl class="facts">
        <dt>Ticket No.</dt>
        <dd>{q.ticketNo ?? "ร่าง (ยังไม่ได้ยื่น)"}</dd>
        <dt>เลขที่หนังสือ</dt>
        <dd>{q.letterNo ?? "-"}</dd>
        <dt>คิวที่</dt>
        <dd>{q.queueNo ?? "-"}</dd>
        <dt>ผู้ขอ</dt>
        <ApplicantIdField {...props} />
        <dt>ตำแหน่งที่ขอ</dt>
        <dd>{q.position ? POSITIONS[q.position].th : "-"}</dd>
        <dt>สาขา</dt>
        <dd>
          {q.fieldTh} <span lang="en">({q.fieldEn})</span>
        </dd>
        <dt>มหาวิทยาลัย</dt>
        <dd>{q.universityName}</dd>
        <dt>สถานะ</dt>
        <dd>
          <StatusBadge status={q.status} /> <NextActorTag status={q.status} />
        </dd>
        <dt>ผู้ประสานงาน</dt>
        <dd>
          {q.coordinator.name}
          {q.coordinator.phone.trim() ? " · " : null}
          <PhoneLink phone={q.coordinator.phone} />
          {q.coordinator.email.trim() ? " · " : null}
          <EmailLink email={q.coordinator.email} />
        </dd>
      </dl>
      <p class="notice">
        * การอัปเดตสถานะจะเกิดขึ้นทันทีที่ได้รับเอกสาร และหากได้รับเอกสารไม่ครบหรือไม่ถูกต้อง ระบบจำเป็นต้องขอเอกสารเพิ่มเติม
        ท่านจะถูกออกจากคิวและเข้าคิวใหม่เมื่อระบบได้รับเอกสาร
      </p>
      <Estimate estimate={props.estimate} />
      <h2>ลำดับเหตุการณ์</h2>
      <ol class="timeline">
        {props.timeline.map((e) => (
          <li>
            <time datetime={e.at.toISOString()}>{formatThaiDateTime(e.at)}</time> <span>{e.label}</span>
          </li>
        ))}
      </ol>
      {q.finishedAt ? <p class="finished">สิ้นสุด {formatThaiDate(q.finishedAt)}</p> : null}
      <Documents {...props} />
      {props.viewerRole === "officer" || props.viewerRole === "admin" ? <OfficerPanel {...props} /> : null}
      {props.viewerRole === "officer" || props.viewerRole === "admin" ? (
        <p>
          <a href={`/audit/requests/${q.id}`}>ประวัติการเปลี่ยนแปลง (บันทึกการใช้งาน)</a>
        </p>
      ) : null}
    </section>
  );
}

function Documents(props: RequestDetailProps) {
  const id = props.request.id;
  const refused = props.documentForm;
  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">เอกสารประกอบ</h2>
      {props.documents.length === 0 ? <p class="secondary">ยังไม่มีเอกสาร</p> : null}
      <ul class="documents">
        {props.documents.map((d) => (
          <li>
            <a href={`/requests/${id}/documents/${d.id}`}>{d.fileName}</a>{" "}
            <span class="secondary">
              ({Math.ceil(d.size / 1024)} KB · {formatThaiDateTime(d.uploadedAt)})
            </span>{" "}
            <span class={`badge badge-doc-${d.status}`}>{DOCUMENT_STATUSES[d.status]}</span>
            {d.note ? <span class="doc-note"> {d.note}</span> : null}
            {props.canMarkDocuments ? (
              <DocumentStatusForm requestId={id} document={d} csrfToken={props.csrfToken} refused={refused?.id === d.id ? refused : null} />
            ) : null}
          </li>
        ))}
      </ul>
      {/* The documents became read-only before the form was sent: its message stands alone. */}
      {refused && !props.canMarkDocuments ? (
        <p class="field-error" role="alert">
          <span class="visually-hidden">ข้อผิดพลาด: </span>
          {Object.values(refused.errors)[0]}
        </p>
      ) : props.documentsClosed && !props.uploadError ? (
        <p class="secondary documents-closed">{props.documentsClosed}</p>
      ) : null}
      {/* Without the upload form (an officer's status change, a finished request) its message stands alone. */}
      {props.uploadError && !props.canUpload ? (
        <p class="field-error" role="alert">
          <span class="visually-hidden">ข้อผิดพลาด: </span>
          {props.uploadError}
        </p>
      ) : null}
      {props.canUpload ? (
        <form
          method="post"
          enctype="multipart/form-data"
          action={`/requests/${id}/documents`}
          class={props.uploadError ? "field field-invalid" : "field"}
        >
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <label for="f-document">เพิ่มเอกสาร (PDF ไม่เกิน 20 MB)</label>
          {props.uploadError ? (
            <p class="field-error" id="f-document-error">
              <span class="visually-hidden">ข้อผิดพลาด: </span>
              {props.uploadError}
            </p>
          ) : null}
          <OnceField />
          <input id="f-document" name="file" type="file" accept="application/pdf,.pdf" aria-invalid={props.uploadError ? "true" : undefined} aria-describedby={props.uploadError ? "f-document-error" : undefined} />
          <button type="submit" class="button button-secondary">
            อัปโหลด
          </button>
        </form>
      ) : null}
    </section>
  );
}

function DocumentStatusForm(props: {
  requestId: string;
  document: DocumentView;
  csrfToken: string;
  refused: { values: Record<string, string>; errors: FieldErrors } | null;
}) {
  const d = props.document;
  const errors = props.refused?.errors ?? {};
  const status = props.refused?.values.status ?? d.status;
  const note = props.refused?.values.note ?? d.note ?? "";
  const message = errors.status ?? errors.note;
  return (
    <form
      method="post"
      action={`/requests/${props.requestId}/documents/${d.id}/status`}
      class={message ? "inline-form doc-status-form field-invalid" : "inline-form doc-status-form"}
    >
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      {message ? (
        <p class="field-error" id={`doc-${d.id}-error`} role="alert">
          <span class="visually-hidden">ข้อผิดพลาด: </span>
          {message}
        </p>
      ) : null}
      <label for={`doc-${d.id}-status`} class="visually-hidden">
        สถานะเอกสาร {d.fileName}
      </label>
      <select id={`doc-${d.id}-status`} name="status" aria-invalid={errors.status ? "true" : undefined}>
        {DOCUMENT_STATUS_KEYS.map((s) => (
          <option value={s} selected={s === status}>
            {DOCUMENT_STATUSES[s]}
          </option>
        ))}
      </select>
      <label for={`doc-${d.id}-note`} class="visually-hidden">
        หมายเหตุ
      </label>
      <input id={`doc-${d.id}-note`} name="note" placeholder="หมายเหตุ (ถ้ามี)" value={note} aria-invalid={errors.note ? "true" : undefined} />
      <button type="submit" class="button button-secondary">
        บันทึก
      </button>
    </form>
  );
}

function Estimate(props: { estimate: TimeEstimate | null }) {
  const e = props.estimate;
  if (!e) return null;
  const overall = <a href="/processing-times">ระยะเวลาดำเนินการโดยรวมของแต่ละตำแหน่ง</a>;
  if (!e.range) {
    return <p class="estimate secondary">ยังมีข้อมูลคำขอลักษณะเดียวกันไม่พอที่จะประมาณระยะเวลาได้อย่างถูกต้อง · {overall}</p>;
  }
  return (
    <p class={e.overdue ? "estimate estimate-overdue" : "estimate"}>
      คำขอลักษณะเดียวกัน 80% เสร็จใน {e.range.lowDays}–{e.range.highDays} วัน นับจากขั้นตอนนี้ (จาก {e.range.samples} คำขอ)
      {e.overdue ? ` · คำขอนี้อยู่ในขั้นตอนนี้มาแล้ว ${e.elapsedDays} วัน นานกว่าคำขอลักษณะเดียวกัน 80%` : ""} · {overall}
    </p>
  );
}

function OfficerPanel(props: RequestDetailProps) {
  const id = props.request.id;
  const open = props.actions.filter((a) => a.refusal === null).map((a) => a.action);
  const blocked = props.actions.filter((a) => a.refusal !== null);
  return (
    <section class="card officer-panel" aria-labelledby="officer-actions">
      <h2 id="officer-actions">การดำเนินการของเจ้าหน้าที่</h2>
      <ErrorSummary errors={props.actionErrors} />
      {blocked.map((a) => (
        <p class="notice">
          {ACTIONS[a.action].th}: {ACTION_REFUSAL_TH[a.refusal!]}
        </p>
      ))}
      {open.length === 0 ? (
        <p>ไม่มีการดำเนินการในสถานะนี้</p>
      ) : (
        <form method="post" action={`/requests/${id}/actions`} class="action-form">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="expectedStatus" value={props.request.status} />
          <fieldset>
            <legend>เลือกการดำเนินการ</legend>
            {open.map((a, i) => (
              <label class="choice">
                <input type="radio" name="action" value={a} checked={props.actionValues?.action ? props.actionValues.action === a : i === 0} />{" "}
                {ACTIONS[a].th}
              </label>
            ))}
          </fieldset>
          {open.some((a) => (ACTIONS[a] as ActionRule).requires === "receiptNo") ? (
            <div class={props.actionErrors?.receiptNo ? "field field-invalid" : "field"}>
              <label for="f-receiptNo">หมายเลขรับเอกสาร (เมื่อรับเรื่อง)</label>
              {props.actionErrors?.receiptNo ? (
                <p class="field-error" id="f-receiptNo-error">
                  {props.actionErrors.receiptNo}
                </p>
              ) : null}
              <input id="f-receiptNo" name="receiptNo" inputmode="numeric" value={props.actionValues?.receiptNo} />
            </div>
          ) : null}
          <div class={props.actionErrors?.note ? "field field-invalid" : "field"}>
            <label for="f-note">หมายเหตุ (จำเป็นเมื่อขอเอกสารเพิ่มเติมหรือสิ้นสุด)</label>
            {props.actionErrors?.note ? (
              <p class="field-error" id="f-note-error">
                {props.actionErrors.note}
              </p>
            ) : null}
            <textarea id="f-note" name="note" rows={3}>
              {props.actionValues?.note ?? ""}
            </textarea>
          </div>
          <button type="submit" class="button">
            บันทึกการดำเนินการ
          </button>
        </form>
      )}
      <h3>ลิงก์ติดตามสถานะ</h3>
      {props.newTrackingUrl ? (
        <div class="field">
          <label for="tracking-url">คัดลอกลิงก์นี้ส่งให้เจ้าของผลงาน (แสดงครั้งเดียว)</label>
          <input id="tracking-url" readonly value={props.newTrackingUrl} />
        </div>
      ) : props.hasTrackingLink ? (
        <p>มีลิงก์ติดตามที่ใช้งานอยู่ สร้างใหม่เพื่อคัดลอกอีกครั้ง (ลิงก์เดิมจะใช้ไม่ได้)</p>
      ) : null}
      <form method="post" action={`/requests/${id}/tracking-link/mail`} class="inline-form">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <OnceField />
        <button type="submit" class="button" aria-describedby="tracking-mail-hint">
          ส่งลิงก์ติดตามทางอีเมล
        </button>
      </form>
      <p class="hint" id="tracking-mail-hint">
        ส่งลิงก์ใหม่ไปที่{" "}
        {(props.trackingMailTo ?? []).join(" และ ")}
        {props.hasTrackingLink || props.newTrackingUrl ? " (ลิงก์เดิมจะใช้ไม่ได้)" : ""}
      </p>
      <form method="post" action={`/requests/${id}/tracking-link`} class="inline-form">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <button type="submit" class="button button-secondary">
          {props.hasTrackingLink || props.newTrackingUrl ? "สร้างลิงก์ใหม่" : "สร้างลิงก์ติดตาม"}
        </button>
      </form>
      {props.hasTrackingLink || props.newTrackingUrl ? (
        <form method="post" action={`/requests/${id}/tracking-link/revoke`} class="inline-form">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit" class="button button-secondary">
            ยกเลิกลิงก์
          </button>
        </form>
      ) : null}
    </section>
  );
}
