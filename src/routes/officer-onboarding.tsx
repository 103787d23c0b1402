import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { requireRole } from "../middleware/roles";
import { onboardingOverview } from "../services/insight-onboarding";
import { overviewCsv, overviewWorkbook } from "../services/insight-onboarding-export";
import { XLSX_TYPE } from "../services/xlsx/write";
import { OnboardingOverviewPage } from "../views/pages/onboarding-overview";
import { renderPage } from "./render";
import { useCase } from "./use-case";

const officers = requireRole("officer", "admin");
const download = (name: string, type: string) => ({ "Content-Type": type, "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" });

/**
 * The e-Service onboarding overview (issue 14) and its files. Mounted on /officer
 * beside the officers' other routes; each route checks the role itself so this
 * instance's guard covers nothing else under /officer.
 */
export const officerOnboardingRoutes = new Hono<AppEnv>()
  .get("/onboarding", officers, async (c) => {
    const ctx = useCase(c);
    return renderPage(c, { title: "ภาพรวมการเชื่อมต่อ e-Service" }, <OnboardingOverviewPage overview={await onboardingOverview(ctx)} now={ctx.clock.now()} />);
  })
  .get("/onboarding.csv", officers, async (c) => c.body(overviewCsv(await onboardingOverview(useCase(c))), 200, download("eservice-onboarding.csv", "text/csv; charset=utf-8")))
  .get("/onboarding.xlsx", officers, async (c) => c.body(overviewWorkbook(await onboardingOverview(useCase(c))), 200, download("eservice-onboarding.xlsx", XLSX_TYPE)));
