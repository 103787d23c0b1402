import { ROLE_LABEL, type Role } from "../../domain/roles";
import type { NavItem } from "../components/nav";

export interface RoleHomeProps {
  role: Role;
  displayName: string;
  links: NavItem[];
  /** Mail given up on (admins only): a warning linking to it. */
  failedMail?: number;
}

/** Where a signed-in user lands: who they are signed in as and what they can open. */
export function RoleHomePage(props: RoleHomeProps) {
  return (
    <section>
      <h1>{ROLE_LABEL[props.role]}</h1>
      <p class="lead">ยินดีต้อนรับ {props.displayName}</p>
      {props.failedMail ? (
        <div class="warning" role="status" id="failed-mail-warning">
          <p>
            มีอีเมลที่ส่งไม่สำเร็จ {props.failedMail} ฉบับ ผู้รับอาจยังไม่ได้รับรหัสผ่านหรือลิงก์ที่จำเป็น{" "}
            <a href="/admin/mail?status=failed">ตรวจสอบอีเมลที่ส่งไม่สำเร็จ</a>
          </p>
        </div>
      ) : null}
      <ul class="link-list">
        {props.links.map((l) => (
          <li>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
