import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { dashboardCounts, eserviceListQuery, matchesStepFilter } from "../domain/onboarding/eservice-list";
import { requireRole } from "../middleware/roles";
import { latestNotifications, listServices, markNotificationRead } from "../services/onboarding/service";
import { AgencyDashboardPage } from "../views/pages/agency-dashboard";
import { EserviceListPage } from "../views/pages/eservice-list";
import { groupBatches } from "../domain/onboarding/batches";
import { nextCutoff } from "../domain/onboarding/golive";
import { launchedServices, scheduledServices } from "../services/onboarding/golive";
import { BatchCalendarPage, LaunchedPage } from "../views/onboarding/golive";
import { renderPage, seeOther } from "./render";
import { setFlash } from "./session-cookie";

const PAGE_SIZE = 20;

/** The agency side (seed sections 2 and on): dashboard and the e-service list. */
export const agencyRoutes = new Hono<AppEnv>()
  .use("*", requireRole("agency"))
  .get("/", async (c) => {
    const { db } = c.var.deps;
    const user = c.var.user!;
    const services = await listServices(db, user);
    const wanted = c.req.query("service");
    const selected = services.find((s) => s.id === wanted) ?? services[0] ?? null;
    return renderPage(
      c,
      { title: "แดชบอร์ด" },
      <AgencyDashboardPage
        counts={dashboardCounts(services)}
        notifications={await latestNotifications(db, user.orgId!)}
        services={services}
        selected={selected}
        csrfToken={c.var.csrfToken}
      />,
    );
  })
  .get("/eservices", async (c) => {
    const f = eserviceListQuery.parse(c.req.query());
    const all = (await listServices(c.var.deps.db, c.var.user!, { q: f.q })).filter((s) => matchesStepFilter(s.states, f.step, f.state));
    const page = f.page ?? 1;
    return renderPage(
      c,
      { title: "จัดการ e-Services" },
      <EserviceListPage
        rows={all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
        total={all.length}
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
