/**
 * @module
 * The admin's search of the whole audit trail (GET form, so the URL is the
 * search) and its CSV and Excel exports with the same filters. Mounted under
 * `/admin`, behind its admin-only guard.
 */
import { Hono } from "hono";
import type { AppContext, AppEnv } from "../app-env";
import { auditFilterForm, pageParam } from "../domain/audit-forms";
import { stringValues, validateForm } from "../domain/forms";
import { AUDIT_ACTIONS } from "../messages/audit-actions";
import { auditCsv, auditWorkbook } from "../services/audit-export";
import { EXPORT_MAX_ROWS, exportAudit, searchAudit } from "../services/audit-trail";
import { AuditSearchPage } from "../views/pages/audit";
import { renderPage } from "./render";

const filterForm = auditFilterForm(AUDIT_ACTIONS);

function filters(c: AppContext) {
  const { page: _page, ...query } = c.req.query();
  return validateForm(filterForm, query);
}

async function exported(c: AppContext): Promise<{ ok: true; data: Awaited<ReturnType<typeof exportAudit>> } | { ok: false; response: Response }> {
  const f = filters(c);
  if (!f.ok) return { ok: false, response: await searchPage(c, f.values, f.errors) };
  return { ok: true, data: await exportAudit(c.var.deps.db, f.data, EXPORT_MAX_ROWS) };
}

function searchPage(c: AppContext, values: Record<string, string>, errors: Record<string, string>) {
  return renderPage(
    c,
    { title: "บันทึกการใช้งานระบบ", status: 422, hasErrors: true },
    <AuditSearchPage values={values} errors={errors} trail={null} exportMax={EXPORT_MAX_ROWS} />,
  );
}

const download = (name: string) => `attachment; filename="${name}"`;

export const adminAuditRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const f = filters(c);
    if (!f.ok) return searchPage(c, f.values, f.errors);
    const trail = await searchAudit(c.var.deps.db, f.data, pageParam(c.req.query("page")));
    const values = stringValues(c.req.query());
    return renderPage(c, { title: "บันทึกการใช้งานระบบ" }, <AuditSearchPage values={values} trail={trail} exportMax={EXPORT_MAX_ROWS} />);
  })
  .get("/export.csv", async (c) => {
    const x = await exported(c);
    if (!x.ok) return x.response;
    return c.body(auditCsv(x.data), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": download("tidtam-audit.csv"),
      "Cache-Control": "no-store",
    });
  })
  .get("/export.xlsx", async (c) => {
    const x = await exported(c);
    if (!x.ok) return x.response;
    const body = await auditWorkbook(x.data);
    return c.body(body as unknown as ArrayBuffer, 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": download("tidtam-audit.xlsx"),
      "Cache-Control": "no-store",
    });
  });
