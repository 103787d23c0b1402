import { Hono } from "hono";
import type { AppContext, AppEnv } from "../app-env";
import { isDraft, POSITIONS, type Position, type RequestStatus } from "../domain/academic";
import { draftForAutosave, EMPTY_DRAFT_MESSAGE, isEmptyDraft, REQUEST_FORM_LABELS, requestFilterQuery, validateDraft } from "../domain/academic-forms";
import { formToken } from "../domain/form-token";
import { stringValues, type FieldErrors, type FormValues } from "../domain/forms";
import { MESSAGES } from "../messages/th";
import { maskThaiId } from "../domain/thai-id";
import { NotFoundError } from "../middleware/errors";
import { takeParkedFields } from "../middleware/parked-forms";
import { requireRole } from "../middleware/roles";
import { pidKeys } from "../services/pid-crypto";
import { draftFormValues, getRequestFor, PAGE_SIZE, saveDraft, searchRequests, submitRequest, type RequestDetail } from "../services/requests";
import { RequestCheckPage, RequestFormPage } from "../views/pages/request-form";
import { DraftRefused, DraftSaved, DraftPartlySaved } from "../views/components/autosave";
import { RequestListPage } from "../views/pages/request-list";
import { acceptsRequests, acceptsRequestsQuery, universityAcceptsRequests } from "../services/universities";
import { UniversityDeactivatedPage } from "../views/pages/universities";
import { renderPage, seeOther } from "./render";
import { useCase } from "./use-case";
import { setFlash } from "./session-cookie";

/** What a deactivated university sees where it would file a request (409: the university's state refuses it). */
function deactivated(c: AppContext) {
  return renderPage(c, { title: "ยื่นคำขอไม่ได้", status: 409 }, <UniversityDeactivatedPage />);
}

const FIELDS = Object.keys(REQUEST_FORM_LABELS) as (keyof typeof REQUEST_FORM_LABELS)[];

async function draftOr404(c: AppContext, id: string): Promise<RequestDetail> {
  const req = await getRequestFor(c.var.deps.db, c.var.user!, id);
  if (!req || !isDraft(req.status)) throw new NotFoundError();
  return req;
}

/** The check-your-answers rows of a draft, as stored. */
function checkRows(stored: FormValues): [string, string, string][] {
  // The national ID is shown masked: the full one is the applicant's, not for re-reading.
  const values: FormValues = { ...stored, applicantPid: stored.applicantPid ? maskThaiId(stored.applicantPid) : "" };
  return FIELDS.map((name) => [name, REQUEST_FORM_LABELS[name], name === "position" && values.position ? POSITIONS[values.position as Position].th : (values[name] ?? "")]);
}

/** Saves the posted form as a draft (new or existing) and goes where `intent` says. */
async function saveAndContinue(c: AppContext, id: string | null) {
  // Another university's draft is "not found" before anything about the input is said.
  const stored = id ? await draftOr404(c, id) : null;
  const storedPid = stored ? (await draftFormValues(useCase(c), stored)).applicantPid : "";
  const body = await c.req.parseBody();
  const refuse = (errors: FieldErrors) =>
    renderPage(
      c,
      { title: "ยื่นคำขอตำแหน่งทางวิชาการ", status: 422, hasErrors: true },
      <RequestFormPage id={id} values={stringValues(body)} errors={errors} csrfToken={c.var.csrfToken} storedPid={storedPid ? maskThaiId(storedPid) : null} />,
    );
  const draft = validateDraft(body);
  if (!draft.ok) return refuse(draft.errors);
  const saved = await saveDraft(useCase(c), { id, form: draft.data, once: formToken(body) });
  if (!saved.ok && saved.reason === "empty") return refuse({ _form: EMPTY_DRAFT_MESSAGE });
  if (!saved.ok && saved.reason === "university_inactive") return deactivated(c);
  if (!saved.ok) throw new NotFoundError();
  if (body.intent === "check") return seeOther(c, `/university/requests/${saved.id}/check`);
  setFlash(c, "request_draft_saved");
  return seeOther(c, `/university/requests/${saved.id}/edit?saved=1`);
}

/**
 * htmx autosave while the university types (new form: `id` null). Stores every field
 * valid so far and keeps the stored value of any not valid yet; a form with nothing
 * valid in it is not a draft (the rule of the save button), so nothing is created.
 * The first autosave of a new form creates the draft under the form's one-time token;
 * later posts of the same form (autosaves, the save button) update that draft.
 */
