import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppContext, AppEnv } from "../app-env";
import { NUL_MESSAGE, validateForm, type FieldErrors } from "../domain/forms";
import { currentStep, stepByNo } from "../domain/onboarding";
import { bangkokIsoDate, fiscalYearEnd, isIsoDate, MIN_TESTERS, step1Form, STEP1_LABELS, step2Form, STEP2_LABELS, testerForm, TESTERS_REQUIRED } from "../domain/onboarding-forms";
import { NotFoundError } from "../middleware/errors";
import { requireRole } from "../middleware/roles";
import { multipartOnly } from "../middleware/uploads";
import { getCredentials, resetConsumerKey, revealCredentials } from "../services/credentials";
import { addScreenshot, getServiceFile, listScreenshots, moveScreenshot, removeScreenshot, replaceServiceFile, serviceIcon } from "../services/eservice-files";
import { iconSizeProblem, imageSize } from "../domain/image-size";
import { goLiveBatch, nextCutoff } from "../domain/golive";
import { goliveForm, moveBatchForm } from "../domain/golive-forms";
import { confirmGoLive, goliveOf, moveBatch } from "../services/golive";
import { allPartErrors, authLetterOf, groupsByPart, step4Values } from "../services/step4";
import { goLiveIcs } from "../views/ics";
import { BatchPreview } from "../views/pages/golive";
import { loadService, transitionStep, type ServiceView } from "../services/onboarding";
import { pidKeys } from "../services/pid-crypto";
import { addAttempt, deleteAttempt, getAttempt, listAttempts, updateAttemptDetails } from "../services/test-results";
import { countTesters, listTesters, removeTester, saveTester } from "../services/testers";
import { storeUpload, type UploadRule } from "../services/uploads";
import { summarizeTestWorkbook } from "../services/xlsx-summary";
import { AttemptEditPage, TesterDialog, TesterForm } from "../views/pages/eservice-step-2-3";
import { EserviceStepPage, StepCheckPage, type RawAnswers, type StepPageProps } from "../views/pages/eservice-step";
import { isFragmentRequest, renderPage, seeOther } from "./render";

const ICON_RULE: UploadRule = { maxBytes: 5 * 1024 * 1024, types: ["image/png", "image/jpeg"], label: "JPG หรือ PNG" };
const XLSX_RULE: UploadRule = {
  maxBytes: 10 * 1024 * 1024,
  types: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  label: "Excel (.xlsx)",
};
/** The fields each form step posts; anything else in the body is ignored. */
const STEP_FIELDS: Record<number, string[]> = {
  1: [...Object.keys(STEP1_LABELS), "hasIcon"],
  2: Object.keys(STEP2_LABELS),
  5: Object.keys(STEP2_LABELS),
};
const FORM_STEPS = new Set([1, 2, 5]);
const TESTER_STEPS = new Set([2, 5]);
const IMAGE_RULE: UploadRule = { maxBytes: 5 * 1024 * 1024, types: ["image/png", "image/jpeg"], label: "JPG หรือ PNG" };
const TEST_STEPS = new Set([3, 6]);
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

function stepNoOr404(c: AppContext, allowed?: Set<number>): number {
  const no = Number(c.req.param("no"));
  if (!stepByNo(no) || (allowed && !allowed.has(no))) throw new NotFoundError();
  return no;
}

