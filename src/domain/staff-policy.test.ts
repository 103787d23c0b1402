import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "./roles";
import { availableStaffActions, creatableRoles, managedRoles, mayCreate, mayManage, staffRefusal, staffState, type PolicyTarget } from "./staff-policy";

const admin = { id: "a1", role: "admin" as const };
const officer = { id: "o1", role: "officer" as const };
const target = (role: Role, extra: Partial<PolicyTarget> = {}): PolicyTarget => ({ id: `t-${role}`, role, disabled: false, ...extra });
const many = { activeAdmins: 3 };

describe("who creates which accounts", () => {
  it("lets admins create officers, admins and university staff, officers only university staff", () => {
    expect(creatableRoles("admin")).toEqual(["university", "officer", "admin"]);
    expect(creatableRoles("officer")).toEqual(["university"]);
    for (const role of ["applicant", "university", "agency"] as const) expect(creatableRoles(role)).toEqual([]);
    expect(mayCreate("officer", "admin")).toBe(false);
    expect(mayCreate("officer", "officer")).toBe(false);
    expect(mayCreate("admin", "agency")).toBe(false);
    expect(mayCreate("admin", "applicant")).toBe(false);
  });
});

describe("who manages which accounts", () => {
  it("lets admins manage every staff role and officers university staff and agency users", () => {
    expect([...managedRoles("admin")].sort()).toEqual(["admin", "agency", "officer", "university"]);
    expect([...managedRoles("officer")].sort()).toEqual(["agency", "university"]);
    expect(mayManage(officer, target("admin"))).toBe(false);
    expect(mayManage(officer, target("officer"))).toBe(false);
    for (const role of ROLES) expect(mayManage(admin, target(role))).toBe(role !== "applicant");
    for (const role of ["applicant", "university", "agency"] as const) expect(managedRoles(role)).toEqual([]);
  });

  it("answers an account the actor may not manage as not found, whatever the action", () => {
    for (const action of ["disable", "enable", "resend", "change_role"] as const) {
      expect(staffRefusal(officer, target("admin"), action, many)).toBe("not_found");
      expect(staffRefusal({ id: "u", role: "university" }, target("university"), action, many)).toBe("not_found");
    }
  });
});

describe("disable and enable", () => {
  it("refuses disabling oneself", () => {
    expect(staffRefusal(admin, { ...admin, disabled: false }, "disable", many)).toBe("self");
  });

  it("refuses disabling the last active admin, allows it while another admin is active", () => {
    expect(staffRefusal(admin, target("admin"), "disable", { activeAdmins: 1 })).toBe("last_admin");
    expect(staffRefusal(admin, target("admin"), "disable", { activeAdmins: 2 })).toBeNull();
  });

  it("enables only a disabled account and disables only an active one", () => {
    expect(staffRefusal(officer, target("agency"), "enable", many)).toBe("state");
    expect(staffRefusal(officer, target("agency", { disabled: true }), "enable", many)).toBeNull();
    expect(staffRefusal(officer, target("agency", { disabled: true }), "disable", many)).toBe("state");
  });
});

describe("resend credentials", () => {
  it("re-issues for others' active accounts only", () => {
    expect(staffRefusal(officer, target("university"), "resend", many)).toBeNull();
    expect(staffRefusal(officer, target("university", { disabled: true }), "resend", many)).toBe("state");
    expect(staffRefusal(admin, { ...admin, disabled: false }, "resend", many)).toBe("self");
  });
});

describe("change role", () => {
  it("is for admins only and never for agency users", () => {
    expect(staffRefusal(officer, target("university"), "change_role", { ...many, newRole: "officer" })).toBe("forbidden");
    expect(staffRefusal(admin, target("agency"), "change_role", { ...many, newRole: "university" })).toBe("forbidden");
    expect(staffRefusal(admin, target("university"), "change_role", { ...many, newRole: "agency" })).toBe("forbidden");
    expect(staffRefusal(admin, target("university"), "change_role", { ...many, newRole: "officer" })).toBeNull();
  });

  it("refuses demoting the last active admin, but keeping them admin is no demotion", () => {
    expect(staffRefusal(admin, target("admin"), "change_role", { activeAdmins: 1, newRole: "officer" })).toBe("last_admin");
    expect(staffRefusal(admin, target("admin"), "change_role", { activeAdmins: 1, newRole: "admin" })).toBeNull();
    expect(staffRefusal(admin, target("admin"), "change_role", { activeAdmins: 2, newRole: "officer" })).toBeNull();
  });

  it("refuses changing one's own role", () => {
    expect(staffRefusal(admin, { ...admin, disabled: false }, "change_role", { ...many, newRole: "officer" })).toBe("self");
  });
});

describe("what the page offers", () => {
  it("offers an officer disable and resend for an active university account, never a role change", () => {
    expect(availableStaffActions(officer, target("university"), many)).toEqual(["disable", "resend"]);
    expect(availableStaffActions(officer, target("university", { disabled: true }), many)).toEqual(["enable"]);
  });

  it("offers an admin nothing on their own account when they are the last admin", () => {
    expect(availableStaffActions(admin, { ...admin, disabled: false }, { activeAdmins: 1 })).toEqual([]);
    // Another admin while both are active: everything.
    expect(availableStaffActions(admin, target("admin"), { activeAdmins: 2 })).toEqual(["disable", "resend", "change_role"]);
  });

  it("tells the account state", () => {
    expect(staffState({ disabledAt: new Date(), mustChangePassword: true })).toBe("disabled");
    expect(staffState({ disabledAt: null, mustChangePassword: true })).toBe("pending");
    expect(staffState({ disabledAt: null, mustChangePassword: false })).toBe("active");
  });
});
