import { ROLE_LABEL, type Role } from "../../domain/roles";
import { STAFF_STATE_LABEL, staffState, type StaffState } from "../../domain/staff-policy";
import { formatThaiDate, isoDateTime } from "../../messages/dates";
import { Pagination } from "../components/pagination";

export interface StaffListRow {
  id: string;
  role: Role;
  displayName: string;
  email: string | null;
  orgName: string | null;
  mustChangePassword: boolean;
  disabledAt: Date | null;
  createdAt: Date;
}

const STATE_BADGE: Record<StaffState, string> = { active: "badge-active", pending: "badge-waiting", disabled: "badge-attention" };

export function StaffStateBadge(props: { user: { disabledAt: Date | null; mustChangePassword: boolean } }) {
  const state = staffState(props.user);
  return <span class={`badge ${STATE_BADGE[state]}`}>{STAFF_STATE_LABEL[state]}</span>;
}

export interface StaffListProps {
  rows: StaffListRow[];
  total: number;
  page: number;
  pageSize: number;
  /** The roles the viewer manages (the filter's choices). */
  roles: readonly Role[];
  role: Role | null;
  mayCreate: boolean;
}

/** The staff accounts the viewer manages, filterable by role (GET form: the URL is the state). */
export function StaffListPage(props: StaffListProps) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const href = (page: number) => `/staff?${new URLSearchParams({ ...(props.role ? { role: props.role } : {}), page: String(page) })}`;
  return (
    <section>
      <h1>บัญชีเจ้าหน้าที่</h1>
      {props.mayCreate ? (
        <p>
          <a class="button" href="/staff/new">
            สร้างบัญชีเจ้าหน้าที่
          </a>
        </p>
      ) : null}
      <form method="get" action="/staff" class="filters" role="search">
        <div class="field">
          <label for="role">บทบาท</label>
          <select id="role" name="role">
            <option value="">ทุกบทบาท</option>
            {props.roles.map((r) => (
              <option value={r} selected={r === props.role}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          กรอง
        </button>
      </form>
      <p class="secondary">ทั้งหมด {props.total} บัญชี</p>
      <table class="request-table">
        <caption class="visually-hidden">บัญชีเจ้าหน้าที่</caption>
        <thead>
          <tr>
            <th scope="col">ชื่อ</th>
            <th scope="col">บทบาท</th>
            <th scope="col">สังกัด</th>
            <th scope="col">อีเมล</th>
            <th scope="col">สถานะ</th>
            <th scope="col">สร้างเมื่อ</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((u) => (
            <tr>
              <td data-label="ชื่อ">
                <a href={`/staff/${u.id}`}>{u.displayName}</a>
              </td>
              <td data-label="บทบาท">{ROLE_LABEL[u.role]}</td>
              <td data-label="สังกัด">{u.orgName ?? "–"}</td>
              <td data-label="อีเมล">{u.email ?? "–"}</td>
              <td data-label="สถานะ">
                <StaffStateBadge user={u} />
              </td>
              <td data-label="สร้างเมื่อ">
                <time datetime={isoDateTime(u.createdAt)}>{formatThaiDate(u.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={props.page} pages={pages} href={href} />
    </section>
  );
}
