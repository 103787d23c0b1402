import type { FieldErrors, FormValues } from "../../domain/forms";
import { UNIVERSITY_FORM_LABELS } from "../../domain/staff-forms";
import { STAFF_STATE_LABEL, staffState } from "../../domain/staff-policy";
import { formatThaiDate, isoDateTime } from "../../messages/dates";
import { MESSAGES } from "../../messages/th";
import { ErrorSummary } from "../components/error-summary";
import { Field } from "../components/field";
import { OnceField } from "../components/once-field";

export interface UniversityRow {
  id: string;
  code: string;
  nameTh: string;
  nameEn: string;
  createdAt: Date | null;
  deactivatedAt: Date | null;
  staff: number;
  requests: number;
}

function StateBadge(props: { deactivatedAt: Date | null }) {
  return props.deactivatedAt ? <span class="badge badge-attention">ปิดการใช้งาน</span> : <span class="badge badge-active">ใช้งานอยู่</span>;
}

/** Seeded universities predate the column: their creation date is unknown. */
function CreatedAt(props: { at: Date | null }) {
  return props.at ? <time datetime={isoDateTime(props.at)}>{formatThaiDate(props.at)}</time> : <span class="secondary">ไม่ทราบ (ข้อมูลตั้งต้น)</span>;
}