function isEditable(svc: ServiceView, stepNo: number): boolean {
  const state = svc.steps[stepNo - 1]!.state;
  return state === "in_progress" || state === "returned";
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

function answersOf(svc: ServiceView, stepNo: number): RawAnswers {
  return (svc.steps[stepNo - 1]!.answers as RawAnswers | null) ?? {};
}

/** Everything wrong with a step's saved answers; empty when it can be submitted. */
async function stepErrors(c: AppContext, svc: ServiceView, stepNo: number): Promise<FieldErrors> {
  const answers = answersOf(svc, stepNo);
  const { db } = c.var.deps;
  if (stepNo === 1) {
    const form = validateForm(step1Form({ latestLaunchDate: fiscalYearEnd(c.var.deps.clock.now()) }), answers);
    return form.ok ? {} : form.errors;
  }
  if (stepNo === 2 || stepNo === 5) {
    const form = validateForm(step2Form, answers);
    const errors: FieldErrors = form.ok ? {} : form.errors;
    if ((await countTesters(db, svc.id, stepNo)) < MIN_TESTERS) errors.testers = TESTERS_REQUIRED;
    if (stepNo === 5) {
      if (!(await serviceIcon(db, svc.id, 5))) errors.icon = "กรุณาอัปโหลดไอคอนบริการ";
      if ((await listScreenshots(db, svc.id)).length === 0) errors.screenshots = "กรุณาเพิ่มภาพหน้าจออย่างน้อย 1 ภาพ";
    }
    return errors;
  }
  if (stepNo === 4) return allPartErrors(answers, !!(await authLetterOf(db, svc.id)));
  if (TEST_STEPS.has(stepNo)) {
    const pending = (await listAttempts(db, svc.id, stepNo)).filter((a) => a.status === "pending");
    return pending.length ? {} : { attempts: "กรุณาเพิ่มผลการทดสอบอย่างน้อย 1 ครั้งก่อนส่ง" };
  }
  return { _form: "แบบฟอร์มของขั้นตอนนี้ยังไม่เปิดให้กรอกผ่านระบบ" };
}

async function stepPage(c: AppContext, svc: ServiceView, stepNo: number, extra: Partial<StepPageProps> = {}, status: 200 | 409 | 413 | 422 = 200) {
  const step = svc.steps[stepNo - 1]!;
  const { deps } = c.var;
  const viewer = c.var.user!.role === "agency" ? "agency" : "officer";
  const [icon, testers, attempts, step5] = await Promise.all([
    stepNo === 1 ? serviceIcon(deps.db, svc.id) : Promise.resolve(null),
    TESTER_STEPS.has(stepNo) ? listTesters(deps.db, await pidKeys(deps.config.dataKey), svc.id, stepNo) : Promise.resolve([]),
    TEST_STEPS.has(stepNo) ? listAttempts(deps.db, svc.id, stepNo) : Promise.resolve([]),
    stepNo === 5
      ? Promise.all([getCredentials(deps.db, svc.id), serviceIcon(deps.db, svc.id, 5), listScreenshots(deps.db, svc.id)]).then(
          ([credentials, icon5, screenshots]) => ({ credentials, icon: icon5, screenshots, templates: deps.config.templates }),
        )
      : Promise.resolve(undefined),
  ]);
  const now = deps.clock.now();
  const draft = answersOf(svc, stepNo);
  const step4 =
    stepNo === 4
      ? { values: step4Values(svc), groupsByPart: groupsByPart(step4Values(svc)), authLetter: await authLetterOf(deps.db, svc.id) }
      : undefined;
  const golive =
    stepNo === 7
      ? {
          now,
          nextCutoff: nextCutoff(now),
          values: { requestedDate: typeof draft.requestedDate === "string" ? draft.requestedDate : "", note: typeof draft.note === "string" ? draft.note : "" },
          previewBatch: null,
          confirming: false,
          confirmed: await goliveOf(deps.db, svc.id),
          justConfirmed: c.req.query("confirmed") === "1",
          ...extra.golive,
        }
      : undefined;
  return renderPage(
    c,
    { title: `${svc.name}: ${stepByNo(stepNo)!.th}`, status, hasErrors: status !== 200 },
    <EserviceStepPage
      service={{ id: svc.id, name: svc.name, agencyName: svc.agencyName }}
      states={svc.states}
      stepNo={stepNo}
      state={step.state}
      answers={answersOf(svc, stepNo)}
      comments={step.comments}
      csrfToken={c.var.csrfToken}
      viewer={viewer}
      latestLaunchDate={fiscalYearEnd(deps.clock.now())}
      icon={icon}
      testers={testers}
      attempts={attempts}
      step5={step5}
      submittedAt={step.submittedAt}
      savedNotice={c.req.query("saved") === "1"}
      {...extra}
      golive={golive}
      step4={step4}
    />,
  );
}

function actor(c: AppContext) {
  return { user: c.var.user!, ip: c.var.deps.clientIp(c) };
}

function staffActor(c: AppContext) {
  return { id: c.var.user!.id, ip: c.var.deps.clientIp(c) };
}

function ctx(c: AppContext) {
  return { now: c.var.deps.clock.now(), appUrl: c.var.deps.config.appUrl };
}

async function reload(c: AppContext, svc: ServiceView) {
  return (await loadService(c.var.deps.db, c.var.user!, svc.id))!;
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
  // Step 7: the wanted date, its batch shown live, confirmed once.
  .post("/:id/steps/7/preview", agencyOnly, async (c) => {
    const body = await c.req.parseBody();
    const date = typeof body.requestedDate === "string" ? body.requestedDate : "";
    const now = c.var.deps.clock.now();
    const batch = isIsoDate(date) && date >= bangkokIsoDate(now) ? goLiveBatch(now, date) : null;
    return c.html(await String(<BatchPreview batch={batch} />));
  })
  .post("/:id/steps/7", agencyOnly, async (c) => {
    const { deps } = c.var;
    const svc = await serviceOr404(c);
    if (!isEditable(svc, 7)) return stepPage(c, svc, 7, { errors: { _form: ACTION_ERRORS.not_allowed! } }, 409);
    const body = await c.req.parseBody();
    const now = deps.clock.now();
    const form = validateForm(goliveForm(now), body);
    const values = { requestedDate: typeof body.requestedDate === "string" ? body.requestedDate : "", note: typeof body.note === "string" ? body.note : "" };
    if (!form.ok) return stepPage(c, svc, 7, { errors: form.errors, golive: goliveExtra(now, values, null, false) }, 422);
    if (body.intent !== "confirm") {
      return stepPage(c, svc, 7, { golive: goliveExtra(now, values, goLiveBatch(now, form.data.requestedDate), true) });
    }
    const result = await confirmGoLive(deps.db, ctx(c), actor(c), svc, form.data);
    if (!result.ok) return stepPage(c, svc, 7, { errors: { _form: ACTION_ERRORS[result.reason] ?? ACTION_ERRORS.not_allowed! } }, 409);
    return seeOther(c, `/eservices/${svc.id}/steps/7?confirmed=1`);
  })
  .post("/:id/golive/move", requireRole("officer", "admin"), async (c) => {
    const { deps } = c.var;
    const svc = await serviceOr404(c);
    const form = validateForm(moveBatchForm(deps.clock.now()), await c.req.parseBody());
    if (!form.ok) return stepPage(c, svc, 7, { errors: form.errors }, 422);
    if (!(await moveBatch(deps.db, deps.clock.now(), staffActor(c), svc.id, form.data.batchDate))) {
      return stepPage(c, svc, 7, { errors: { batchDate: "ย้ายรอบไม่ได้ (ยังไม่ยืนยันวัน หรือเปิดให้บริการแล้ว)" } }, 409);
    }
    return seeOther(c, `/eservices/${svc.id}/steps/7`);
  })
  .get("/:id/golive.ics", async (c) => {
    const svc = await serviceOr404(c);
    const golive = await goliveOf(c.var.deps.db, svc.id);
    if (!golive?.batchDate) throw new NotFoundError();
    return c.body(goLiveIcs({ uid: `${svc.id}@tidtam`, date: golive.batchDate, summary: `เปิดให้บริการ ${svc.name}`, stamp: c.var.deps.clock.now() }), 200, {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="golive.ics"`,
    });
  })
  // Save (draft, add a row, or go to check) for the steps with a form.
  .post("/:id/steps/:no", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c, FORM_STEPS);
    const svc = await serviceOr404(c);
    const body = await c.req.parseBody({ all: true });
    const answers = rawAnswers(body, STEP_FIELDS[stepNo]!);
    // The draft is kept whatever else happens: nothing typed is lost.
    const saved = await transitionStep(c.var.deps.db, ctx(c), actor(c), svc.id, stepNo, { action: "save_draft", answers });
    if (!saved.ok) return stepPage(c, svc, stepNo, { errors: { _form: ACTION_ERRORS[saved.reason] ?? ACTION_ERRORS.not_allowed! } }, 409);
    if (body.intent === "check") {
      const fresh = await reload(c, svc);
      const errors = await stepErrors(c, fresh, stepNo);
      if (Object.keys(errors).length) return stepPage(c, fresh, stepNo, { errors }, 422);
      return seeOther(c, `/eservices/${svc.id}/steps/${stepNo}/check`);
    }
    return seeOther(c, `/eservices/${svc.id}/steps/${stepNo}${body.intent === "add_task" ? "#f-tasks" : "?saved=1"}`);
  })
  .get("/:id/steps/:no/check", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c, FORM_STEPS);
    const svc = await serviceOr404(c);
    if (!isEditable(svc, stepNo)) return seeOther(c, `/eservices/${svc.id}/steps/${stepNo}`);
    const { deps } = c.var;
    return renderPage(
      c,
      { title: "ตรวจสอบข้อมูล" },
      <StepCheckPage
        service={svc}
        stepNo={stepNo}
        answers={answersOf(svc, stepNo)}
        icon={stepNo === 1 ? await serviceIcon(deps.db, svc.id) : null}
        testers={TESTER_STEPS.has(stepNo) ? await listTesters(deps.db, await pidKeys(deps.config.dataKey), svc.id, stepNo) : []}
        csrfToken={c.var.csrfToken}
      />,
    );
  })
  .post("/:id/steps/:no/submit", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c, new Set([1, 2, 3, 4, 5, 6]));
    const svc = await serviceOr404(c);
    const errors = await stepErrors(c, svc, stepNo);
    if (Object.keys(errors).length) return stepPage(c, svc, stepNo, { errors }, 422);
    const result = await transitionStep(c.var.deps.db, ctx(c), actor(c), svc.id, stepNo, { action: "submit", answers: answersOf(svc, stepNo) });
    if (!result.ok) return stepPage(c, svc, stepNo, { errors: { _form: ACTION_ERRORS[result.reason] ?? ACTION_ERRORS.not_allowed! } }, 409);
    return seeOther(c, `/eservices/${svc.id}/steps/${stepNo}`);
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
  // Step 1's icon.
  .post(
    "/:id/icon",
    agencyOnly,
    multipartOnly,
    bodyLimit({ maxSize: ICON_RULE.maxBytes + 64 * 1024, onError: async (c) => stepPage(c as AppContext, await serviceOr404(c as AppContext), 1, { iconError: "ไฟล์มีขนาดเกิน 5 MB" }, 413) }),
    async (c) => {
      const { deps } = c.var;
      const svc = await serviceOr404(c);
      if (!isEditable(svc, 1)) return stepPage(c, svc, 1, { iconError: ACTION_ERRORS.not_allowed }, 409);
      const stored = await storeUpload(deps.files, (await c.req.parseBody()).file, ICON_RULE);
      if (!stored.ok) return stepPage(c, svc, 1, { iconError: stored.message }, 422);
      const replaced = await replaceServiceFile(deps.db, deps.clock.now(), staffActor(c), svc.id, { kind: "icon", stepNo: 1 }, stored);
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
    return download(c, stored, file.contentType, file.fileName);
  })
  // Step 5: credentials shown once, the 120×120 icon, ordered screenshots.
  .post("/:id/credentials", agencyOnly, async (c) => {
    const { deps } = c.var;
    const svc = await serviceOr404(c);
    if (svc.steps[4]!.state === "locked") throw new NotFoundError();
    const revealed = await revealCredentials(deps.db, deps.clock.now(), staffActor(c), svc.id);
    if (!revealed) return seeOther(c, `/eservices/${svc.id}/steps/5`);
    c.header("Cache-Control", "no-store");
    return stepPage(c, svc, 5, { step5: { credentials: await getCredentials(deps.db, svc.id), icon: await serviceIcon(deps.db, svc.id, 5), screenshots: await listScreenshots(deps.db, svc.id), templates: deps.config.templates, revealedKey: revealed } });
  })
  .post("/:id/credentials/reset", requireRole("officer", "admin"), async (c) => {
    const svc = await serviceOr404(c);
    await resetConsumerKey(c.var.deps.db, c.var.deps.clock.now(), staffActor(c), svc.id);
    return seeOther(c, `/eservices/${svc.id}/steps/5`);
  })
  .post(
    "/:id/steps/5/icon",
    agencyOnly,
    multipartOnly,
    bodyLimit({ maxSize: IMAGE_RULE.maxBytes + 64 * 1024, onError: async (c) => stepPage(c as AppContext, await serviceOr404(c as AppContext), 5, { errors: { icon: "ไฟล์มีขนาดเกิน 5 MB" } }, 413) }),
    async (c) => {
      const { deps } = c.var;
      const svc = await serviceOr404(c);
      if (!isEditable(svc, 5)) return stepPage(c, svc, 5, { errors: { icon: ACTION_ERRORS.not_allowed! } }, 409);
      const file = (await c.req.parseBody()).file;
      // Check the pixels before storing anything.
      if (file instanceof File) {
        const problem = iconSizeProblem(imageSize(new Uint8Array(await file.slice(0, 65536).arrayBuffer())));
        if (problem) return stepPage(c, svc, 5, { errors: { icon: problem } }, 422);
      }
      const stored = await storeUpload(deps.files, file, IMAGE_RULE);
      if (!stored.ok) return stepPage(c, svc, 5, { errors: { icon: stored.message } }, 422);
      const replaced = await replaceServiceFile(deps.db, deps.clock.now(), staffActor(c), svc.id, { kind: "icon", stepNo: 5 }, stored);
      for (const key of replaced) await deps.files.delete(key);
      return seeOther(c, `/eservices/${svc.id}/steps/5#icon5-heading`);
    },
  )
  .post(
    "/:id/steps/5/screenshots",
    agencyOnly,
    multipartOnly,
    bodyLimit({ maxSize: IMAGE_RULE.maxBytes + 64 * 1024, onError: async (c) => stepPage(c as AppContext, await serviceOr404(c as AppContext), 5, { errors: { screenshots: "ไฟล์มีขนาดเกิน 5 MB" } }, 413) }),
    async (c) => {
      const { deps } = c.var;
      const svc = await serviceOr404(c);
      if (!isEditable(svc, 5)) return stepPage(c, svc, 5, { errors: { screenshots: ACTION_ERRORS.not_allowed! } }, 409);
      const stored = await storeUpload(deps.files, (await c.req.parseBody()).file, IMAGE_RULE);
      if (!stored.ok) return stepPage(c, svc, 5, { errors: { screenshots: stored.message } }, 422);
      await addScreenshot(deps.db, deps.clock.now(), staffActor(c), svc.id, stored);
      return seeOther(c, `/eservices/${svc.id}/steps/5#shots-heading`);
    },
  )
  .post("/:id/steps/5/screenshots/:fid/:op{up|down|delete}", agencyOnly, async (c) => {
    const { deps } = c.var;
    const svc = await serviceOr404(c);
    if (!isEditable(svc, 5)) return stepPage(c, svc, 5, { errors: { screenshots: ACTION_ERRORS.not_allowed! } }, 409);
    const op = c.req.param("op");
    if (op === "delete") {
      const key = await removeScreenshot(deps.db, deps.clock.now(), staffActor(c), svc.id, c.req.param("fid"));
      if (!key) throw new NotFoundError();
      await deps.files.delete(key);
    } else {
      await moveScreenshot(deps.db, deps.clock.now(), staffActor(c), svc.id, c.req.param("fid"), op === "up" ? "up" : "down");
    }
    return seeOther(c, `/eservices/${svc.id}/steps/5#shots-heading`);
  })
  // Testers (steps 2 and 5): a dialog with htmx, a page without.
  .get("/:id/steps/:no/testers/new", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c, TESTER_STEPS);
    const svc = await serviceOr404(c);
    if (!isEditable(svc, stepNo)) throw new NotFoundError();
    return testerForm$(c, svc, stepNo, null, {}, undefined, 200);
  })
  .post("/:id/steps/:no/testers", agencyOnly, async (c) => saveTesterRoute(c, null))
  .get("/:id/steps/:no/testers/:tid/edit", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c, TESTER_STEPS);
    const svc = await serviceOr404(c);
    if (!isEditable(svc, stepNo)) throw new NotFoundError();
    const tester = (await listTesters(c.var.deps.db, await pidKeys(c.var.deps.config.dataKey), svc.id, stepNo)).find((t) => t.id === c.req.param("tid"));
    if (!tester) throw new NotFoundError();
    const { fullName, organisation, email, phone, nationalId, os } = tester;
    return testerForm$(c, svc, stepNo, tester.id, { fullName, organisation, email, phone, nationalId, os }, undefined, 200);
  })
  .post("/:id/steps/:no/testers/:tid", agencyOnly, async (c) => saveTesterRoute(c, c.req.param("tid")))
  .post("/:id/steps/:no/testers/:tid/delete", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c, TESTER_STEPS);
    const svc = await serviceOr404(c);
    if (!isEditable(svc, stepNo)) return stepPage(c, svc, stepNo, { errors: { testers: ACTION_ERRORS.not_allowed! } }, 409);
    if (!(await removeTester(c.var.deps.db, c.var.deps.clock.now(), staffActor(c), svc.id, stepNo, c.req.param("tid")))) throw new NotFoundError();
    return seeOther(c, `/eservices/${svc.id}/steps/${stepNo}#testers-heading`);
  })
  // Test attempts (steps 3 and 6).
  .post(
    "/:id/steps/:no/attempts",
    agencyOnly,
    multipartOnly,
    bodyLimit({
      maxSize: XLSX_RULE.maxBytes + 64 * 1024,
      onError: async (c) => stepPage(c as AppContext, await serviceOr404(c as AppContext), stepNoOr404(c as AppContext, TEST_STEPS), { uploadError: "ไฟล์มีขนาดเกิน 10 MB" }, 413),
    }),
    async (c) => {
      const { deps } = c.var;
      const stepNo = stepNoOr404(c, TEST_STEPS);
      const svc = await serviceOr404(c);
      if (!isEditable(svc, stepNo)) return stepPage(c, svc, stepNo, { uploadError: ACTION_ERRORS.not_allowed }, 409);
      const body = await c.req.parseBody();
      const details = typeof body.details === "string" ? body.details.trim().slice(0, 5000) : "";
      if (!details) return stepPage(c, svc, stepNo, { uploadError: "กรุณากรอกรายละเอียดผลการพัฒนาและติดตั้ง" }, 422);
      if (details.includes("\u0000")) return stepPage(c, svc, stepNo, { uploadError: NUL_MESSAGE }, 422);
      const stored = await storeUpload(deps.files, body.file, XLSX_RULE);
      if (!stored.ok) return stepPage(c, svc, stepNo, { uploadError: stored.message }, 422);
      const summary = await summarizeTestWorkbook(stored.bytes);
      await addAttempt(deps.db, deps.clock.now(), staffActor(c), svc.id, stepNo, { details, file: stored, summary });
      return seeOther(c, `/eservices/${svc.id}/steps/${stepNo}#attempts-heading`);
    },
  )
  .get("/:id/steps/:no/attempts/:aid/file", async (c) => {
    const { deps } = c.var;
    const stepNo = stepNoOr404(c, TEST_STEPS);
    const svc = await serviceOr404(c);
    const attempt = await getAttempt(deps.db, svc.id, stepNo, c.req.param("aid"));
    const stored = attempt ? await deps.files.get(attempt.fileKey) : null;
    if (!attempt || !stored) throw new NotFoundError();
    return download(c, stored, XLSX_RULE.types[0]!, attempt.fileName);
  })
  .get("/:id/steps/:no/attempts/:aid/edit", agencyOnly, async (c) => {
    const stepNo = stepNoOr404(c, TEST_STEPS);
    const svc = await serviceOr404(c);
    const attempt = await getAttempt(c.var.deps.db, svc.id, stepNo, c.req.param("aid"));
    if (!attempt || attempt.status !== "pending" || !isEditable(svc, stepNo)) throw new NotFoundError();
    const base = `/eservices/${svc.id}/steps/${stepNo}`;
    return renderPage(
      c,
      { title: "แก้ไขผลการทดสอบ" },
      <AttemptEditPage action={`${base}/attempts/${attempt.id}`} backHref={base} details={attempt.details} csrfToken={c.var.csrfToken} attemptNo={attempt.attemptNo} at={attempt.createdAt} />,
    );
  })
  .post("/:id/steps/:no/attempts/:aid", agencyOnly, async (c) => {
    const { deps } = c.var;
    const stepNo = stepNoOr404(c, TEST_STEPS);
    const svc = await serviceOr404(c);
    const attempt = await getAttempt(deps.db, svc.id, stepNo, c.req.param("aid"));
    if (!attempt || !isEditable(svc, stepNo)) throw new NotFoundError();
    const body = await c.req.parseBody();
    const details = typeof body.details === "string" ? body.details.trim().slice(0, 5000) : "";
    const base = `/eservices/${svc.id}/steps/${stepNo}`;
    if (!details || details.includes("\u0000")) {
      return renderPage(
        c,
        { title: "แก้ไขผลการทดสอบ", status: 422, hasErrors: true },
        <AttemptEditPage action={`${base}/attempts/${attempt.id}`} backHref={base} details={details.replaceAll("\u0000", "")} csrfToken={c.var.csrfToken} attemptNo={attempt.attemptNo} at={attempt.createdAt} error={details ? NUL_MESSAGE : "กรุณากรอกรายละเอียด"} />,
      );
    }
    if (!(await updateAttemptDetails(deps.db, deps.clock.now(), staffActor(c), svc.id, stepNo, attempt.id, details))) {
      return stepPage(c, svc, stepNo, { uploadError: "แก้ไขไม่ได้ เพราะเจ้าหน้าที่ตรวจสอบแล้ว" }, 409);
    }
    return seeOther(c, `${base}#attempts-heading`);
  })
  .post("/:id/steps/:no/attempts/:aid/delete", agencyOnly, async (c) => {
    const { deps } = c.var;
    const stepNo = stepNoOr404(c, TEST_STEPS);
    const svc = await serviceOr404(c);
    if (!(await getAttempt(deps.db, svc.id, stepNo, c.req.param("aid")))) throw new NotFoundError();
    if (!isEditable(svc, stepNo)) return stepPage(c, svc, stepNo, { uploadError: ACTION_ERRORS.not_allowed }, 409);
    const key = await deleteAttempt(deps.db, deps.clock.now(), staffActor(c), svc.id, stepNo, c.req.param("aid"));
    if (!key) return stepPage(c, svc, stepNo, { uploadError: "ลบไม่ได้ เพราะเจ้าหน้าที่ตรวจสอบแล้ว" }, 409);
    await deps.files.delete(key);
    return seeOther(c, `/eservices/${svc.id}/steps/${stepNo}#attempts-heading`);
  });

