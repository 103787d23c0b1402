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
import { searchAudit } from "../services/audit-trail";
import { XLSX_TYPE } from "../services/xlsx/write";
import { AuditSearchPage } from "../views/pages/audit";
import { renderPage } from "./render";

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

const download = (name: string) => `attachment; filename="${name}"`;

export const adminAuditRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const f = filters(c);
    if (!f.ok) return searchPage(c, f.values, f.errors);
    const trail = await searchAudit(c.var.deps.db, f.data, pageParam(c.req.query("page")));
    const values = stringValues(c.req.query());
    return renderPage(c, { title: "บันทึกการใช้งานระบบ" }, <AuditSearchPage values={values} trail={trail} />);
  })
  .get("/export.csv", async (c) => {
    const f = filters(c);
    if (!f.ok) return searchPage(c, f.values, f.errors);
    return c.body(auditCsv(c.var.deps.db, f.data), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": download("tidtam-audit.csv"),
      "Cache-Control": "no-store",
    });
  })
  .get("/export.xlsx", async (c) => {
    const f = filters(c);
    if (!f.ok) return searchPage(c, f.values, f.errors);
    return c.body(auditWorkbook(c.var.deps.db, f.data), 200, {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": download("tidtam-audit.xlsx"),
      "Cache-Control": "no-store",
    });
  });
