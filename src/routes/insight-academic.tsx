/**
 * @module
 * Issue 14, academic positions: the officers' overview with its two exports, and
 * the public processing times (no sign-in).
 */
import { Hono } from "hono";
import type { AppContext, AppEnv } from "../app-env";
import type { Position } from "../domain/academic";
import { requestFilterQuery } from "../domain/academic-forms";
import { ForbiddenError } from "../middleware/errors";
import { requireRole } from "../middleware/roles";
import { academicOverview, processingTimesCached, type InsightFilters } from "../services/insight-academic";
import { overviewCsv, overviewTables, overviewWorkbook } from "../services/insight-academic-export";
import { XLSX_TYPE } from "../services/xlsx/write";
import { AcademicOverviewPage } from "../views/pages/academic-overview";
import { ProcessingTimesPage } from "../views/pages/processing-times";
import { renderPage } from "./render";
import { useCase } from "./use-case";

/** The list's own filter rules (services/requests.ts): an unknown value is dropped, not an error. */
function overviewFilters(c: AppContext): { filters: InsightFilters; query: Record<string, string> } {
  const f = requestFilterQuery.parse(c.req.query());
  const filters: InsightFilters = { universityId: f.university || undefined, position: f.position as Position | undefined };
  const query = Object.fromEntries(Object.entries({ university: filters.universityId, position: filters.position }).filter(([, v]) => v)) as Record<string, string>;
  return { filters, query };
}

async function overviewOf(c: AppContext) {
  const { filters, query } = overviewFilters(c);
  const outcome = await academicOverview(useCase(c), filters);
  if (!outcome.ok) throw new ForbiddenError();
  return { overview: outcome.overview, universities: outcome.universities, filters, query };
}

async function exportTables(c: AppContext) {
  const { overview, universities, filters } = await overviewOf(c);
  const universityName = filters.universityId ? (universities.find((u) => u.id === filters.universityId)?.nameTh ?? filters.universityId) : undefined;
  return overviewTables(overview, { ...filters, universityName });
}

const staffOnly = requireRole("officer", "admin");

export const academicOverviewRoutes = new Hono<AppEnv>()
  .get("/overview", staffOnly, async (c) => {
    const { overview, universities, query } = await overviewOf(c);
    return renderPage(c, { title: "ภาพรวมคำขอตำแหน่งทางวิชาการ" }, <AcademicOverviewPage overview={overview} filters={query} universities={universities} />);
  })
  .get("/overview.csv", staffOnly, async (c) =>
    c.body(overviewCsv(await exportTables(c)), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tidtam-overview.csv"`,
      "Cache-Control": "no-store",
    }),
  )
  .get("/overview.xlsx", staffOnly, async (c) =>
    c.body(overviewWorkbook(await exportTables(c)), 200, {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="tidtam-overview.xlsx"`,
      "Cache-Control": "no-store",
    }),
  );

export const processingTimesRoutes = new Hono<AppEnv>().get("/processing-times", async (c) => {
  const { deps } = c.var;
  const times = await processingTimesCached(deps.db, deps.clock.now());
  return renderPage(c, { title: "ระยะเวลาดำเนินการ" }, <ProcessingTimesPage times={times} />);
});
