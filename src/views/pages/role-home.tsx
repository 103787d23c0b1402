import { ROLE_LABEL, type Role } from "../../domain/roles";
import type { NavItem } from "../components/nav";

export interface RoleHomeProps {
  role: Role;
  displayName: string;
  links: NavItem[];
}

/** Where a signed-in user lands: who they are signed in as and what they can open. */
export function RoleHomePage(props: RoleHomeProps) {
  return (
    <section>
      <h1>{ROLE_LABEL[props.role]}</h1>
      <p class="lead">ยินดีต้อนรับ {props.displayName}</p>
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
