import { Hono } from "hono";
import type { AppContext, AppEnv } from "../app-env";
import type { Position, RequestStatus } from "../domain/academic";
import { requestFilterQuery } from "../domain/academic-forms";
import { requireRole } from "../middleware/roles";
import { EXPORT_PAGE_ROWS, requestsWorkbook } from "../services/export";
import { createRequestsExportJob } from "../services/export-jobs";
import { NotFoundError } from "../middleware/errors";
import { exportJobRoutes } from "./export-jobs";
import { useCase } from "./use-case";
import { pidKeys } from "../services/pid-crypto";
import { listUniversities, PAGE_SIZE, requestListHead, requestListWhere, searchRequests, type RequestFilters } from "../services/requests";
import { XLSX_TYPE } from "../services/xlsx/write";
import { BATCH_CSV_HEADER, batchRows, groupBatches } from "../domain/onboarding/batches";
import { csvText } from "../services/csv";
import { nextCutoff } from "../domain/onboarding/golive";
import { scheduledServices } from "../services/onboarding/golive";
import { reviewQueue } from "../services/onboarding/service";
import { BatchCalendarPage } from "../views/onboarding/golive";
import { RequestListPage } from "../views/pages/request-list";
import { ReviewQueuePage } from "../views/pages/review-queue";
import { renderPage, seeOther } from "./render";

function listFilters(c: AppContext, page: number): RequestFilters {
  return filtersOf(c.req.query(), page);
}

function filtersOf(input: Record<string, unknown>, page: number): RequestFilters {
  const f = requestFilterQuery.parse(input);
  return {
    q: f.q,
    status: f.status as RequestStatus | undefined,
    universityId: f.university,
    position: f.position as Position | undefined,
    olderThanDays: f.age,
    page,
  };
}

async function search(c: AppContext, page: number) {
  const { deps } = c.var;
  const f = requestFilterQuery.parse(c.req.query());
  // The filter's university list is read in the same batch as the page.
  const result = await searchRequests(deps.db, c.var.user!, listFilters(c, page), { keys: await pidKeys(deps.config.dataKey), now: deps.clock.now() }, [
    listUniversities(deps.db),
  ] as const);
  const filters = Object.fromEntries(
    Object.entries({ q: f.q, status: f.status, university: f.university, position: f.position, age: f.age?.toString() }).filter(([, v]) => v),
  ) as Record<string, string>;
  return { ...result, filters, page: f.page ?? 1 };
}

/** The officers' work queue across universities, oldest submission first. */
export const officerRoutes = new Hono<AppEnv>()
  .use("*", requireRole("officer", "admin"))
  .get("/", async (c) => {
    const page = requestFilterQuery.parse(c.req.query()).page ?? 1;
    const { rows, total, filters, also } = await search(c, page);
    const [universities] = also;
    return renderPage(
      c,
      { title: "งานของเจ้าหน้าที่" },
      <RequestListPage
        title="คำขอตำแหน่งทางวิชาการ (งานของเจ้าหน้าที่)"
        rows={rows}
        total={total}
        page={page}
        pageSize={PAGE_SIZE}
        filters={filters}
        universities={universities}
        basePath="/officer"
        exportPath="/officer/export.xlsx"
        exportJob={{ action: "/officer/exports", threshold: c.var.deps.exports.limits.threshold, csrfToken: c.var.csrfToken }}
      />,
    );
  })
  .get("/reviews", async (c) =>
    renderPage(c, { title: "รอตรวจสอบ" }, <ReviewQueuePage rows={await reviewQueue(c.var.deps.db)} now={c.var.deps.clock.now()} />),
  )
  .get("/batches", async (c) => {
    const now = c.var.deps.clock.now();
    const rows = await scheduledServices(c.var.deps.db);
    return renderPage(
      c,
      { title: "รอบเปิดให้บริการ" },
      <BatchCalendarPage title="รอบเปิดให้บริการ (ทุกหน่วยงาน)" now={now} nextCutoff={nextCutoff(now)} batches={groupBatches(rows, now)} exportHref="/officer/batches.csv" />,
    );
  })
  .get("/batches.csv", async (c) => {
    const now = c.var.deps.clock.now();
    const batches = groupBatches(await scheduledServices(c.var.deps.db), now);
    return c.body(csvText([{ cells: BATCH_CSV_HEADER }, ...batchRows(batches).map((cells) => ({ cells }))]), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="golive-batches.csv"`,
      "Cache-Control": "no-store",
    });
  })
  // A list over the threshold is exported by a background job: created here, watched on its page.
  .post("/exports", async (c) => {
    const { page: _page, ...filters } = filtersOf(await c.req.parseBody(), 1);
    const outcome = await createRequestsExportJob(useCase(c), filters);
    if (!outcome.ok) throw new NotFoundError();
    await c.var.deps.exports.runner.start(outcome.id);
    return seeOther(c, `/officer/exports/${outcome.id}`);
  })
  .route("/exports", exportJobRoutes({ base: "/officer/exports", list: "/officer" }))
  .get("/export.xlsx", async (c) => {
    const { deps } = c.var;
    const filters = listFilters(c, 1);
    const ctx = { keys: await pidKeys(deps.config.dataKey), now: deps.clock.now() };
    // The list links here only under the threshold; a longer one typed or kept from before goes
    // back to the list, which offers the background job (on Workers it would outrun a request's CPU).
    // The count comes with the first keyset page, which the file then starts with.
    const list = await requestListWhere(deps.db, c.var.user!, filters, ctx);
    if (!list) throw new NotFoundError();
    const head = await requestListHead(deps.db, c.var.user!, list, EXPORT_PAGE_ROWS);
    if (head.total > deps.exports.limits.threshold) {
      const query = new URL(c.req.url).search;
      return seeOther(c, `/officer${query}`);
    }
    const body = requestsWorkbook(deps.db, c.var.user!, filters, ctx, { where: list.where, first: head.first });
    return c.body(body, 200, {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="tidtam-requests.xlsx"`,
      "Cache-Control": "no-store",
    });
  });
