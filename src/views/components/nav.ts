import type { Role } from "../../domain/roles";

export interface NavItem {
  href: string;
  label: string;
}

/** The header menu each role sees; the role checks themselves live on the routes. */
export const NAV_BY_ROLE: Record<Role, NavItem[]> = {
  applicant: [
    { href: "/me", label: "คำขอของฉัน" },
    { href: "/contact", label: "ติดต่อเรา" },
  ],
  university: [
    { href: "/university", label: "คำขอของมหาวิทยาลัย" },
    { href: "/account", label: "บัญชีของฉัน" },
  ],
  agency: [
    { href: "/agency", label: "แดชบอร์ด" },
    { href: "/agency/eservices", label: "จัดการ e-Service" },
    { href: "/agency/launched", label: "เปิดให้บริการแล้ว" },
    { href: "/agency/batches", label: "รอบเปิดให้บริการ" },
    { href: "/account", label: "บัญชีของฉัน" },
  ],
  officer: [
    { href: "/officer", label: "คำขอตำแหน่งทางวิชาการ" },
    { href: "/officer/overview", label: "ภาพรวมคำขอ" },
    { href: "/officer/reviews", label: "ตรวจสอบ e-Service" },
    { href: "/officer/onboarding", label: "ภาพรวม e-Service" },
    { href: "/officer/batches", label: "รอบเปิดให้บริการ" },
    { href: "/officer/agencies", label: "หน่วยงาน" },
    { href: "/staff", label: "บัญชีเจ้าหน้าที่" },
    { href: "/account", label: "บัญชีของฉัน" },
  ],
  admin: [
    { href: "/admin", label: "ผู้ดูแลระบบ" },
    { href: "/officer", label: "คำขอตำแหน่งทางวิชาการ" },
    { href: "/officer/overview", label: "ภาพรวมคำขอ" },
    { href: "/admin/universities", label: "มหาวิทยาลัย" },
    { href: "/staff", label: "บัญชีเจ้าหน้าที่" },
    { href: "/admin/mail", label: "จดหมายออก" },
    { href: "/admin/audit", label: "ประวัติการใช้งาน" },
    { href: "/admin/contact", label: "หน้าติดต่อเรา" },
    { href: "/account", label: "บัญชีของฉัน" },
  ],
};
