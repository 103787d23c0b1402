/**
 * @module
 * The moves every step shares: its page, saving its form as a draft, the
 * check-your-answers page, submitting, and the officer's review. What a step
 * asks and when it may be submitted comes from the registry
 * (`domain/onboarding/steps.ts`); whether it may change, from the use case.
 */
import { Hono } from "hono";
import type { AppEnv } from "../../app-env";
import { foldDateParts } from "../../domain/dates";
import { formToken } from "../../domain/form-token";
import { validateForm } from "../../domain/forms";
import { reviewForm } from "../../domain/onboarding/review";
import { stepDefinition } from "../../domain/onboarding/steps";
import { currentStep, openToAgency } from "../../domain/onboarding/workflow";
import { NotFoundError } from "../../middleware/errors";
import { requireRole } from "../../middleware/roles";
import { serviceFileReads } from "../../services/onboarding/files";
import { autosaveAnswers, readinessOf, reviewStep, saveAnswers, submitStep } from "../../services/onboarding/steps";
import { DraftRefused, DraftSaved } from "../../views/components/autosave";
import { StepCheckPage, type RawAnswers } from "../../views/onboarding/step-page";
import { renderPage, seeOther } from "../render";
import { useCase } from "../use-case";
import { answersOf, download, refusal, refusedPage, serviceOr404, serviceWithOr404, stepNoOr404, stepPage, stepReads } from "./step-page";
import { setFlash } from "../session-cookie";

/** Only the posted fields a step knows, as strings or string lists. */
function postedAnswers(body: Record<string, string | File | (string | File)[]>, fields: readonly string[]): RawAnswers {
  const out: RawAnswers = {};
  for (const f of fields) {
    const v = body[f];
    if (Array.isArray(v)) out[f] = v.filter((x): x is string => typeof x === "string").map((x) => x.slice(0, 20_000));
    else if (typeof v === "string") out[f] = v.slice(0, 20_000);
  }
  return out;
}

/** A step whose own form posts to the generic save route, else 404. */
function formStepOr404(no: number) {
  const step = stepDefinition(no);
  if (!step || step.formFields.length === 0) throw new NotFoundError();
  return step;
}

const agencyOnly = requireRole("agency");

export const stepRoutes = new Hono<AppEnv>()
  .get("/:id", async (c) => {
    const svc = await serviceOr404(c);
    return c.redirect(`/eservices/${svc.id}/steps/${currentStep(svc.states)?.no ?? 7}`, 303);
  })
  .get("/:id/steps/:no", async (c) => {
    const no = stepNoOr404(c);
    const { svc, data } = await serviceWithOr404(c, stepReads(c, no));
    return stepPage(c, svc, no, {}, 200, data);
  })
  .get("/:id/files/:fileId", async (c) => {
    const { deps } = c.var;
    const { data: file } = await serviceWithOr404(c, (id) => serviceFileReads(deps.db, id, c.req.param("fileId")));
    const stored = file ? await deps.files.get(file.fileKey) : null;
    if (!file || !stored) throw new NotFoundError();
    return download(c, stored, file.contentType, file.fileName);
  })
  // Save (draft, add a row, or go to check) for the steps with a form of their own.
  .post("/:id/steps/:no", agencyOnly, async (c) => {
    const step = formStepOr404(stepNoOr404(c));
    const body = await c.req.parseBody({ all: true });
    const id = c.req.param("id");
    // Saved whatever else happens: nothing typed is lost.
    const saved = await saveAnswers(useCase(c), id, step.no, postedAnswers(foldDateParts(body, step.formFields), step.formFields));
    if (!saved.ok) return refusedPage(c, id, step.no, saved.reason);
    if (body.intent === "check") {
      const svc = await serviceOr404(c);
      // The same check the submit runs again inside its own transaction.
      const ready = await readinessOf(useCase(c), svc.id, step.no);
      if (!ready.ok) return refusedPage(c, id, step.no, ready.reason);
      if (Object.keys(ready.errors).length) return stepPage(c, svc, step.no, { errors: ready.errors }, 422);
      return seeOther(c, `/eservices/${id}/steps/${step.no}/check`);
    }
    return seeOther(c, `/eservices/${id}/steps/${step.no}${body.intent === "add_task" ? "#f-tasks" : "?saved=1"}`);
  })
  // htmx autosave while typing: stores what is there (see domain/onboarding/draft.ts), answers a notice.
  .post("/:id/steps/:no/draft", agencyOnly, async (c) => {
    const step = formStepOr404(stepNoOr404(c));
    const body = await c.req.parseBody({ all: true });
    const saved = await autosaveAnswers(useCase(c), c.req.param("id"), step.no, postedAnswers(body, step.formFields));
    if (!saved.ok) {
      const { status, message } = refusal(saved.reason);
      return c.html(await String(<DraftRefused message={message} />), status);
    }
    return c.html(await String(<DraftSaved at={saved.at} />));
  })
  .get("/:id/steps/:no/check", agencyOnly, async (c) => {
    const step = formStepOr404(stepNoOr404(c));
    const { svc, data } = await serviceWithOr404(c, stepReads(c, step.no));
    if (!openToAgency(svc.states, step.no)) return seeOther(c, `/eservices/${svc.id}/steps/${step.no}`);
    return renderPage(
      c,
      { title: "ตรวจสอบข้อมูล" },
      <StepCheckPage service={svc} stepNo={step.no} answers={answersOf(svc, step.no)} icon={data.icon ?? null} testers={data.testers ?? []} csrfToken={c.var.csrfToken} />,
    );
  })
  .post("/:id/steps/:no/submit", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c);
    const id = c.req.param("id");
    const result = await submitStep(useCase(c), id, stepNo, formToken(await c.req.parseBody()));
    if (!result.ok) {
      if (result.reason === "not_ready" && "errors" in result) return stepPage(c, await serviceOr404(c), stepNo, { errors: result.errors }, 422);
      return refusedPage(c, id, stepNo, result.reason);
    }
    setFlash(c, "step_submitted", String(stepNo));
    return seeOther(c, `/eservices/${id}/steps/${stepNo}`);
  })
  .post("/:id/steps/:no/review", requireRole("officer", "admin"), async (c) => {
    const step = stepDefinition(stepNoOr404(c))!;
    const id = c.req.param("id");
    const form = validateForm(reviewForm(step), await c.req.parseBody());
    if (!form.ok) return stepPage(c, await serviceOr404(c), step.no, { errors: form.errors }, 422);
    const result = await reviewStep(useCase(c), id, step.no, form.data);
    if (!result.ok) return refusedPage(c, id, step.no, result.reason);
    setFlash(c, "step_reviewed", String(step.no));
    return seeOther(c, "/officer/reviews");
  });
