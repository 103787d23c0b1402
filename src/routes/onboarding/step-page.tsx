/**
 * @module
 * What every onboarding route shares: the service (404 when it is not the
 * user's to see), the step page with the data its step shows, and the Thai
 * answer to each refusal a use case can give. Routes never decide whether a
 * step may change: they ask the use case and map its outcome here.
 */
import type { AppContext } from "../../app-env";
import type { FieldErrors } from "../../domain/forms";
import { fiscalYearEnd } from "../../domain/dates";
import { nextCutoff } from "../../domain/onboarding/golive";
import { stepDefinition } from "../../domain/onboarding/steps";
import { stepsOwning, type StepKey, type SubResource } from "../../domain/onboarding/workflow";
import { NotFoundError } from "../../middleware/errors";
import { takeParkedFields } from "../../middleware/parked-forms";
import type { UseCaseContext } from "../../services/context";
import { credentialsReads } from "../../services/onboarding/credentials";
import { mapReads, noReads, runReads, type PageReads } from "../../services/onboarding/page-reads";
import { platformApplicationReads } from "../../services/onboarding/platform-application";
import { preprodReads } from "../../services/onboarding/preprod";
import { preprodTestsReads } from "../../services/onboarding/preprod-tests";
import { loadService, loadServiceWith, type Refusal, type ServiceView } from "../../services/onboarding/service";
import { uatReads } from "../../services/onboarding/uat";
import { uatTestsReads } from "../../services/onboarding/uat-tests";
import { EserviceStepPage, type RawAnswers, type StepPageProps } from "../../views/onboarding/step-page";
import { renderPage } from "../render";
import { useCase } from "../use-case";

/** The Thai answer to each refusal, with its status. */
export const REFUSALS: Record<Refusal, { status: 404 | 409 | 422; message: string }> = {
  not_found: { status: 404, message: "ไม่พบข้อมูลที่ต้องการ" },
  not_owned: { status: 404, message: "ไม่พบข้อมูลที่ต้องการ" },
  locked: { status: 409, message: "ขั้นตอนนี้ยังไม่เปิด" },
  frozen: { status: 409, message: "แก้ไขไม่ได้ในสถานะปัจจุบันของขั้นตอน (ส่งตรวจแล้วหรือผ่านการตรวจสอบแล้ว)" },
  wrong_actor: { status: 409, message: "บัญชีของท่านไม่สามารถดำเนินการนี้ได้" },
  not_allowed: { status: 409, message: "ไม่สามารถดำเนินการนี้ในสถานะปัจจุบันของขั้นตอนได้" },
  conflict: { status: 409, message: "ขั้นตอนนี้ถูกเปลี่ยนสถานะโดยผู้อื่นแล้ว กรุณาโหลดหน้าใหม่" },
  not_ready: { status: 422, message: "ยังมีข้อมูลที่ต้องแก้ไขก่อนส่ง" },
};

/** The status and message of a refusal; "not found" and "not owned" become the 404 page. */
export function refusal(reason: Refusal): { status: 409 | 422; message: string } {
  const { status, message } = REFUSALS[reason];
  if (status === 404) throw new NotFoundError();
  return { status, message };
}

export async function serviceOr404(c: AppContext): Promise<ServiceView> {
  const svc = await loadService(c.var.deps.db, c.var.user!, c.req.param("id")!);
  if (!svc) throw new NotFoundError();
  return svc;
}

/**
 * The service of the URL and what the page reads of it (`reads`, made for that id), as
 * ONE batch; 404 when the service is not the user's to see, whatever `reads` found.
 */
export async function serviceWithOr404<R>(c: AppContext, reads: (serviceId: string) => PageReads<R, ServiceView>): Promise<{ svc: ServiceView; data: R }> {
  const id = c.req.param("id")!;
  const loaded = await loadServiceWith(c.var.deps.db, c.var.user!, id, reads(id));
  if (!loaded) throw new NotFoundError();
  return loaded;
}

/** The `:no` of the URL, 404 unless it is a step (that owns `resource`, when given). */
export function stepNoOr404(c: AppContext, resource?: SubResource): number {
  const no = Number(c.req.param("no"));
  if (!stepDefinition(no) || (resource && !stepsOwning(resource).includes(no as never))) throw new NotFoundError();
  return no;
}

export function answersOf(svc: ServiceView, stepNo: number): RawAnswers {
  return (svc.steps[stepNo - 1]!.answers as RawAnswers | null) ?? {};
}

type Status = 200 | 409 | 413 | 422;

