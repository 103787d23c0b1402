import { Hono } from "hono";
import type { AppContext, AppEnv } from "../app-env";
import { agencyForm, agencyUserForm } from "../domain/account-forms";
import { eserviceNameForm } from "../domain/onboarding/eservice-forms";
import { formToken } from "../domain/form-token";
import { validateForm } from "../domain/forms";
import { NotFoundError } from "../middleware/errors";
import { requireRole } from "../middleware/roles";
import { createAgency, createAgencyUser, createEservice, listAgencies, readAgencyPage } from "../services/agencies";
import { AgencyDetailPage, AgencyListPage, type AgencyDetailProps } from "../views/pages/agencies";
import { renderPage, seeOther } from "./render";
import { useCase } from "./use-case";
import { setFlash } from "./session-cookie";

async function detail(c: AppContext, id: string, extra: Partial<AgencyDetailProps> = {}, status: 200 | 422 = 200) {
  const page = await readAgencyPage(c.var.deps.db, id);
  if (!page) throw new NotFoundError();
  return renderPage(
    c,
    { title: page.agency.nameTh, status, hasErrors: status === 422 },
    <AgencyDetailPage agency={page.agency} users={page.users} services={page.services} csrfToken={c.var.csrfToken} {...extra} />,
  );
}

/** Officers (สพร.) set up agencies, their users and e-services. */
export const officerAgencyRoutes = new Hono<AppEnv>()
  .use("*", requireRole("officer", "admin"))
  .get("/", async (c) =>
    renderPage(c, { title: "หน่วยงาน" }, <AgencyListPage rows={await listAgencies(c.var.deps.db)} csrfToken={c.var.csrfToken} />),
  )
  .post("/", async (c) => {
    const { deps } = c.var;
    const body = await c.req.parseBody();
    const form = validateForm(agencyForm, body);
    if (!form.ok) {
      return renderPage(
        c,
        { title: "หน่วยงาน", status: 422, hasErrors: true },
        <AgencyListPage rows={await listAgencies(deps.db)} csrfToken={c.var.csrfToken} values={form.values} errors={form.errors} />,
      );
    }
    const created = await createAgency(useCase(c), form.data, formToken(body));
    setFlash(c, "agency_created");
    return seeOther(c, `/officer/agencies/${created.id}`);
  })
  .get("/:id", (c) => detail(c, c.req.param("id"), { createdUsername: c.req.query("created") ?? null }))
  .post("/:id/users", async (c) => {
    const id = c.req.param("id");
    const body = await c.req.parseBody();
    const form = validateForm(agencyUserForm, body);
    if (!form.ok) return detail(c, id, { userValues: form.values, userErrors: form.errors }, 422);
    const created = await createAgencyUser(useCase(c), c.var.deps.kdf, id, form.data, formToken(body));
    if (!created.ok) throw new NotFoundError();
    return seeOther(c, `/officer/agencies/${id}?created=${encodeURIComponent(created.username)}`);
  })
  .post("/:id/eservices", async (c) => {
    const id = c.req.param("id");
    const body = await c.req.parseBody();
    const form = validateForm(eserviceNameForm, body);
    if (!form.ok) return detail(c, id, { serviceValues: form.values, serviceErrors: form.errors }, 422);
    const created = await createEservice(useCase(c), id, form.data.name, formToken(body));
    if (!created.ok) throw new NotFoundError();
    setFlash(c, "eservice_created", form.data.name);
    return seeOther(c, `/officer/agencies/${id}`);
  });
