/**
 * @module
 * Who may create and manage which staff accounts: a pure declaration, read by the
 * staff pages (which forms to show) and enforced by the use cases of
 * services/staff.ts inside their transaction, against the target user as read there.
 */
import type { Role } from "./roles";

/** Roles created on the staff pages (agency users are created from their agency's page). */
export const CREATABLE_ROLES = ["university", "officer", "admin"] as const;
export type CreatableRole = (typeof CREATABLE_ROLES)[number];

/** Roles a role change may move an account between. */
export const ASSIGNABLE_ROLES = CREATABLE_ROLES;

const CREATES: Partial<Record<Role, readonly CreatableRole[]>> = {
  admin: ["university", "officer", "admin"],
  officer: ["university"],
};

const MANAGES: Partial<Record<Role, readonly Role[]>> = {
  admin: ["university", "agency", "officer", "admin"],
  officer: ["university", "agency"],
};

/** The roles of the accounts `actor` may create, in the order the form offers them. */
export function creatableRoles(actor: Role): readonly CreatableRole[] {
  return CREATES[actor] ?? [];
}

export function mayCreate(actor: Role, role: Role): boolean {
  return (creatableRoles(actor) as readonly Role[]).includes(role);
}

/** The roles of the accounts `actor` may see and manage on the staff pages. */
export function managedRoles(actor: Role): readonly Role[] {
  return MANAGES[actor] ?? [];
}

export interface PolicyUser {
  id: string;
  role: Role;
}

export interface PolicyTarget extends PolicyUser {
  disabled: boolean;
}

/** Whether `actor` may see `target` at all; anything else is answered as "does not exist". */
export function mayManage(actor: PolicyUser, target: PolicyUser): boolean {
  return managedRoles(actor.role).includes(target.role);
}

export type StaffAction = "disable" | "enable" | "resend" | "change_role";
export const STAFF_ACTIONS: readonly StaffAction[] = ["disable", "enable", "resend", "change_role"];

export type StaffRefusal =
  /** The actor may not see the target: answered as an unknown id. */
  | "not_found"
  /** The actor sees the target but this action is not theirs (role change by an officer, an agency user's role). */
  | "forbidden"
  /** Disabling, demoting or re-issuing one's own account. */
  | "self"
  /** The only active admin would be left with none. */
  | "last_admin"
  /** Already in the state asked for (enable an active account, resend to a disabled one). */
  | "state";

export interface PolicyFacts {
  /** Active (not disabled) admins, counted in the same transaction. */
  activeAdmins: number;
  /** change_role: the role asked for. */
  newRole?: Role;
}

/** Null when `actor` may do `action` to `target`; otherwise why not. */
export function staffRefusal(actor: PolicyUser, target: PolicyTarget, action: StaffAction, facts: PolicyFacts): StaffRefusal | null {
  if (!mayManage(actor, target)) return "not_found";
  const lastAdmin = target.role === "admin" && !target.disabled && facts.activeAdmins <= 1;
  switch (action) {
    case "disable":
      if (actor.id === target.id) return "self";
      if (target.disabled) return "state";
      return lastAdmin ? "last_admin" : null;
    case "enable":
      return target.disabled ? null : "state";
    case "resend":
      // One's own password is changed on one's own account page, not re-issued.
      if (actor.id === target.id) return "self";
      return target.disabled ? "state" : null;
    case "change_role":
      if (actor.role !== "admin" || target.role === "agency") return "forbidden";
      if (facts.newRole !== undefined && !(ASSIGNABLE_ROLES as readonly Role[]).includes(facts.newRole)) return "forbidden";
      if (actor.id === target.id) return "self";
      if (target.disabled) return "state";
      return lastAdmin && facts.newRole !== "admin" ? "last_admin" : null;
  }
}

/** The actions whose forms the staff page shows `actor` for `target`. */
export function availableStaffActions(actor: PolicyUser, target: PolicyTarget, facts: PolicyFacts): StaffAction[] {
  return STAFF_ACTIONS.filter((a) => staffRefusal(actor, target, a, { activeAdmins: facts.activeAdmins }) === null);
}

/** Account state as the staff pages show it. */
export type StaffState = "active" | "pending" | "disabled";

export function staffState(u: { disabledAt: Date | null; mustChangePassword: boolean }): StaffState {
  return u.disabledAt ? "disabled" : u.mustChangePassword ? "pending" : "active";
}

export const STAFF_STATE_LABEL: Record<StaffState, string> = {
  active: "ใช้งานอยู่",
  pending: "รอเข้าสู่ระบบครั้งแรก",
  disabled: "ระงับการใช้งาน",
};

export const STAFF_REFUSAL_MESSAGE: Record<Exclude<StaffRefusal, "not_found">, string> = {
  forbidden: "ท่านไม่มีสิทธิ์ดำเนินการนี้กับบัญชีนี้",
  self: "ไม่สามารถดำเนินการนี้กับบัญชีของตนเองได้",
  last_admin: "ไม่สามารถดำเนินการได้ เพราะเป็นผู้ดูแลระบบที่ใช้งานอยู่คนสุดท้าย",
  state: "บัญชีอยู่ในสถานะที่ดำเนินการนี้ไม่ได้แล้ว กรุณาโหลดหน้าใหม่",
};
