import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { requireRole } from "../middleware/roles";
import { NotFoundError } from "../middleware/errors";
import { listOutbox } from "../services/mail";
import { DevMailPage } from "../views/pages/dev-mail";
import { renderPage } from "./render";

/** Developer-only pages; they do not exist in production. */
export const devRoutes = new Hono<AppEnv>()
  .use("*", async (c, next) => {
    if (!c.var.deps.config.devTools) throw new NotFoundError();
    return next();
  })
  .get("/mail", requireRole("admin"), async (c) => {
    const rows = await listOutbox(c.var.deps.db);
    return renderPage(
      c,
      { title: "กล่องจดหมายออก" },
      <DevMailPage rows={rows} transport={c.var.deps.mail?.name ?? null} />,
    );
  });
