import { Hono } from "hono";
import type { AppContext, AppEnv } from "../app-env";
import { POSITIONS, type Position, type RequestStatus } from "../domain/academic";
import { REQUEST_FORM_LABELS, requestFilterQuery, requestForm, validateDraft } from "../domain/academic-forms";
import { stringValues, validateForm, type FormValues } from "../domain/forms";
import { formatThaiId } from "../domain/thai-id";
import { NotFoundError } from "../middleware/errors";
import { requireRole } from "../middleware/roles";
import { decryptPid, pidKeys } from "../services/pid-crypto";
import { getRequestFor, PAGE_SIZE, saveDraft, searchRequests, submitRequest, type RequestDetail } from "../services/requests";
import { RequestCheckPage, RequestFormPage } from "../views/pages/request-form";
import { RequestListPage } from "../views/pages/request-list";
import { renderPage, seeOther } from "./render";

const FIELDS = Object.keys(REQUEST_FORM_LABELS) as (keyof typeof REQUEST_FORM_LABELS)[];

async function draftOr404(c: AppContext, id: string): Promise<RequestDetail> {
  const req = await getRequestFor(c.var.deps.db, c.var.user!, id);
  if (!req || req.status !== "draft") throw new NotFoundError();
  return req;
}

/** A stored draft as form values (the national ID decrypted for its own university). */
async function valuesOf(c: AppContext, req: RequestDetail): Promise<FormValues> {
  const pid = req.applicantPidEnc ? await decryptPid(await pidKeys(c.var.deps.config.dataKey), req.applicantPidEnc) : "";
  return {
    applicantPid: pid ? formatThaiId(pid) : "",
    applicantTitle: req.applicantTitle,
    applicantFirstName: req.applicantFirstName,
    applicantLastName: req.applicantLastName,
    applicantEmail: req.applicantEmail ?? "",
    position: req.position ?? "",
    fieldTh: req.fieldTh,
    fieldEn: req.fieldEn,
    letterNo: req.letterNo ?? "",
    coordinatorName: req.coordinatorName,
    coordinatorPhone: req.coordinatorPhone,
    coordinatorEmail: req.coordinatorEmail,
  };
}

function actor(c: AppContext) {
  return { user: c.var.user!, ip: c.var.deps.clientIp(c) };
}

/** Saves the posted form as a draft (new or existing) and goes where `intent` says. */
async function saveAndContinue(c: AppContext, id: string | null) {
  const { deps } = c.var;
  const body = await c.req.parseBody();
  const draft = validateDraft(body);
  if (!draft.ok) {
    return renderPage(
      c,
      { title: "ยื่นคำขอตำแหน่งทางวิชาการ", status: 422, hasErrors: true },
      <RequestFormPage id={id} values={stringValues(body)} errors={draft.errors} csrfToken={c.var.csrfToken} />,
    );
  }
  const saved = await saveDraft(deps.db, { keys: await pidKeys(deps.config.dataKey), now: deps.clock.now() }, actor(c), id, draft.data);
  if (!saved) throw new NotFoundError();
  return seeOther(c, body.intent === "check" ? `/university/requests/${saved}/check` : `/university/requests/${saved}/edit?saved=1`);
}

export const universityRoutes = new Hono<AppEnv>()
  .use("*", requireRole("university"))
  .get("/", async (c) => {
    const { deps } = c.var;
    const f = requestFilterQuery.parse(c.req.query());
    const page = f.page ?? 1;
    const { rows, total } = await searchRequests(
      deps.db,
      c.var.user!,
      { q: f.q, status: f.status as RequestStatus | undefined, position: f.position as Position | undefined, olderThanDays: f.age, page },
      { keys: await pidKeys(deps.config.dataKey), now: deps.clock.now() },
    );
    const filters = Object.fromEntries(Object.entries({ q: f.q, status: f.status, position: f.position, age: f.age?.toString() }).filter(([, v]) => v)) as Record<string, string>;
    return renderPage(
      c,
      { title: "คำขอของมหาวิทยาลัย" },
      <RequestListPage title="คำขอของมหาวิทยาลัย" rows={rows} total={total} page={page} pageSize={PAGE_SIZE} filters={filters} basePath="/university" newRequestPath="/university/requests/new" />,
    );
  })
  .get("/requests/new", (c) =>
    renderPage(c, { title: "ยื่นคำขอตำแหน่งทางวิชาการ" }, <RequestFormPage id={null} values={{}} csrfToken={c.var.csrfToken} />),
  )
  .post("/requests", (c) => saveAndContinue(c, null))
  .get("/requests/:id/edit", async (c) => {
    const req = await draftOr404(c, c.req.param("id"));
    return renderPage(c, { title: "แก้ไขร่างคำขอ" }, <RequestFormPage id={req.id} values={await valuesOf(c, req)} csrfToken={c.var.csrfToken} />);
  })
  .post("/requests/:id", (c) => saveAndContinue(c, c.req.param("id")))
  .get("/requests/:id/check", async (c) => {
    const req = await draftOr404(c, c.req.param("id"));
    const values = await valuesOf(c, req);
    const rows = FIELDS.map((name) => [name, REQUEST_FORM_LABELS[name], name === "position" && values.position ? POSITIONS[values.position as Position].th : (values[name] ?? "")] as [string, string, string]);
    return renderPage(c, { title: "ตรวจสอบข้อมูล" }, <RequestCheckPage id={req.id} rows={rows} csrfToken={c.var.csrfToken} />);
  })
  .post("/requests/:id/submit", async (c) => {
    const { deps } = c.var;
    const req = await draftOr404(c, c.req.param("id"));
    const values = await valuesOf(c, req);
    const form = validateForm(requestForm, values);
    if (!form.ok) {
      const rows = FIELDS.map((name) => [name, REQUEST_FORM_LABELS[name], values[name] ?? ""] as [string, string, string]);
      return renderPage(c, { title: "ตรวจสอบข้อมูล", status: 422, hasErrors: true }, <RequestCheckPage id={req.id} rows={rows} csrfToken={c.var.csrfToken} errors={form.errors} />);
    }
    const result = await submitRequest(deps.db, { now: deps.clock.now(), appUrl: deps.config.appUrl }, actor(c), req.id, form.data, await pidKeys(deps.config.dataKey));
    if (!result) throw new NotFoundError();
    return seeOther(c, `/requests/${req.id}`);
  });

