import type { FieldErrors, FormValues } from "../../domain/forms";
import { PhoneLink } from "../components/phone-link";
import { ROLE_LABEL, type Role } from "../../domain/roles";
import { STAFF_FORM_LABELS } from "../../domain/staff-forms";
import { ASSIGNABLE_ROLES, type StaffAction } from "../../domain/staff-policy";
import { formatThaiDate, formatThaiDateTime, isoDateTime } from "../../messages/dates";
import type { CredentialsMail } from "../../services/staff";
import { ErrorSummary } from "../components/error-summary";
import { SelectField } from "../components/select-field";
import { StaffStateBadge } from "./staff-list";
import { universityOptions, type UniversityChoice } from "./staff-new";

export interface StaffDetailProps {
  account: {
    id: string;
    role: Role;
    username: string | null;
    displayName: string;
    email: string | null;
    phone: string | null;
    orgId: string | null;
    orgName: string | null;
    mustChangePassword: boolean;
    disabledAt: Date | null;
    createdAt: Date;
  };
  mail: CredentialsMail | null;
  actions: StaffAction[];
  /** Admins get the link to the outbox page when a mail failed. */
  viewerIsAdmin: boolean;
  universities: UniversityChoice[];
  csrfToken: string;
  /** A refused action, said at the top. */
  refusal?: string | null;
  roleValues?: FormValues;
  roleErrors?: FieldErrors;
}

function At(props: { at: Date }) {
  return <time datetime={isoDateTime(props.at)}>{formatThaiDateTime(props.at)}</time>;
}

/** Whether the latest temporary credentials reached the user. */
function MailState(props: { mail: CredentialsMail | null; viewerIsAdmin: boolean }) {
  const m = props.mail;
  if (!m) return <p class="secondary">ไม่มีอีเมลแจ้งชื่อผู้ใช้และรหัสผ่านชั่วคราว</p>;
  switch (m.status) {
    case "pending":
    case "sending":
      return (
        <p>
          <span class="badge badge-waiting">กำลังส่ง</span> (สร้างเมื่อ <At at={m.createdAt} />)
        </p>
      );
    case "sent":
      return (
        <p>
          <span class="badge badge-done">ส่งแล้ว</span> {m.sentAt ? <At at={m.sentAt} /> : null}
        </p>
      );
    case "failed":
      return (
        <div>
          <p>
            <span class="badge badge-attention">ส่งไม่สำเร็จ</span>
          </p>
          {m.lastError ? <p class="preserve-lines">ข้อผิดพลาดล่าสุด: {m.lastError}</p> : null}
          {props.viewerIsAdmin ? (
            <p>
              <a href="/admin/mail">ดูคิวอีเมลของระบบ</a>
            </p>
          ) : null}
        </div>
      );
    case "cancelled":
      return (
        <p>
          <span class="badge badge-neutral">ยกเลิกแล้ว</span> (สร้างเมื่อ <At at={m.createdAt} />)
        </p>
      );
  }
}

/** One staff account: who they are, whether their credentials arrived, and what the viewer may do. */
export function StaffDetailPage(props: StaffDetailProps) {
  const a = props.account;
  const may = (x: StaffAction) => props.actions.includes(x);
  const roleValues = props.roleValues ?? { role: a.role, universityId: a.role === "university" ? (a.orgId ?? "") : "" };
  const post = (path: string) => `/staff/${a.id}/${path}`;
  return (
    <section>
      <p>
        <a href="/staff">← บัญชีเจ้าหน้าที่ทั้งหมด</a>
      </p>
      <h1>{a.displayName}</h1>
      {props.refusal ? (
        <p class="warning" role="alert">
          {props.refusal}
        </p>
      ) : null}
      <dl class="facts">
        <dt>บทบาท</dt>
        <dd>{ROLE_LABEL[a.role]}</dd>
        {a.orgName ? (
          <>
            <dt>{a.role === "agency" ? "หน่วยงาน" : "มหาวิทยาลัย"}</dt>
            <dd>{a.orgName}</dd>
          </>
        ) : null}
        <dt>ชื่อผู้ใช้</dt>
        <dd>{a.username ?? "–"}</dd>
        <dt>อีเมล</dt>
        <dd>{a.email ?? "–"}</dd>
        <dt>โทรศัพท์</dt>
        <dd>{a.phone ? <PhoneLink phone={a.phone} /> : "–"}</dd>
        <dt>สถานะ</dt>
        <dd>
          <StaffStateBadge user={a} />
        </dd>
        <dt>สร้างเมื่อ</dt>
        <dd>
          <time datetime={isoDateTime(a.createdAt)}>{formatThaiDate(a.createdAt)}</time>
        </dd>
      </dl>
      <p>
        <a href={`/audit/users/${a.id}`}>ประวัติการเปลี่ยนแปลง</a>
      </p>

      <h2>อีเมลแจ้งรหัสผ่านชั่วคราวล่าสุด</h2>
      <MailState mail={props.mail} viewerIsAdmin={props.viewerIsAdmin} />

      {props.actions.length > 0 ? <h2>จัดการบัญชี</h2> : null}
      {may("resend") ? (
        <form method="post" action={post("resend")} class="narrow">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <p>ออกรหัสผ่านชั่วคราวใหม่ (ใช้ได้ 7 วัน) และส่งทางอีเมล รหัสผ่านเดิมจะใช้ไม่ได้ และผู้ใช้จะถูกออกจากระบบ</p>
          <button type="submit" class="button button-secondary">
            ส่งรหัสผ่านชั่วคราวใหม่
          </button>
        </form>
      ) : null}
      {may("disable") ? (
        <form method="post" action={post("disable")} class="narrow">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <p>ระงับบัญชี: ผู้ใช้จะถูกออกจากระบบทันทีและเข้าสู่ระบบไม่ได้จนกว่าจะเปิดใช้งานอีกครั้ง</p>
          <button type="submit" class="button button-secondary">
            ระงับบัญชี
          </button>
        </form>
      ) : null}
      {may("enable") ? (
        <form method="post" action={post("enable")} class="narrow">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit" class="button">
            เปิดใช้งานบัญชีอีกครั้ง
          </button>
        </form>
      ) : null}
      {may("change_role") ? (
        <>
          <h3 id="role-form">เปลี่ยนบทบาท</h3>
          <p class="hint">ผู้ใช้จะถูกออกจากระบบ และต้องเข้าสู่ระบบใหม่ด้วยสิทธิ์ใหม่</p>
          <ErrorSummary errors={props.roleErrors} labels={STAFF_FORM_LABELS} />
          <form method="post" action={post("role")} class="narrow" novalidate>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <SelectField
              name="role"
              label={STAFF_FORM_LABELS.role}
              options={ASSIGNABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
              values={roleValues}
              errors={props.roleErrors}
              required
            />
            <SelectField
              name="universityId"
              label={STAFF_FORM_LABELS.universityId}
              hint="เฉพาะบทบาทเจ้าหน้าที่มหาวิทยาลัย"
              options={universityOptions(props.universities)}
              values={roleValues}
              errors={props.roleErrors}
              placeholder="— เลือกมหาวิทยาลัย —"
            />
            <button type="submit" class="button">
              เปลี่ยนบทบาท
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}
