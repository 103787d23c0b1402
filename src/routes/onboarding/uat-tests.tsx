/**
 * @module
 * Steps 3 and 6, the UAT and pre-production tests: test attempts, each a
 * Minimum Testcase workbook (.xlsx) with details, editable and removable by the
 * agency until reviewed.
 */
import { Hono } from "hono";
import type { AppContext, AppEnv } from "../../app-env";
import { formToken } from "../../domain/form-token";
import { validateForm } from "../../domain/forms";
import { attemptDetailsForm, attemptEditable } from "../../domain/onboarding/uat-tests";
import { canWrite } from "../../domain/onboarding/workflow";
import { NotFoundError } from "../../middleware/errors";
import { requireRole } from "../../middleware/roles";
import { multipartOnly, uploadLimit } from "../../middleware/uploads";
import { addAttempt, attemptReads, deleteAttempt, getAttempt, updateAttemptDetails } from "../../services/onboarding/uat-tests";
import { storeUpload, XLSX_10MB } from "../../services/uploads";
import { summarizeTestWorkbook } from "../../services/xlsx-summary";
import { ConfirmDeletePage } from "../../views/components/confirm-delete";
import { AttemptEditPage } from "../../views/onboarding/uat-tests";
import { renderPage, seeOther } from "../render";
import { useCase } from "../use-case";
import { download, refusedPage, serviceOr404, serviceWithOr404, stepNoOr404, stepPage } from "./step-page";
import { setFlash } from "../session-cookie";

const XLSX_RULE = XLSX_10MB;

const agencyOnly = requireRole("agency");

export const uatTestRoutes = new Hono<AppEnv>()
  .post(
    "/:id/steps/:no/attempts",
    agencyOnly,
    multipartOnly,
    uploadLimit({ onError: async (c) => stepPage(c as AppContext, await serviceOr404(c as AppContext), stepNoOr404(c as AppContext, "attempts"), { uploadError: "ไฟล์มีขนาดเกิน 10 MB" }, 413),
    }),
    async (c) => {
      const stepNo = stepNoOr404(c, "attempts");
      const svc = await serviceOr404(c);
      const body = await c.req.parseBody();
      const form = validateForm(attemptDetailsForm, { details: typeof body.details === "string" ? body.details : "" });
      if (!form.ok) return stepPage(c, svc, stepNo, { uploadError: form.errors.details ?? Object.values(form.errors)[0] }, 422);
      const stored = await storeUpload(c.var.deps.files, body.file, XLSX_RULE);
      if (!stored.ok) return stepPage(c, svc, stepNo, { uploadError: stored.message }, 422);
      const result = await addAttempt(useCase(c), svc.id, stepNo, { details: form.data.details, file: stored, summary: await summarizeTestWorkbook(stored.bytes) }, formToken(body));
      if (!result.ok) return refusedPage(c, svc.id, stepNo, result.reason, "uploadError");
      setFlash(c, "attempt_uploaded", stored.fileName);
      return seeOther(c, `/eservices/${svc.id}/steps/${stepNo}#attempts-heading`);
    },
  )
  .get("/:id/steps/:no/attempts/:aid/file", async (c) => {
    const { deps } = c.var;
    const stepNo = stepNoOr404(c, "attempts");
    const { data: attempt } = await serviceWithOr404(c, (id) => attemptReads(deps.db, id, stepNo, c.req.param("aid")));
    const stored = attempt ? await deps.files.get(attempt.fileKey) : null;
    if (!attempt || !stored) throw new NotFoundError();
    return download(c, stored, XLSX_RULE.types[0]!, attempt.fileName);
  })
  .get("/:id/steps/:no/attempts/:aid/edit", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c, "attempts");
    const { svc, data: attempt } = await serviceWithOr404(c, (id) => attemptReads(c.var.deps.db, id, stepNo, c.req.param("aid")));
    if (!attempt || !attemptEditable(attempt.status) || !canWrite(svc.states, stepNo, "attempts", "agency")) throw new NotFoundError();
    const base = `/eservices/${svc.id}/steps/${stepNo}`;
    return renderPage(
      c,
      { title: "แก้ไขผลการทดสอบ" },
      <AttemptEditPage action={`${base}/attempts/${attempt.id}`} backHref={base} details={attempt.details} csrfToken={c.var.csrfToken} attemptNo={attempt.attemptNo} at={attempt.createdAt} />,
    );
  })
  .post("/:id/steps/:no/attempts/:aid", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c, "attempts");
    const id = c.req.param("id");
    const aid = c.req.param("aid");
    const body = await c.req.parseBody();
    const raw = typeof body.details === "string" ? body.details : "";
    const form = validateForm(attemptDetailsForm, { details: raw });
    const base = `/eservices/${id}/steps/${stepNo}`;
    if (!form.ok) {
      // Read only to show the form again: a valid save goes straight to the use case (its not_found is the 404).
      const svc = await serviceOr404(c);
      const attempt = await getAttempt(c.var.deps.db, svc.id, stepNo, aid);
      if (!attempt) throw new NotFoundError();
      return renderPage(
        c,
        { title: "แก้ไขผลการทดสอบ", status: 422, hasErrors: true },
        <AttemptEditPage action={`${base}/attempts/${attempt.id}`} backHref={base} details={raw.replaceAll("\u0000", "")} csrfToken={c.var.csrfToken} attemptNo={attempt.attemptNo} at={attempt.createdAt} error={form.errors.details} />,
      );
    }
    const result = await updateAttemptDetails(useCase(c), id, stepNo, aid, form.data.details);
    if (!result.ok) return refusedPage(c, id, stepNo, result.reason, "uploadError");
    setFlash(c, "attempt_saved");
    return seeOther(c, `${base}#attempts-heading`);
  })
  // Without JavaScript the delete link lands here: the question, and the form that deletes.
  .get("/:id/steps/:no/attempts/:aid/delete", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c, "attempts");
    const { svc, data: attempt } = await serviceWithOr404(c, (id) => attemptReads(c.var.deps.db, id, stepNo, c.req.param("aid")));
    if (!attempt || !attemptEditable(attempt.status) || !canWrite(svc.states, stepNo, "attempts", "agency")) throw new NotFoundError();
    const base = `/eservices/${svc.id}/steps/${stepNo}`;
    return renderPage(
      c,
      { title: "ยืนยันการลบผลการทดสอบ" },
      <ConfirmDeletePage action={`${base}/attempts/${attempt.id}/delete`} backHref={`${base}#attempts-heading`} what={`ผลการทดสอบครั้งที่ ${attempt.attemptNo}`} csrfToken={c.var.csrfToken} />,
    );
  })
  .post("/:id/steps/:no/attempts/:aid/delete", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c, "attempts");
    const id = c.req.param("id");
    const result = await deleteAttempt(useCase(c), id, stepNo, c.req.param("aid"));
    if (!result.ok) return refusedPage(c, id, stepNo, result.reason, "uploadError");
    setFlash(c, "attempt_deleted");
    return seeOther(c, `/eservices/${id}/steps/${stepNo}#attempts-heading`);
  });
