import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppContext, AppEnv } from "../app-env";
import { currentStep, stepByNo } from "../domain/onboarding";
import { fiscalYearEnd, step1Form, STEP1_LABELS } from "../domain/onboarding-forms";
import { validateForm } from "../domain/forms";
import { NotFoundError } from "../middleware/errors";
import { requireRole } from "../middleware/roles";
import { getServiceFile, serviceIcon, setServiceIcon } from "../services/eservice-files";
import { loadService, transitionStep, type ServiceView } from "../services/onboarding";
import { storeUpload, type UploadRule } from "../services/uploads";
import { EserviceStepPage, Step1CheckPage, type RawAnswers, type StepPageProps } from "../views/pages/eservice-step";
import { renderPage, seeOther } from "./render";

const ICON_RULE: UploadRule = { maxBytes: 5 * 1024 * 1024, types: ["image/png", "image/jpeg"], label: "JPG หรือ PNG" };
const STEP1_FIELDS = [...Object.keys(STEP1_LABELS), "hasIcon"];
const ACTION_ERRORS: Record<string, string> = {
  locked: "ขั้นตอนนี้ยังไม่เปิด",
  not_allowed: "ไม่สามารถดำเนินการนี้ในสถานะปัจจุบันของขั้นตอนได้",
  wrong_actor: "บัญชีของท่านไม่สามารถดำเนินการนี้ได้",
  conflict: "ขั้นตอนนี้ถูกเปลี่ยนสถานะโดยผู้อื่นแล้ว กรุณาโหลดหน้าใหม่",
};

async function serviceOr404(c: AppContext): Promise<ServiceView> {
  const svc = await loadService(c.var.deps.db, c.var.user!, c.req.param("id")!);
  if (!svc) throw new NotFoundError();
  return svc;
}

function stepNoOr404(c: AppContext): number {
  const no = Number(c.req.param("no"));
  if (!stepByNo(no)) throw new NotFoundError();
  return no;
}

/** Only the posted fields a step knows, as strings or string lists. */
function rawAnswers(body: Record<string, string | File | (string | File)[]>, fields: string[]): RawAnswers {
  const out: RawAnswers = {};
  for (const f of fields) {
    const v = body[f];
    if (Array.isArray(v)) out[f] = v.filter((x): x is string => typeof x === "string").map((x) => x.slice(0, 20_000));
    else if (typeof v === "string") out[f] = v.slice(0, 20_000);
  }
  return out;
}

function latestLaunchDate(c: AppContext) {
  return fiscalYearEnd(c.var.deps.clock.now());
}

async function stepPage(c: AppContext, svc: ServiceView, stepNo: number, extra: Partial<StepPageProps> = {}, status: 200 | 409 | 413 | 422 = 200) {
  const step = svc.steps[stepNo - 1]!;
  const viewer = c.var.user!.role === "agency" ? "agency" : "officer";
  return renderPage(
    c,
    { title: `${svc.name}: ${stepByNo(stepNo)!.th}`, status, hasErrors: status !== 200 },
    <EserviceStepPage
      service={{ id: svc.id, name: svc.name, agencyName: svc.agencyName }}
      states={svc.states}
      stepNo={stepNo}
      state={step.state}
      answers={(step.answers as RawAnswers | null) ?? {}}
      comments={step.comments}
      csrfToken={c.var.csrfToken}
      viewer={viewer}
      latestLaunchDate={latestLaunchDate(c)}
      icon={await serviceIcon(c.var.deps.db, svc.id)}
      submittedAt={step.submittedAt}
      savedNotice={c.req.query("saved") === "1"}
      {...extra}
    />,
  );
}

function actor(c: AppContext) {
  return { user: c.var.user!, ip: c.var.deps.clientIp(c) };
}

function ctx(c: AppContext) {
  return { now: c.var.deps.clock.now(), appUrl: c.var.deps.config.appUrl };
}

const agencyOnly = requireRole("agency");

