/**
 * @module
 * Who changed what, per record, for officers and admins: `/audit/requests/:id`,
 * `/audit/eservices/:id`, `/audit/agencies/:id`, `/audit/users/:id`.
 */
import { Hono } from "hono";
import type { AppContext, AppEnv } from "../app-env";
import { pageParam } from "../domain/audit-forms";
import { NotFoundError } from "../middleware/errors";
import { requireRole } from "../middleware/roles";
import { agencyTrail, eserviceTrail, requestTrail, userTrail, type TrailPage, type TrailRecord } from "../services/audit-trail";
import type { Db } from "../db/client";
import { recordHeading, RecordTrailPage } from "../views/pages/audit";
import { renderPage } from "./render";

type Loader = (db: Db, id: string, page: number) => Promise<({ record: TrailRecord } & TrailPage) | null>;

async function trailPage(c: AppContext, load: Loader, base: string) {
  const id = c.req.param("id")!;
  const found = await load(c.var.deps.db, id, pageParam(c.req.query("page")));
  if (!found) throw new NotFoundError();
  const { record, ...trail } = found;
  return renderPage(
    c,
    { title: `ประวัติการเปลี่ยนแปลง: ${recordHeading(record).title}` },
    <RecordTrailPage record={record} trail={trail} basePath={`/audit/${base}/${encodeURIComponent(id)}`} isAdmin={c.var.user?.role === "admin"} />,
  );
}

export const auditRoutes = new Hono<AppEnv>()
  .use("*", requireRole("officer", "admin"))
  .get("/requests/:id", (c) => trailPage(c, requestTrail, "requests"))
  .get("/eservices/:id", (c) => trailPage(c, eserviceTrail, "eservices"))
  .get("/agencies/:id", (c) => trailPage(c, agencyTrail, "agencies"))
  .get("/users/:id", (c) => trailPage(c, userTrail, "users"));
