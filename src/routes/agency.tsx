import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { dashboardCounts, eserviceListQuery } from "../domain/onboarding/eservice-list";
import { requireRole } from "../middleware/roles";
import { agencyDashboard, markNotificationRead, pageServices } from "../services/onboarding/service";
import { AgencyDashboardPage } from "../views/pages/agency-dashboard";
import { EserviceListPage } from "../views/pages/eservice-list";
import { groupBatches } from "../domain/onboarding/batches";
import { nextCutoff } from "../domain/onboarding/golive";
import { launchedServices, scheduledServices } from "../services/onboarding/golive";
import { BatchCalendarPage, LaunchedPage } from "../views/onboarding/golive";
import { stepTimeLines } from "../services/insight-onboarding";
import { renderPage, seeOther } from "./render";
import { useCase } from "./use-case";
import { setFlash } from "./session-cookie";

const PAGE_SIZE = 20;

/** The agency side (seed sections 2 and on): dashboard and the e-service list. */
export const agencyRoutes = new Hono<AppEnv>()
  .use("*", requireRole("agency"))
  .get("/", async (c) => {
    const { db } = c.var.deps;
    const agencyId = c.var.user!.orgId!;
    const { shapes, services, selected, notifications } = await agencyDashboard(db, agencyId, c.req.query("service"));
    const timeLines = await stepTimeLines(useCase(c), selected ? [selected] : []);
    return renderPage(
      c,
      { title: "แดชบอร์ด" },
      <AgencyDashboardPage
        counts={dashboardCounts(shapes)}
        notifications={notifications}
        services={services}
        selected={selected}
        stepTime={selected ? timeLines.get(selected.id) : undefined}
        csrfToken={c.var.csrfToken}
      />,
    );
  })
  .get("/eservices", async (c) => {
    const f = eserviceListQuery.parse(c.req.query());
    const page = f.page ?? 1;
    const { rows, total } = await pageServices(c.var.deps.db, c.var.user!, { q: f.q, step: f.step, state: f.state }, { page, pageSize: PAGE_SIZE });
    const timeLines = await stepTimeLines(useCase(c), rows);
    return renderPage(
      c,
      { title: "จัดการ e-Services" },
      <EserviceListPage
        rows={rows}
        stepTimes={timeLines}
        total={total}
        page={page}
        pageSize={PAGE_SIZE}
        filters={{ q: f.q, step: f.step?.toString(), state: f.state }}
        basePath="/agency/eservices"
      />,
    );
  })
  .get("/launched", async (c) =>
    renderPage(c, { title: "เปิดให้บริการแล้ว" }, <LaunchedPage rows={await launchedServices(c.var.deps.db, c.var.user!.orgId!)} />),
  )
  .get("/batches", async (c) => {
    const now = c.var.deps.clock.now();
    const rows = await scheduledServices(c.var.deps.db, c.var.user!.orgId!);
    return renderPage(c, { title: "รอบเปิดให้บริการ" }, <BatchCalendarPage title="รอบเปิดให้บริการ" now={now} nextCutoff={nextCutoff(now)} batches={groupBatches(rows, now)} />);
  })
  .post("/notifications/:id/read", async (c) => {
    const { deps } = c.var;
    await markNotificationRead(deps.db, c.var.user!.orgId!, c.req.param("id"), deps.clock.now());
    setFlash(c, "notification_read");
    return seeOther(c, "/agency");
  });
