/**
 * @module
 * The admin's search of the whole audit trail (GET form, so the URL is the
 * search) and its CSV and Excel exports with the same filters: streamed whole
 * up to the export threshold, written by a background job beyond it. Mounted
 * under `/admin`, behind its admin-only guard.
 */
import { Hono } from "hono";
import type { AppContext, AppEnv } from "../app-env";
import { auditFilterForm, exportFormatForm, pageParam } from "../domain/audit-forms";
import type { ExportFormat } from "../domain/exports";
import { stringValues, validateForm } from "../domain/forms";
import { AUDIT_ACTIONS } from "../messages/audit-actions";
import { NotFoundError } from "../middleware/errors";
import { AUDIT_EXPORT_PAGE_ROWS, auditFile } from "../services/audit-export";
import { auditExportHead, searchAudit } from "../services/audit-trail";
import { createAuditExportJob, exportFileOf } from "../services/export-jobs";
import { AuditSearchPage } from "../views/pages/audit";
import { exportJobRoutes } from "./export-jobs";
import { renderPage, seeOther } from "./render";
import { useCase } from "./use-case";

const filterForm = auditFilterForm(AUDIT_ACTIONS);

function filters(c: AppContext) {
  const { page: _page, ...query } = c.req.query();
  return validateForm(filterForm, query);
}

function searchPage(c: AppContext, values: Record<string, string>, errors: Record<string, string>) {
  return renderPage(
    c,
    { title: "บันทึกการใช้งานระบบ", status: 422, hasErrors: true },
    <AuditSearchPage values={values} errors={errors} trail={null} />,
  );
}

/**
 * The file streamed whole, its count and first page read in one batch; a search
 * over the threshold (a link typed or kept from before) goes back to the search,
 * which offers the background job: on Workers it would outrun a request's CPU.
 */
async function download(c: AppContext, format: ExportFormat) {
  const f = filters(c);
  if (!f.ok) return searchPage(c, f.values, f.errors);
  const { db, exports } = c.var.deps;
  const head = await auditExportHead(db, f.data, AUDIT_EXPORT_PAGE_ROWS);
  if (head.total > exports.limits.threshold) return seeOther(c, `/admin/audit${new URL(c.req.url).search}`);
  const file = exportFileOf({ kind: "audit", format });
  return c.body(auditFile(db, f.data, format, head.first), 200, {
    "Content-Type": file.type,
    "Content-Disposition": `attachment; filename="${file.name}"`,
    "Cache-Control": "no-store",
  });
}

export const adminAuditRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const f = filters(c);
    if (!f.ok) return searchPage(c, f.values, f.errors);
    const trail = await searchAudit(c.var.deps.db, f.data, pageParam(c.req.query("page")));
    const values = stringValues(c.req.query());
    const exportJob = { action: "/admin/audit/exports", threshold: c.var.deps.exports.limits.threshold, csrfToken: c.var.csrfToken };
    return renderPage(c, { title: "บันทึกการใช้งานระบบ" }, <AuditSearchPage values={values} trail={trail} exportJob={exportJob} />);
  })
  .get("/export.csv", (c) => download(c, "csv"))
  .get("/export.xlsx", (c) => download(c, "xlsx"))
  // A search over the threshold is exported by a background job: created here, watched on its page.
  .post("/exports", async (c) => {
    const { _csrf, format, page: _page, ...rest } = await c.req.parseBody();
    const f = validateForm(filterForm, rest);
    const asked = validateForm(exportFormatForm, { format });
    if (!f.ok || !asked.ok) {
      const values = f.ok ? stringValues(rest) : f.values;
      return searchPage(c, values, { ...(f.ok ? {} : f.errors), ...(asked.ok ? {} : { _form: asked.errors.format ?? "" }) });
    }
    const outcome = await createAuditExportJob(useCase(c), f.data, asked.data.format);
    if (!outcome.ok) throw new NotFoundError();
    await c.var.deps.exports.runner.start(outcome.id);
    return seeOther(c, `/admin/audit/exports/${outcome.id}`);
  })
  .route("/exports", exportJobRoutes({ base: "/admin/audit/exports", list: "/admin/audit" }));