async function autosave(c: AppContext, id: string | null) {
  if (id) await draftOr404(c, id);
  const body = await c.req.parseBody();
  const { data, invalid } = draftForAutosave(body);
  const pending = invalid.map((k) => REQUEST_FORM_LABELS[k]);
  if (isEmptyDraft(data)) {
    const message = pending.length ? `ช่องที่ยังไม่ถูกต้อง: ${pending.join(", ")}` : EMPTY_DRAFT_MESSAGE;
    return c.html(await String(<DraftRefused message={message} />), 422);
  }
  const saved = await saveDraft(useCase(c), { id, form: data, once: formToken(body) });
  if (!saved.ok && saved.reason === "university_inactive") return c.html(await String(<DraftRefused message={MESSAGES.universityDeactivated} />), 409);
  if (!saved.ok && saved.reason === "empty") return c.html(await String(<DraftRefused message={EMPTY_DRAFT_MESSAGE} />), 422);
  if (!saved.ok) throw new NotFoundError();
  // A new form's page is now that draft's: a reload or a way back finds it.
  if (!id) c.header("HX-Replace-Url", `/university/requests/${saved.id}/edit`);
  const at = c.var.deps.clock.now();
  return c.html(await String(pending.length ? <DraftPartlySaved at={at} pending={pending} /> : <DraftSaved at={at} />));
}

export const universityRoutes = new Hono<AppEnv>()
  .use("*", requireRole("university"))
  .get("/", async (c) => {
    const { deps } = c.var;
    const f = requestFilterQuery.parse(c.req.query());
    const page = f.page ?? 1;
    const { rows, total, also } = await searchRequests(
      deps.db,
      c.var.user!,
      { q: f.q, status: f.status as RequestStatus | undefined, position: f.position as Position | undefined, olderThanDays: f.age, page },
      { keys: await pidKeys(deps.config.dataKey), now: deps.clock.now() },
      [acceptsRequestsQuery(deps.db, c.var.user!.orgId ?? "")] as const,
    );
    const accepts = acceptsRequests(also[0]);
    const filters = Object.fromEntries(Object.entries({ q: f.q, status: f.status, position: f.position, age: f.age?.toString() }).filter(([, v]) => v)) as Record<string, string>;
    return renderPage(
      c,
      { title: "คำขอของมหาวิทยาลัย" },
      <RequestListPage title="คำขอของมหาวิทยาลัย" rows={rows} total={total} page={page} pageSize={PAGE_SIZE} filters={filters} basePath="/university"
        newRequestPath={accepts ? "/university/requests/new" : undefined}
        notice={accepts ? undefined : MESSAGES.universityDeactivated}
      />,
    );
  })
  .get("/requests/new", async (c) => {
    if (!(await universityAcceptsRequests(c.var.deps.db, c.var.user!.orgId ?? ""))) return deactivated(c);
    const values = stringValues(takeParkedFields(c, FIELDS) ?? {});
    return renderPage(c, { title: "ยื่นคำขอตำแหน่งทางวิชาการ" }, <RequestFormPage id={null} values={values} csrfToken={c.var.csrfToken} />);
  })
  .post("/requests", (c) => saveAndContinue(c, null))
  .post("/requests/new/draft", (c) => autosave(c, null))
  .get("/requests/:id/edit", async (c) => {
    const req = await draftOr404(c, c.req.param("id"));
    // The stored national ID is not put back in the form (blank keeps it): see services/pid-views.ts.
    const { applicantPid, ...values } = await draftFormValues(useCase(c), req);
    return renderPage(
      c,
      { title: "แก้ไขร่างคำขอ" },
      <RequestFormPage id={req.id} values={{ ...values, ...stringValues(takeParkedFields(c, FIELDS) ?? {}) }} csrfToken={c.var.csrfToken} storedPid={applicantPid ? maskThaiId(applicantPid) : null} />,
    );
  })
  .post("/requests/:id", (c) => saveAndContinue(c, c.req.param("id")))
  .post("/requests/:id/draft", (c) => autosave(c, c.req.param("id")))
  .get("/requests/:id/check", async (c) => {
    const req = await draftOr404(c, c.req.param("id"));
    const rows = checkRows(await draftFormValues(useCase(c), req));
    return renderPage(c, { title: "ตรวจสอบข้อมูล" }, <RequestCheckPage id={req.id} rows={rows} csrfToken={c.var.csrfToken} />);
  })
  .post("/requests/:id/submit", async (c) => {
    const id = c.req.param("id");
    const result = await submitRequest(useCase(c), id, formToken(await c.req.parseBody()));
    if (result.ok) {
      setFlash(c, "request_submitted", result.ticketNo);
      return seeOther(c, `/requests/${result.id}`);
    }
    if (result.reason === "not_found") throw new NotFoundError();
    if (result.reason === "university_inactive") return deactivated(c);
    const req = await draftOr404(c, id);
    const rows = checkRows(await draftFormValues(useCase(c), req));
    return renderPage(c, { title: "ตรวจสอบข้อมูล", status: 422, hasErrors: true }, <RequestCheckPage id={req.id} rows={rows} csrfToken={c.var.csrfToken} errors={result.errors} />);
  });
