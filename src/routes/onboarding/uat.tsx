/**
 * @module
 * Step 2, พัฒนาและติดตั้ง UAT: its form is saved by the shared step routes; this
 * file adds its testers, which pre-production (step 5) asks for the same way:
 * a dialog with htmx, a page without.
 */
import { Hono } from "hono";
import type { AppContext, AppEnv } from "../../app-env";
import type { FieldErrors } from "../../domain/forms";
import { formToken } from "../../domain/form-token";
import { validateForm } from "../../domain/forms";
import { KEEP_PID_HINT, testerEditForm, testerForm } from "../../domain/onboarding/uat";
import { canWrite } from "../../domain/onboarding/workflow";
import { NotFoundError } from "../../middleware/errors";
import { requireRole } from "../../middleware/roles";
import { removeTester, saveTester, testerReads } from "../../services/onboarding/uat";
import { revealTesterPid } from "../../services/pid-views";
import { ConfirmDeletePage } from "../../views/components/confirm-delete";
import { TesterDialog, TesterForm, TesterPid, TesterPidPage } from "../../views/onboarding/uat";
import { isFragmentRequest, renderPage, seeOther } from "../render";
import { useCase } from "../use-case";
import { refusedPage, serviceOr404, serviceWithOr404, stepNoOr404 } from "./step-page";
import { setFlash, showFlash } from "../session-cookie";

/** The tester form as a dialog fragment (htmx) or a whole page. */
function testerFormPage(c: AppContext, serviceId: string, stepNo: number, testerId: string | null, values: Record<string, string>, errors: FieldErrors | undefined, status: 200 | 422) {
  const base = `/eservices/${serviceId}/steps/${stepNo}`;
  const props = {
    action: testerId ? `${base}/testers/${testerId}` : `${base}/testers`,
    backHref: base,
    values,
    errors,
    csrfToken: c.var.csrfToken,
    title: testerId ? "แก้ไขผู้ทดสอบ" : "เพิ่มผู้ทดสอบ",
    keepPidHint: testerId ? KEEP_PID_HINT : undefined,
  };
  if (isFragmentRequest(c)) return renderPage(c, { title: props.title, status, hasErrors: status === 422 }, <TesterDialog {...props} />);
  return renderPage(c, { title: props.title, status, hasErrors: status === 422 }, <section class="narrow"><TesterForm {...props} /></section>);
}

async function saveTesterRoute(c: AppContext, testerId: string | null) {
  const stepNo = stepNoOr404(c, "testers");
  const id = c.req.param("id")!;
  const body = await c.req.parseBody();
  const form = validateForm(testerId ? testerEditForm : testerForm, body);
  if (!form.ok) return testerFormPage(c, (await serviceOr404(c)).id, stepNo, testerId, form.values, form.errors, 422);
  const result = await saveTester(useCase(c), id, stepNo, testerId, form.data, formToken(body));
  if (!result.ok) return refusedPage(c, id, stepNo, result.reason, "testers");
  setFlash(c, "tester_saved", form.data.fullName);
  return seeOther(c, `/eservices/${id}/steps/${stepNo}#testers-heading`);
}

const agencyOnly = requireRole("agency");

export const uatRoutes = new Hono<AppEnv>()
  // The forms are offered only while the step is open; the writes check again in their transactions.
  .get("/:id/steps/:no/testers/new", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c, "testers");
    const svc = await serviceOr404(c);
    if (!canWrite(svc.states, stepNo, "testers", "agency")) throw new NotFoundError();
    return testerFormPage(c, svc.id, stepNo, null, {}, undefined, 200);
  })
  .post("/:id/steps/:no/testers", agencyOnly, async (c) => saveTesterRoute(c, null))
  .get("/:id/steps/:no/testers/:tid/edit", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c, "testers");
    const { svc, data: tester } = await serviceWithOr404(c, (id) => testerReads(c.var.deps.db, id, stepNo, c.req.param("tid")));
    if (!canWrite(svc.states, stepNo, "testers", "agency") || !tester) throw new NotFoundError();
    // The national ID is not shown again (that would be an unrecorded view): blank keeps it.
    const { fullName, organisation, email, phone, os } = tester;
    return testerFormPage(c, svc.id, stepNo, tester.id, { fullName, organisation, email, phone, os }, undefined, 200);
  })
  .post("/:id/steps/:no/testers/:tid", agencyOnly, async (c) => saveTesterRoute(c, c.req.param("tid")))
  // The agency (its own service) or a reviewing officer sees a tester's full ID, recorded as pid.viewed.
  .post("/:id/steps/:no/testers/:tid/pid", async (c) => {
    const stepNo = stepNoOr404(c, "testers");
    const svc = await serviceOr404(c);
    const tid = c.req.param("tid");
    const shown = await revealTesterPid(useCase(c), svc.id, stepNo, tid);
    if (!shown.ok) throw new NotFoundError();
    showFlash(c, "pid_shown");
    const tester = { id: tid, fullName: shown.fullName, nationalId: "" };
    const title = "เลขประจำตัวประชาชนของผู้ทดสอบ";
    if (isFragmentRequest(c)) return renderPage(c, { title }, <TesterPid serviceId={svc.id} stepNo={stepNo} tester={tester} csrfToken={c.var.csrfToken} revealed={shown.pid} />);
    return renderPage(c, { title }, <TesterPidPage backHref={`/eservices/${svc.id}/steps/${stepNo}#testers-heading`} fullName={shown.fullName} pid={shown.pid} />);
  })
  // Without JavaScript the delete link lands here: the question, and the form that deletes.
  .get("/:id/steps/:no/testers/:tid/delete", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c, "testers");
    const { svc, data: tester } = await serviceWithOr404(c, (id) => testerReads(c.var.deps.db, id, stepNo, c.req.param("tid")));
    if (!canWrite(svc.states, stepNo, "testers", "agency") || !tester) throw new NotFoundError();
    const base = `/eservices/${svc.id}/steps/${stepNo}`;
    return renderPage(
      c,
      { title: "ยืนยันการลบผู้ทดสอบ" },
      <ConfirmDeletePage action={`${base}/testers/${tester.id}/delete`} backHref={`${base}#testers-heading`} what={`ผู้ทดสอบ ${tester.fullName}`} csrfToken={c.var.csrfToken} />,
    );
  })
  .post("/:id/steps/:no/testers/:tid/delete", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c, "testers");
    const id = c.req.param("id");
    const result = await removeTester(useCase(c), id, stepNo, c.req.param("tid"));
    if (!result.ok) return refusedPage(c, id, stepNo, result.reason, "testers");
    setFlash(c, "tester_deleted");
    return seeOther(c, `/eservices/${id}/steps/${stepNo}#testers-heading`);
  });