/** The admins' list of universities, with the form to add one. */
export function UniversityListPage(props: { rows: UniversityRow[]; csrfToken: string; values?: FormValues; errors?: FieldErrors }) {
  return (
    <section>
      <h1>มหาวิทยาลัย</h1>
      <table class="request-table">
        <caption class="visually-hidden">มหาวิทยาลัยทั้งหมด</caption>
        <thead>
          <tr>
            <th scope="col">รหัส</th>
            <th scope="col">มหาวิทยาลัย</th>
            <th scope="col">สถานะ</th>
            <th scope="col">เจ้าหน้าที่</th>
            <th scope="col">คำขอ</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((u) => (
            <tr>
              <td data-label="รหัส">{u.code}</td>
              <td data-label="มหาวิทยาลัย">
                <span class="cell">
                  <a href={`/admin/universities/${u.id}`}>{u.nameTh}</a> <span lang="en" class="secondary">{u.nameEn}</span>
                </span>
              </td>
              <td data-label="สถานะ">
                <StateBadge deactivatedAt={u.deactivatedAt} />
              </td>
              <td data-label="เจ้าหน้าที่">{u.staff}</td>
              <td data-label="คำขอ">{u.requests}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="new-university">เพิ่มมหาวิทยาลัย</h2>
      <ErrorSummary errors={props.errors} labels={UNIVERSITY_FORM_LABELS} />
      <form method="post" action="/admin/universities" class="narrow" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <OnceField />
        <Field name="nameTh" label={UNIVERSITY_FORM_LABELS.nameTh} values={props.values} errors={props.errors} required maxlength={200} />
        <Field name="nameEn" label={UNIVERSITY_FORM_LABELS.nameEn} values={props.values} errors={props.errors} required maxlength={200} />
        <Field
          name="code"
          label={UNIVERSITY_FORM_LABELS.code}
          hint="ตัวเลข 5 หลัก พิมพ์อยู่ในเลขที่คำขอ (Ticket No.) จึงแก้ไขภายหลังไม่ได้ และใช้ซ้ำกับมหาวิทยาลัยอื่นไม่ได้"
          values={props.values}
          errors={props.errors}
          required
          inputmode="numeric"
          maxlength={5}
        />
        <button type="submit" class="button">
          เพิ่มมหาวิทยาลัย
        </button>
      </form>
    </section>
  );
}

export interface UniversityDetailProps {
  university: { id: string; code: string; nameTh: string; nameEn: string; createdAt: Date | null; deactivatedAt: Date | null };
  staff: { id: string; displayName: string; email: string | null; mustChangePassword: boolean; disabledAt: Date | null }[];
  csrfToken: string;
  values?: FormValues;
  errors?: FieldErrors;
}

/** One university: rename (the code is fixed), its staff, deactivate or reactivate. */
export function UniversityDetailPage(props: UniversityDetailProps) {
  const u = props.university;
  const values = props.values ?? { nameTh: u.nameTh, nameEn: u.nameEn };
  return (
    <section>
      <p>
        <a href="/admin/universities">← มหาวิทยาลัยทั้งหมด</a>
      </p>
      <h1>{u.nameTh}</h1>
      <dl class="facts">
        <dt>ชื่อภาษาอังกฤษ</dt>
        <dd lang="en">{u.nameEn}</dd>
        <dt>รหัสมหาวิทยาลัย</dt>
        <dd>{u.code}</dd>
        <dt>สถานะ</dt>
        <dd>
          <StateBadge deactivatedAt={u.deactivatedAt} />
          {u.deactivatedAt ? <> ตั้งแต่ <time datetime={isoDateTime(u.deactivatedAt)}>{formatThaiDate(u.deactivatedAt)}</time></> : null}
        </dd>
        <dt>เพิ่มเมื่อ</dt>
        <dd>
          <CreatedAt at={u.createdAt} />
        </dd>
      </dl>

      <h2>เจ้าหน้าที่มหาวิทยาลัย</h2>
      {props.staff.length === 0 ? <p class="secondary">ยังไม่มีบัญชีเจ้าหน้าที่</p> : null}
      <ul class="link-list">
        {props.staff.map((s) => (
          <li>
            <a href={`/staff/${s.id}`}>{s.displayName}</a> · {s.email} · {STAFF_STATE_LABEL[staffState(s)]}
          </li>
        ))}
      </ul>
      {u.deactivatedAt ? null : (
        <p>
          <a class="button button-secondary" href={`/staff/new?role=university&universityId=${encodeURIComponent(u.id)}`}>
            สร้างบัญชีเจ้าหน้าที่ของมหาวิทยาลัยนี้
          </a>
        </p>
      )}

      <h2 id="rename">แก้ไขชื่อ</h2>
      <p class="hint">แก้ได้เฉพาะชื่อ รหัสมหาวิทยาลัย ({u.code}) แก้ไขไม่ได้ เพราะพิมพ์อยู่ในเลขที่คำขอที่ออกไปแล้ว</p>
      <ErrorSummary errors={props.errors} labels={UNIVERSITY_FORM_LABELS} />
      <form method="post" action={`/admin/universities/${u.id}`} class="narrow" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <Field name="nameTh" label={UNIVERSITY_FORM_LABELS.nameTh} values={values} errors={props.errors} required maxlength={200} />
        <Field name="nameEn" label={UNIVERSITY_FORM_LABELS.nameEn} values={values} errors={props.errors} required maxlength={200} />
        <button type="submit" class="button">
          บันทึกชื่อ
        </button>
      </form>

      <h2>การใช้งาน</h2>
      {u.deactivatedAt ? (
        <form method="post" action={`/admin/universities/${u.id}/reactivate`} class="narrow">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <p>เปิดใช้งานอีกครั้ง: เจ้าหน้าที่ของมหาวิทยาลัยจะยื่นคำขอใหม่ได้</p>
          <button type="submit" class="button">
            เปิดใช้งานมหาวิทยาลัย
          </button>
        </form>
      ) : (
        <form method="post" action={`/admin/universities/${u.id}/deactivate`} class="narrow">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <p>ปิดการใช้งาน: คำขอเดิมและบัญชีเจ้าหน้าที่ยังอยู่ เจ้าหน้าที่ยังเข้าสู่ระบบและดูคำขอได้ แต่ยื่นคำขอใหม่ไม่ได้</p>
          <button type="submit" class="button button-secondary">
            ปิดการใช้งานมหาวิทยาลัย
          </button>
        </form>
      )}
    </section>
  );
}

/** Where a deactivated university would file a request. */
export function UniversityDeactivatedPage() {
  return (
    <section class="narrow">
      <h1>ยื่นคำขอใหม่ไม่ได้</h1>
      <p class="warning" role="alert">
        {MESSAGES.universityDeactivated}
      </p>
      <p>
        <a href="/university">กลับไปที่คำขอของมหาวิทยาลัย</a>
      </p>
    </section>
  );
}
