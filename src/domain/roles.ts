/**
 * @module
 * Who a user is to the system. Every route group names the roles it admits.
 */
export const ROLES = ["applicant", "university", "agency", "officer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  applicant: "เจ้าของผลงาน",
  university: "เจ้าหน้าที่มหาวิทยาลัย",
  agency: "เจ้าหน้าที่หน่วยงาน",
  officer: "เจ้าหน้าที่ผู้ตรวจสอบ",
  admin: "ผู้ดูแลระบบ",
};

/** Where each role lands after signing in. */
export const ROLE_HOME: Record<Role, string> = {
  applicant: "/me",
  university: "/university",
  agency: "/agency",
  officer: "/officer",
  admin: "/admin",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
