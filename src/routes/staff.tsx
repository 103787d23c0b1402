import { Hono } from "hono";
import type { AppContext, AppEnv } from "../app-env";
import { formToken } from "../domain/form-token";
import { stringValues, validateForm, type FieldErrors, type FormValues } from "../domain/forms";
import { isRole } from "../domain/roles";
import {
  STAFF_ROLE_NOT_ALLOWED,
  STAFF_UNIVERSITY_INACTIVE,
  STAFF_UNIVERSITY_UNKNOWN,
  staffCreateForm,
  staffListQuery,
  staffRoleForm,
} from "../domain/staff-forms";
import { availableStaffActions, creatableRoles, managedRoles, STAFF_REFUSAL_MESSAGE } from "../domain/staff-policy";
import type { FlashKey } from "../messages/th";
import { NotFoundError } from "../middleware/errors";
import { requireRole } from "../middleware/roles";
import {
  changeStaffRole,
  createStaff,
  disableStaff,
  enableStaff,
  getStaffAccount,
  listStaff,
  resendCredentials,
  STAFF_PAGE_SIZE,
  type StaffChangeOutcome,
} from "../services/staff";
import { activeUniversities } from "../services/universities";
import { StaffDetailPage } from "../views/pages/staff-detail";
import { StaffListPage } from "../views/pages/staff-list";
import { StaffNewPage } from "../views/pages/staff-new";
import { setFlash } from "./session-cookie";
import { renderPage, seeOther } from "./render";
import { useCase } from "./use-case";


async function newForm(c: AppContext, values: FormValues, errors?: FieldErrors) {
  return renderPage(
    c,
    { title: "สร้างบัญชีเจ้าหน้าที่", status: errors ? 422 : 200, hasErrors: !!errors },
    <StaffNewPage roles={creatableRoles(c.var.user!.role)} universities={await activeUniversities(c.var.deps.db)} csrfToken={c.var.csrfToken} values={values} errors={errors} />,
  );
}

interface DetailExtra {
  status?: 200 | 409 | 422;
  refusal?: string;
  roleValues?: FormValues;
  roleErrors?: FieldErrors;
}

/** The account page; 404 for an id that does not exist or that the viewer may not manage. */
async function detail(c: AppContext, id: string, extra: DetailExtra = {}) {
  const viewer = c.var.user!;
  const found = await getStaffAccount(c.var.deps.db, viewer, id);
  if (!found) throw new NotFoundError();
  const { account, mail, activeAdmins } = found;
  const actions = availableStaffActions(viewer, { id: account.id, role: account.role, disabled: account.disabledAt !== null }, { activeAdmins });
  const status = extra.status ?? 200;
  return renderPage(
    c,
    { title: account.displayName, status, hasErrors: status !== 200 },
    <StaffDetailPage
      account={account}
      mail={mail}
      actions={actions}
      viewerIsAdmin={viewer.role === "admin"}
      universities={actions.includes("change_role") ? found.universities : []}
      csrfToken={c.var.csrfToken}
      refusal={extra.refusal}
      roleValues={extra.roleValues}
      roleErrors={extra.roleErrors}
    />,
  );
}

/** After an action on an account: back to its page with a notice, or the page with why not. */
function afterAction(c: AppContext, id: string, outcome: StaffChangeOutcome, key: FlashKey) {
  if (outcome.ok) {
    setFlash(c, key);
    return seeOther(c, `/staff/${id}`);
  }
  if (outcome.reason === "not_found") throw new NotFoundError();
  if (outcome.reason === "university_unknown" || outcome.reason === "university_inactive") {
    const message = outcome.reason === "university_unknown" ? STAFF_UNIVERSITY_UNKNOWN : STAFF_UNIVERSITY_INACTIVE;
    return detail(c, id, { status: 422, roleErrors: { universityId: message } });
  }
  return detail(c, id, { status: 409, refusal: STAFF_REFUSAL_MESSAGE[outcome.reason] });
}

/** Admins and officers run staff accounts, each within domain/staff-policy.ts. */
export const staffRoutes = new Hono<AppEnv>()
  .use("*", requireRole("officer", "admin"))
  .get("/", async (c) => {
    const viewer = c.var.user!;
    const q = staffListQuery.parse(c.req.query());
    const roles = managedRoles(viewer.role);
    const role = isRole(q.role) && roles.includes(q.role) ? q.role : null;
    const page = q.page ?? 1;
    const { rows, total } = await listStaff(c.var.deps.db, viewer, { role: role ?? undefined, page });
    return renderPage(
      c,
      { title: "บัญชีเจ้าหน้าที่" },
      <StaffListPage rows={rows} total={total} page={page} pageSize={STAFF_PAGE_SIZE} roles={roles} role={role} mayCreate={creatableRoles(viewer.role).length > 0} />,
    );
  })
  .get("/new", (c) => {
    const preset: FormValues = {};
    const role = c.req.query("role");
    const universityId = c.req.query("universityId");
    if (role && (creatableRoles(c.var.user!.role) as readonly string[]).includes(role)) preset.role = role;
    if (universityId && universityId.length <= 100) preset.universityId = universityId;
    return newForm(c, preset);
  })
  .post("/", async (c) => {
    const body = await c.req.parseBody();
    const form = validateForm(staffCreateForm, body);
    if (!form.ok) return newForm(c, form.values, form.errors);
    const created = await createStaff(useCase(c), c.var.deps.kdf, form.data, formToken(body));
    if (created.ok) {
      setFlash(c, "staff_created");
      return seeOther(c, `/staff/${created.id}`);
    }
    const errors: FieldErrors =
      created.reason === "forbidden"
        ? { role: STAFF_ROLE_NOT_ALLOWED }
        : { universityId: created.reason === "university_inactive" ? STAFF_UNIVERSITY_INACTIVE : STAFF_UNIVERSITY_UNKNOWN };
    return newForm(c, stringValues(body), errors);
  })
  .get("/:id", (c) => detail(c, c.req.param("id")))
  .post("/:id/disable", async (c) => {
    const id = c.req.param("id");
    return afterAction(c, id, await disableStaff(useCase(c), id), "staff_disabled");
  })
  .post("/:id/enable", async (c) => {
    const id = c.req.param("id");
    return afterAction(c, id, await enableStaff(useCase(c), id), "staff_enabled");
  })
  .post("/:id/resend", async (c) => {
    const id = c.req.param("id");
    return afterAction(c, id, await resendCredentials(useCase(c), c.var.deps.kdf, id), "staff_resent");
  })
  .post("/:id/role", requireRole("admin"), async (c) => {
    const id = c.req.param("id");
    // Someone else's (or no) account is "not found" before anything about the input is said.
    if (!(await getStaffAccount(c.var.deps.db, c.var.user!, id))) throw new NotFoundError();
    const form = validateForm(staffRoleForm, await c.req.parseBody());
    if (!form.ok) return detail(c, id, { status: 422, roleValues: form.values, roleErrors: form.errors });
    return afterAction(c, id, await changeStaffRole(useCase(c), id, form.data), "staff_role_changed");
  });
