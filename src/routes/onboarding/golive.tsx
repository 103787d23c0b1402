/**
 * @module
 * Step 7, เตรียมการเปิดให้บริการ: the wanted date with its Tuesday batch shown
 * live, confirmed once; an officer may move the booking; a calendar file.
 */
import { Hono } from "hono";
import type { AppEnv } from "../../app-env";
import { formToken } from "../../domain/form-token";
import { validateForm } from "../../domain/forms";
import { goLiveBatch, goliveForm, moveBatchForm, nextCutoff } from "../../domain/onboarding/golive";
import { bangkokIsoDate, foldDateParts, isIsoDate } from "../../domain/dates";
import { isLiveBooking } from "../../domain/onboarding/workflow";
import { NotFoundError } from "../../middleware/errors";
import { requireRole } from "../../middleware/roles";
import { confirmBooking, moveBatch } from "../../services/onboarding/golive";
import type { ServiceView } from "../../services/onboarding/service";
import { goLiveIcs } from "../../views/ics";
import { BatchPreview } from "../../views/onboarding/golive";
import { seeOther } from "../render";
import { useCase } from "../use-case";
import { refusedPage, serviceOr404, stepPage } from "./step-page";
import { setFlash } from "../session-cookie";

const STEP = 7;

function goliveExtra(svc: ServiceView, now: Date, values: { requestedDate: string; note: string }, previewBatch: string | null, confirming: boolean) {
  return { now, nextCutoff: nextCutoff(now), values, previewBatch, confirming, confirmed: svc.booking };
}

export const goliveRoutes = new Hono<AppEnv>()
  .post("/:id/steps/7/preview", requireRole("agency"), async (c) => {
    const body = foldDateParts(await c.req.parseBody(), ["requestedDate"]);
    const date = typeof body.requestedDate === "string" ? body.requestedDate : "";
    const now = c.var.deps.clock.now();
    const batch = isIsoDate(date) && date >= bangkokIsoDate(now) ? goLiveBatch(now, date) : null;
    return c.html(await String(<BatchPreview batch={batch} />));
  })
  .post("/:id/steps/7", requireRole("agency"), async (c) => {
    const svc = await serviceOr404(c);
    const body = foldDateParts(await c.req.parseBody(), ["requestedDate"]);
    const now = c.var.deps.clock.now();
    const form = validateForm(goliveForm(now), body);
    const values = { requestedDate: typeof body.requestedDate === "string" ? body.requestedDate : "", note: typeof body.note === "string" ? body.note : "" };
    if (!form.ok) return stepPage(c, svc, STEP, { errors: form.errors, golive: goliveExtra(svc, now, values, null, false) }, 422);
    if (body.intent !== "confirm") {
      return stepPage(c, svc, STEP, { golive: goliveExtra(svc, now, values, goLiveBatch(now, form.data.requestedDate), true) });
    }
    const result = await confirmBooking(useCase(c), svc.id, form.data, formToken(body));
    if (!result.ok) return refusedPage(c, svc.id, STEP, result.reason);
    return seeOther(c, `/eservices/${svc.id}/steps/7?confirmed=1`);
  })
  .post("/:id/golive/move", requireRole("officer", "admin"), async (c) => {
    const id = c.req.param("id");
    const form = validateForm(moveBatchForm(c.var.deps.clock.now()), foldDateParts(await c.req.parseBody(), ["batchDate"]));
    if (!form.ok) return stepPage(c, await serviceOr404(c), STEP, { errors: form.errors }, 422);
    const result = await moveBatch(useCase(c), id, form.data.batchDate);
    if (!result.ok) return refusedPage(c, id, STEP, result.reason, "batchDate");
    setFlash(c, "golive_moved");
    return seeOther(c, `/eservices/${id}/steps/7`);
  })
  .get("/:id/golive.ics", async (c) => {
    const svc = await serviceOr404(c);
    if (!isLiveBooking(svc.booking) && !svc.launchedAt) throw new NotFoundError();
    return c.body(goLiveIcs({ uid: `${svc.id}@tidtam`, date: svc.booking.batchDate!, summary: `เปิดให้บริการ ${svc.name}`, stamp: c.var.deps.clock.now() }), 200, {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="golive.ics"`,
    });
  });
