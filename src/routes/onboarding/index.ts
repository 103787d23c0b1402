/**
 * @module
 * Every onboarding route under `/eservices`, step by step. Each step's own
 * routes come before the shared ones, whose `/:id/steps/:no` would match them too.
 */
import { Hono } from "hono";
import type { AppEnv } from "../../app-env";
import { requireRole } from "../../middleware/roles";
import { credentialsRoutes } from "./credentials";
import { goliveRoutes } from "./golive";
import { platformApplicationRoutes } from "./platform-application";
import { preprodRoutes } from "./preprod";
import { stepRoutes } from "./steps";
import { uatRoutes } from "./uat";
import { uatTestRoutes } from "./uat-tests";

export const onboardingRoutes = new Hono<AppEnv>()
  .use("*", requireRole("agency", "officer", "admin"))
  .route("/", credentialsRoutes)
  .route("/", uatRoutes)
  .route("/", uatTestRoutes)
  .route("/", platformApplicationRoutes)
  .route("/", preprodRoutes)
  .route("/", goliveRoutes)
  .route("/", stepRoutes);
