/**
 * @module
 * The audit pages: one record's trail, and the admin's search with its exports.
 */
import { AUDIT_FILTER_LABELS, AUDIT_SUBJECT_TYPES } from "../../domain/audit-forms";
import type { FieldErrors, FormValues } from "../../domain/forms";
import { ROLE_LABEL } from "../../domain/roles";
import { auditActionLabel, AUDIT_ACTIONS, auditSubjectLabel } from "../../messages/audit-actions";
import type { TrailPage, TrailRecord } from "../../services/audit-trail";
import { AuditTrail } from "../components/audit-trail";
import { ErrorSummary } from "../components/error-summary";
import { Field, fieldId } from "../components/field";

/** The record's name for the heading, and where "back" goes. */
export function recordHeading(r: TrailRecord): { title: string; back: string; backLabel: string } {
  switch (r.kind) {
    case "request":
      return { title: `คำขอ ${r.ticketNo ?? "(ร่าง)"} ${r.applicantName}`.trim(), back: `/requests/${r.id}`, backLabel: "กลับไปหน้าคำขอ" };
    case "eservice":
      return { title: `e-Service ${r.name} (${r.agencyName})`, back: `/eservices/${r.id}`, backLabel: "กลับไปหน้า e-Service" };
    case "agency":
      return { title: `หน่วยงาน ${r.name}`, back: `/officer/agencies/${r.id}`, backLabel: "กลับไปหน้าหน่วยงาน" };
    case "user":
      // Staff accounts have a page (/staff/:id); other accounts are reached from the search.
      return r.role === "applicant"
        ? { title: `บัญชี ${r.displayName} (${ROLE_LABEL[r.role]})`, back: "/admin/audit", backLabel: "กลับไปหน้าบันทึกการใช้งาน" }
        : { title: `บัญชี ${r.displayName} (${ROLE_LABEL[r.role]})`, back: `/staff/${r.id}`, backLabel: "กลับไปหน้าบัญชี" };
  }
}

export function RecordTrailPage(props: { record: TrailRecord; trail: TrailPage; basePath: string; isAdmin: boolean }) {
  const h = recordHeading(props.record);
  const r = props.record;
  return (
    <section>
      <p>
        <a href={h.back}>← {h.backLabel}</a>
      </p>
      <h1>ประวัติการเปลี่ยนแปลง: {h.title}</h1>
      {r.kind === "agency" ? <p class="hint">รวมการเปลี่ยนแปลงของบัญชีผู้ใช้และ e-Service ของหน่วยงานนี้</p> : null}
      {r.kind === "user" && props.isAdmin ? (
        <p>
          <a href={`/admin/audit?${new URLSearchParams({ actor: r.id })}`}>การกระทำของบัญชีนี้</a>
        </p>
      ) : null}
      <AuditTrail trail={props.trail} href={(p) => `${props.basePath}?page=${p}`} showSubject={r.kind === "agency"} />
    </section>
  );
}

export interface AuditSearchProps {
  values: FormValues;
  errors?: FieldErrors;
  /** Null when the filters were refused. */
  trail: TrailPage | null;
  /** Searches over `threshold` events are exported by a background job (a POST) instead of the links. */
  exportJob?: { action: string; threshold: number; csrfToken: string };
}

function Select(props: { name: string; label: string; options: readonly string[]; words: (v: string) => string; values: FormValues; errors?: FieldErrors }) {
  const id = fieldId(props.name);
  const error = props.errors?.[props.name];
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>{props.label}</label>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">ข้อผิดพลาด: </span>
          {error}
        </p>
      ) : null}
      <select id={id} name={props.name} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">ทั้งหมด</option>
        {props.options.map((o) => (
          <option value={o} selected={props.values[props.name] === o}>
            {props.words(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

const FILTER_KEYS = ["actor", "subjectType", "subjectId", "action", "from", "to"] as const;

/** The filters as a query string (empty ones left out). */
export function filterQuery(values: FormValues, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (values[k]) p.set(k, values[k]!);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

export function AuditSearchPage(props: AuditSearchProps) {
  const v = props.values;
  const e = props.errors;
  const t = props.trail;
  const q = filterQuery(v);
  return (
    <section>
      <h1>บันทึกการใช้งานระบบ</h1>
      <ErrorSummary errors={e} labels={AUDIT_FILTER_LABELS} />
      <form method="get" action="/admin/audit" class="filters" role="search" novalidate>
        <Field name="actor" label={AUDIT_FILTER_LABELS.actor} values={v} errors={e} autocomplete="off" />
        <Select name="subjectType" label={AUDIT_FILTER_LABELS.subjectType} options={AUDIT_SUBJECT_TYPES} words={auditSubjectLabel} values={v} errors={e} />
        <Field name="subjectId" label={AUDIT_FILTER_LABELS.subjectId} values={v} errors={e} autocomplete="off" />
        <Select name="action" label={AUDIT_FILTER_LABELS.action} options={AUDIT_ACTIONS} words={auditActionLabel} values={v} errors={e} />
        <Field name="from" type="date" label={AUDIT_FILTER_LABELS.from} values={v} errors={e} />
        <Field name="to" type="date" label={AUDIT_FILTER_LABELS.to} values={v} errors={e} />
        <button type="submit" class="button">
          ค้นหา
        </button>
      </form>
      {t ? (
        <>
          {props.exportJob && t.total > props.exportJob.threshold ? (
            <form method="post" action={props.exportJob.action} class="export-job-form button-row">
              <input type="hidden" name="_csrf" value={props.exportJob.csrfToken} />
              {FILTER_KEYS.filter((k) => v[k]).map((k) => (
                <input type="hidden" name={k} value={v[k]} />
              ))}
              <button type="submit" name="format" value="csv" class="button button-secondary">
                ส่งออก CSV — สร้างไฟล์เบื้องหลัง
              </button>
              <button type="submit" name="format" value="xlsx" class="button button-secondary">
                ส่งออก Excel (.xlsx) — สร้างไฟล์เบื้องหลัง
              </button>
            </form>
          ) : (
            <p class="button-row">
              <a class="button button-secondary" href={`/admin/audit/export.csv${q ? `?${q}` : ""}`}>
                ส่งออก CSV
              </a>
              <a class="button button-secondary" href={`/admin/audit/export.xlsx${q ? `?${q}` : ""}`}>
                ส่งออก Excel (.xlsx)
              </a>
            </p>
          )}
          <AuditTrail trail={t} href={(p) => `/admin/audit?${filterQuery(v, { page: String(p) })}`} showSubject />
        </>
      ) : null}
    </section>
  );
}
