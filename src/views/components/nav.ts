import type { Role } from "../../domain/roles";

export interface NavItem {
  href: string;
  label: string;
}

/** The header menu each role sees; the role checks themselves live on the routes. */
export const NAV_BY_ROLE: Record<Role, NavItem[]> = {
  applicant: [{ href: "/me", label: "คำขอของฉัน" }],
  university: [{ href: "/university", label: "คำขอของมหาวิทยาลัย" }],
  agency: [{ href: "/agency", label: "แดชบอร์ด" }],
  officer: [{ href: "/officer", label: "งานของเจ้าหน้าที่" }],
  admin: [
    { href: "/admin", label: "ผู้ดูแลระบบ" },
    { href: "/dev/mail", label: "กล่องจดหมายออก" },
  ],
};
