/**
 * @module
 * Help pages anyone may read, signed in or not.
 */
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { HelpThaidPage } from "../views/pages/help-thaid";
import { renderPage } from "./render";

export const helpRoutes = new Hono<AppEnv>()
  // The manual's ThaiD chapters, for applicants who have never used the app.
  .get("/thaid", (c) => renderPage(c, { title: "วิธีติดตั้งและลงทะเบียนแอป ThaiD" }, <HelpThaidPage />));
