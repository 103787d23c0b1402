import { Hono } from "hono";
import type { AppContext, AppEnv } from "../app-env";
import { formToken } from "../domain/form-token";
import { stringValues, validateForm, type FieldErrors, type FormValues } from "../domain/forms";
import { UNIVERSITY_CODE_TAKEN, universityForm, universityRenameForm } from "../domain/staff-forms";
import type { FlashKey } from "../messages/th";
import { ForbiddenError, NotFoundError } from "../middleware/errors";
import { requireRole } from "../middleware/roles";
import {
  createUniversity,
  listUniversitiesWithCounts,
  readUniversityPage,
  renameUniversity,
  setUniversityActive,
  type UniversityChangeOutcome,
} from "../services/universities";
import { UniversityDetailPage, UniversityListPage } from "../views/pages/universities";
import { setFlash } from "./session-cookie";
import { renderPage, seeOther } from "./render";
import { useCase } from "./use-case";


async function list(c: AppContext, form?: { values: FormValues; errors: FieldErrors }) {
  return renderPage(
    c,
    { title: "มหาวิทยาลัย", status: form ? 422 : 200, hasErrors: !!form },
    <UniversityListPage rows={await listUniversitiesWithCounts(c.var.deps.db)} csrfToken={c.var.csrfToken} {...form} />,
  );
}

async function detail(c: AppContext, id: string, form?: { values: FormValues; errors: FieldErrors }) {
  const page = await readUniversityPage(c.var.deps.db, id);
  if (!page) throw new NotFoundError();
  return renderPage(
    c,
    { title: page.university.nameTh, status: form ? 422 : 200, hasErrors: !!form },
    <UniversityDetailPage university={page.university} staff={page.staff} csrfToken={c.var.csrfToken} {...form} />,
  );
}

function afterChange(c: AppContext, id: string, outcome: UniversityChangeOutcome, key: FlashKey) {
  if (!outcome.ok && outcome.reason === "not_found") throw new NotFoundError();
  if (!outcome.ok) throw new ForbiddenError();
  setFlash(c, key);
  return seeOther(c, `/admin/universities/${id}`);
}

/** Admins create, rename, deactivate and reactivate universities (never delete: codes are never reused). */
export const universityAdminRoutes = new Hono<AppEnv>()
  .use("*", requireRole("admin"))
  .get("/", (c) => list(c))
  .post("/", async (c) => {
    const body = await c.req.parseBody();
    const form = validateForm(universityForm, body);
    if (!form.ok) return list(c, form);
    const created = await createUniversity(useCase(c), form.data, formToken(body));
    if (!created.ok && created.reason === "code_taken") return list(c, { values: stringValues(body), errors: { code: UNIVERSITY_CODE_TAKEN } });
    if (!created.ok) throw new ForbiddenError();
    setFlash(c, "university_created");
    return seeOther(c, `/admin/universities/${created.id}`);
  })
  .get("/:id", (c) => detail(c, c.req.param("id")))
  .post("/:id", async (c) => {
    const id = c.req.param("id");
    const form = validateForm(universityRenameForm, await c.req.parseBody());
    if (!form.ok) return detail(c, id, form);
    return afterChange(c, id, await renameUniversity(useCase(c), id, form.data), "university_renamed");
  })
  .post("/:id/deactivate", async (c) => {
    const id = c.req.param("id");
    return afterChange(c, id, await setUniversityActive(useCase(c), id, false), "university_deactivated");
  })
  .post("/:id/reactivate", async (c) => {
    const id = c.req.param("id");
    return afterChange(c, id, await setUniversityActive(useCase(c), id, true), "university_reactivated");
  });