function goliveExtra(now: Date, values: { requestedDate: string; note: string }, previewBatch: string | null, confirming: boolean) {
  return { now, nextCutoff: nextCutoff(now), values, previewBatch, confirming, confirmed: null };
}

function download(c: AppContext, stored: { body: ReadableStream<Uint8Array>; size: number }, contentType: string, fileName: string) {
  return c.body(stored.body, 200, {
    "Content-Type": contentType,
    "Content-Length": String(stored.size),
    "Content-Disposition": `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "Cache-Control": "private, no-store",
  });
}

/** The tester form as a dialog fragment (htmx) or a whole page. */
function testerForm$(c: AppContext, svc: ServiceView, stepNo: number, testerId: string | null, values: Record<string, string>, errors: FieldErrors | undefined, status: 200 | 422) {
  const base = `/eservices/${svc.id}/steps/${stepNo}`;
  const props = {
    action: testerId ? `${base}/testers/${testerId}` : `${base}/testers`,
    backHref: base,
    values,
    errors,
    csrfToken: c.var.csrfToken,
    title: testerId ? "แก้ไขผู้ทดสอบ" : "เพิ่มผู้ทดสอบ",
  };
  if (isFragmentRequest(c)) return renderPage(c, { title: props.title, status, hasErrors: status === 422 }, <TesterDialog {...props} />);
  return renderPage(c, { title: props.title, status, hasErrors: status === 422 }, <section class="narrow"><TesterForm {...props} /></section>);
}

async function saveTesterRoute(c: AppContext, testerId: string | null) {
  const { deps } = c.var;
  const stepNo = stepNoOr404(c, TESTER_STEPS);
  const svc = await serviceOr404(c);
  if (!isEditable(svc, stepNo)) return stepPage(c, svc, stepNo, { errors: { testers: ACTION_ERRORS.not_allowed! } }, 409);
  const form = validateForm(testerForm, await c.req.parseBody());
  if (!form.ok) return testerForm$(c, svc, stepNo, testerId, form.values, form.errors, 422);
  const ok = await saveTester(deps.db, { keys: await pidKeys(deps.config.dataKey), now: deps.clock.now() }, staffActor(c), svc.id, stepNo, testerId, form.data);
  if (!ok) throw new NotFoundError();
  return seeOther(c, `/eservices/${svc.id}/steps/${stepNo}#testers-heading`);
}