type StepReads = PageReads<Partial<StepPageProps>, ServiceView>;

/** What each step's page reads besides its answers, unsent, so they can go in the service's batch. */
const PAGE_READS: Record<StepKey, (ctx: UseCaseContext, serviceId: string, templates: { icon: string | null; screenshots: string | null }) => StepReads> = {
  credential: (ctx, id) => credentialsReads(ctx.db, id),
  uat_setup: (ctx, id) => uatReads(ctx, id),
  uat_test: (ctx, id) => uatTestsReads(ctx.db, id),
  platform_application: (ctx, id) => mapReads(platformApplicationReads(ctx.db, id), (step4) => ({ step4 })),
  preprod_setup: (ctx, id, templates) => mapReads(preprodReads(ctx, id), ({ testers, ...step5 }) => ({ testers, step5: { ...step5, templates } })),
  preprod_test: (ctx, id) => preprodTestsReads(ctx.db, id),
  golive: () => noReads({}),
};

/** The reads of what step `stepNo` of service `serviceId` shows besides its answers (its icon, testers, attempts, files…). */
export function stepReads(c: AppContext, stepNo: number): (serviceId: string) => StepReads {
  return (serviceId) => PAGE_READS[stepDefinition(stepNo)!.key](useCase(c), serviceId, c.var.deps.config.templates);
}

/** What step `stepNo` of `svc` shows besides its answers, read on its own (one round trip). */
export async function stepData(c: AppContext, svc: ServiceView, stepNo: number): Promise<Partial<StepPageProps>> {
  return runReads(c.var.deps.db, stepReads(c, stepNo)(svc.id), svc);
}

/**
 * The page of one step, with what its step shows: `data` when it was read in the
 * service's batch (`serviceWithOr404(c, stepReads(c, stepNo))`), else read here.
 */
export async function stepPage(c: AppContext, svc: ServiceView, stepNo: number, extra: Partial<StepPageProps> = {}, status: Status = 200, data?: Partial<StepPageProps>) {
  const step = svc.steps[stepNo - 1]!;
  const definition = stepDefinition(stepNo)!;
  const { deps } = c.var;
  data ??= await stepData(c, svc, stepNo);
  const now = deps.clock.now();
  // Typed before the session expired (middleware/parked-forms.tsx): shown again, saved only when the user saves.
  const parked = c.req.method === "GET" && c.var.user!.role === "agency" ? takeParkedFields(c, definition.formFields) : null;
  const draft = { ...answersOf(svc, stepNo), ...parked };
  const golive =
    definition.key === "golive"
      ? {
          now,
          nextCutoff: nextCutoff(now),
          values: { requestedDate: typeof draft.requestedDate === "string" ? draft.requestedDate : "", note: typeof draft.note === "string" ? draft.note : "" },
          previewBatch: null,
          confirming: false,
          confirmed: svc.booking,
          justConfirmed: c.req.query("confirmed") === "1",
          ...extra.golive,
        }
      : undefined;
  return renderPage(
    c,
    { title: `${svc.name}: ${definition.th}`, status, hasErrors: status !== 200 },
    <EserviceStepPage
      service={{ id: svc.id, name: svc.name, agencyName: svc.agencyName }}
      states={svc.states}
      stepNo={stepNo}
      state={step.state}
      answers={draft}
      comments={step.comments}
      csrfToken={c.var.csrfToken}
      viewer={c.var.user!.role === "agency" ? "agency" : "officer"}
      latestLaunchDate={fiscalYearEnd(now)}
      icon={null}
      testers={[]}
      attempts={[]}
      submittedAt={step.submittedAt}
      savedNotice={c.req.query("saved") === "1"}
      {...data}
      {...extra}
      golive={golive}
    />,
  );
}

/** A refused write: the step page again, the reason where the form would show it. */
export async function refusedPage(c: AppContext, serviceId: string, stepNo: number, reason: Refusal, field: keyof StepPageProps | string = "_form") {
  const { status, message } = refusal(reason);
  const svc = await serviceOr404(c);
  const errors: FieldErrors = { [field]: message };
  if (field === "uploadError" || field === "iconError") return stepPage(c, svc, stepNo, { [field]: message }, status as Status);
  return stepPage(c, svc, stepNo, { errors }, status as Status);
}

export function download(c: AppContext, stored: { body: ReadableStream<Uint8Array>; size: number }, contentType: string, fileName: string) {
  return c.body(stored.body, 200, {
    "Content-Type": contentType,
    "Content-Length": String(stored.size),
    "Content-Disposition": `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "Cache-Control": "private, no-store",
  });
}