/** One e-service's steps: the agency fills them in, officers review them. */
export const eserviceRoutes = new Hono<AppEnv>()
  .use("*", requireRole("agency", "officer", "admin"))
  .get("/:id", async (c) => {
    const svc = await serviceOr404(c);
    return c.redirect(`/eservices/${svc.id}/steps/${currentStep(svc.states)?.no ?? 7}`, 303);
  })
  .get("/:id/steps/:no", async (c) => stepPage(c, await serviceOr404(c), stepNoOr404(c)))
  .post("/:id/steps/1", agencyOnly, async (c) => {
    const svc = await serviceOr404(c);
    const body = await c.req.parseBody({ all: true });
    const answers = rawAnswers(body, STEP1_FIELDS);
    // The draft is kept whatever else happens: nothing typed is lost.
    const saved = await transitionStep(c.var.deps.db, ctx(c), actor(c), svc.id, 1, { action: "save_draft", answers });
    if (!saved.ok) return stepPage(c, svc, 1, { errors: { _form: ACTION_ERRORS[saved.reason] ?? ACTION_ERRORS.not_allowed! } }, 409);
    if (body.intent === "check") {
      const form = validateForm(step1Form({ latestLaunchDate: latestLaunchDate(c) }), answers);
      if (!form.ok) return stepPage(c, (await loadService(c.var.deps.db, c.var.user!, svc.id))!, 1, { errors: form.errors }, 422);
      return seeOther(c, `/eservices/${svc.id}/steps/1/check`);
    }
    return seeOther(c, `/eservices/${svc.id}/steps/1${body.intent === "add_task" ? "#f-tasks" : "?saved=1"}`);
  })
  .get("/:id/steps/1/check", agencyOnly, async (c) => {
    const svc = await serviceOr404(c);
    const step = svc.steps[0]!;
    if (step.state !== "in_progress" && step.state !== "returned") return seeOther(c, `/eservices/${svc.id}/steps/1`);
    return renderPage(
      c,
      { title: "ตรวจสอบข้อมูล" },
      <Step1CheckPage service={svc} answers={(step.answers as RawAnswers | null) ?? {}} icon={await serviceIcon(c.var.deps.db, svc.id)} csrfToken={c.var.csrfToken} />,
    );
  })
  .post("/:id/steps/1/submit", agencyOnly, async (c) => {
    const svc = await serviceOr404(c);
    const answers = (svc.steps[0]!.answers as RawAnswers | null) ?? {};
    const form = validateForm(step1Form({ latestLaunchDate: latestLaunchDate(c) }), answers);
    if (!form.ok) return stepPage(c, svc, 1, { errors: form.errors }, 422);
    const result = await transitionStep(c.var.deps.db, ctx(c), actor(c), svc.id, 1, { action: "submit", answers });
    if (!result.ok) return stepPage(c, svc, 1, { errors: { _form: ACTION_ERRORS[result.reason] ?? ACTION_ERRORS.not_allowed! } }, 409);
    return seeOther(c, `/eservices/${svc.id}/steps/1`);
  })
  .post("/:id/steps/:no/review", requireRole("officer", "admin"), async (c) => {
    const svc = await serviceOr404(c);
    const stepNo = stepNoOr404(c);
    const body = await c.req.parseBody();
    const comments: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) {
      if (k.startsWith("comment.") && typeof v === "string" && v.trim()) comments[k.slice("comment.".length)] = v.trim().slice(0, 2000);
    }
    const decision = body.decision === "approve" ? "approve" : body.decision === "return" ? "return" : null;
    if (!decision) return stepPage(c, svc, stepNo, { errors: { decision: "กรุณาเลือกอนุมัติหรือส่งกลับแก้ไข" } }, 422);
    if (decision === "return" && Object.keys(comments).length === 0) {
      return stepPage(c, svc, stepNo, { errors: { comment: "กรุณาเขียนความเห็นอย่างน้อย 1 ช่องเมื่อส่งกลับแก้ไข" } }, 422);
    }
    const result = await transitionStep(c.var.deps.db, ctx(c), actor(c), svc.id, stepNo, { action: decision, comments });
    if (!result.ok) return stepPage(c, svc, stepNo, { errors: { _form: ACTION_ERRORS[result.reason] ?? ACTION_ERRORS.not_allowed! } }, 409);
    return seeOther(c, "/officer/reviews");
  })
  .post(
    "/:id/icon",
    agencyOnly,
    bodyLimit({ maxSize: ICON_RULE.maxBytes + 64 * 1024, onError: async (c) => stepPage(c as AppContext, await serviceOr404(c as AppContext), 1, { iconError: "ไฟล์มีขนาดเกิน 5 MB" }, 413) }),
    async (c) => {
      const { deps } = c.var;
      const svc = await serviceOr404(c);
      const step = svc.steps[0]!;
      if (step.state !== "in_progress" && step.state !== "returned") return stepPage(c, svc, 1, { iconError: ACTION_ERRORS.not_allowed }, 409);
      const body = await c.req.parseBody();
      const stored = await storeUpload(deps.files, body.file, ICON_RULE);
      if (!stored.ok) return stepPage(c, svc, 1, { iconError: stored.message }, 422);
      const replaced = await setServiceIcon(deps.db, deps.clock.now(), { id: c.var.user!.id, ip: deps.clientIp(c) }, svc.id, stored);
      for (const key of replaced) await deps.files.delete(key);
      return seeOther(c, `/eservices/${svc.id}/steps/1`);
    },
  )
  .get("/:id/files/:fileId", async (c) => {
    const { deps } = c.var;
    const svc = await serviceOr404(c);
    const file = await getServiceFile(deps.db, svc.id, c.req.param("fileId"));
    const stored = file ? await deps.files.get(file.fileKey) : null;
    if (!file || !stored) throw new NotFoundError();
    return c.body(stored.body, 200, {
      "Content-Type": file.contentType,
      "Content-Length": String(stored.size),
      "Content-Disposition": `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "private, no-store",
    });
  });

