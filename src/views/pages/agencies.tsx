import type { FieldErrors, FormValues } from "../../domain/forms";
import { ErrorSummary } from "../components/error-summary";
import { Field } from "../components/field";
import { OnceField } from "../components/once-field";

export interface AgencyRow {
  id: string;
  nameTh: string;
  nameEn: string;
  ministry: string;
  services: number;
}

const AGENCY_LABELS = { nameTh: "ชื่อหน่วยงาน (ภาษาไทย)", nameEn: "ชื่อหน่วยงาน (ภาษาอังกฤษ)", ministry: "สังกัดกระทรวง" };
const USER_LABELS = { displayName: "ชื่อ-นามสกุล", email: "อีเมล" };

/** The officer's list of agencies, with the form to add one. */
export function AgencyListPage(props: { rows: AgencyRow[]; csrfToken: string; values?: FormValues; errors?: FieldErrors }) {
  return (
    <section>
      <h1>หน่วยงาน</h1>
      <table class="request-table">
        <caption class="visually-hidden">หน่วยงานทั้งหมด</caption>
        <thead>
          <tr>
            <th scope="col">หน่วยงาน</th>
            <th scope="col">สังกัด</th>
            <th scope="col">e-Service</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((a) => (
            <tr>
              <td data-label="หน่วยงาน">
                <span class="cell">
                  <a href={`/officer/agencies/${a.id}`}>{a.nameTh}</a> <span lang="en" class="secondary">{a.nameEn}</span>
                </span>
              </td>
              <td data-label="สังกัด">{a.ministry}</td>
              <td data-label="e-Service">{a.services}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="new-agency">เพิ่มหน่วยงาน</h2>
      <ErrorSummary errors={props.errors} labels={AGENCY_LABELS} />
      <form method="post" action="/officer/agencies" class="narrow" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <OnceField />
        <Field name="nameTh" label={AGENCY_LABELS.nameTh} values={props.values} errors={props.errors} required />
        <Field name="nameEn" label={AGENCY_LABELS.nameEn} values={props.values} errors={props.errors} required />
        <Field name="ministry" label={AGENCY_LABELS.ministry} values={props.values} errors={props.errors} required />
        <button type="submit" class="button">
          เพิ่มหน่วยงาน
        </button>
      </form>
    </section>
  );
}

export interface AgencyDetailProps {
  agency: { id: string; nameTh: string; nameEn: string; ministry: string };
  users: { id: string; displayName: string; email: string | null; username: string | null; mustChangePassword: boolean }[];
  services: { id: string; name: string }[];
  csrfToken: string;
  userValues?: FormValues;
  userErrors?: FieldErrors;
  serviceValues?: FormValues;
  serviceErrors?: FieldErrors;
  createdUsername?: string | null;
}

/** One agency: its users (with the temporary-credentials mail) and its e-services. */
export function AgencyDetailPage(props: AgencyDetailProps) {
  const a = props.agency;
  return (
    <section>
      <p>
        <a href="/officer/agencies">← หน่วยงานทั้งหมด</a>
      </p>
      <h1>{a.nameTh}</h1>
      <p class="secondary">
        <span lang="en">{a.nameEn}</span> · {a.ministry}
      </p>
      <p>
        <a href={`/audit/agencies/${a.id}`}>ประวัติการเปลี่ยนแปลง (บันทึกการใช้งาน)</a>
      </p>
      <h2>ผู้ใช้งานของหน่วยงาน</h2>
      {props.createdUsername ? (
        <p class="flash" role="status">
          สร้างบัญชีแล้ว ระบบส่งชื่อผู้ใช้และรหัสผ่านชั่วคราวทางอีเมล ({props.createdUsername})
        </p>
      ) : null}
      <ul class="link-list">
        {props.users.map((u) => (
          <li>
            <a href={`/staff/${u.id}`}>{u.displayName}</a> · {u.email} · {u.mustChangePassword ? "รอตั้งค่าบัญชีครั้งแรก" : `ชื่อผู้ใช้ ${u.username}`}
          </li>
        ))}
      </ul>
      <ErrorSummary errors={props.userErrors} labels={USER_LABELS} />
      <form method="post" action={`/officer/agencies/${a.id}/users`} class="narrow" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <OnceField />
        <Field name="displayName" label={USER_LABELS.displayName} values={props.userValues} errors={props.userErrors} required />
        <Field name="email" label={USER_LABELS.email} type="email" values={props.userValues} errors={props.userErrors} required />
        <button type="submit" class="button">
          สร้างบัญชีและส่งอีเมล
        </button>
      </form>
      <h2>e-Service ของหน่วยงาน</h2>
      <ul class="link-list">
        {props.services.map((s) => (
          <li>
            <a href={`/eservices/${s.id}`}>{s.name}</a>
          </li>
        ))}
      </ul>
      <ErrorSummary errors={props.serviceErrors} labels={{ name: "ชื่อ e-Service" }} />
      <form method="post" action={`/officer/agencies/${a.id}/eservices`} class="narrow" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <OnceField />
        <Field name="name" label="ชื่อ e-Service" values={props.serviceValues} errors={props.serviceErrors} required />
        <button type="submit" class="button">
          เพิ่ม e-Service
        </button>
      </form>
    </section>
  );
}
