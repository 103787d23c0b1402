/**
 * @module
 * A background export's page (a progress bar, polled by htmx) and its file, for
 * the job's owner only: someone else's job, or a guessed id, is not found. Mounted
 * under each list that starts jobs, behind that list's own role guard.
 */
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { exportJobTitle } from "../messages/exports";
import { NotFoundError } from "../middleware/errors";
import { isDownloadable, isExpired } from "../domain/exports";
import { exportFileOf, exportJobFile, exportJobFor } from "../services/export-jobs";
import { ExportJobPage, ExportJobStatus } from "../views/pages/export-job";
import { isFragmentRequest, renderPage } from "./render";

export function exportJobRoutes(paths: { base: string; list: string }) {
  return new Hono<AppEnv>()
    .get("/:id", async (c) => {
      const job = await exportJobFor(c.var.deps.db, c.req.param("id"), c.var.user!.id);
      if (!job) throw new NotFoundError();
      const view = { ...job, expired: isExpired(job, c.var.deps.clock.now()), fileName: exportFileOf(job).name };
      c.header("Cache-Control", "no-store");
      if (isFragmentRequest(c)) {
        c.header("Vary", "HX-Request", { append: true });
        return c.html(await String(<ExportJobStatus job={view} basePath={paths.base} />));
      }
      return renderPage(c, { title: exportJobTitle(job.kind, job.format) }, <ExportJobPage job={view} basePath={paths.base} listPath={paths.list} />);
    })
    .get("/:id/file", async (c) => {
      const job = await exportJobFor(c.var.deps.db, c.req.param("id"), c.var.user!.id);
      if (!job || !isDownloadable(job, c.var.deps.clock.now())) throw new NotFoundError();
      const file = exportFileOf(job);
      return c.body(exportJobFile(c.var.deps.files, job), 200, {
        "Content-Type": file.type,
        "Content-Disposition": `attachment; filename="${file.name}"`,
        "Cache-Control": "no-store",
      });
    });
}
