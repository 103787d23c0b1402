/**
 * @module
 * Step 4, ขอใช้บริการขึ้นแพลตฟอร์มกลาง (seed section 6), the long form: three
 * parts, each its own page with save-as-draft, back and next, then one
 * check-your-answers page; the signed authorisation letter is uploaded here.
 */
import { Hono } from "hono";
import type { AppContext, AppEnv } from "../../app-env";
import { allPartErrors, freeMailWarnings, groupsByPart, LIST_FIELDS, PART_FIELDS, partErrors, platformApplicationValues, type PartNo, type Raw } from "../../domain/onboarding/platform-application";
import { foldDateParts } from "../../domain/dates";
import type { FieldErrors } from "../../domain/forms";
import { canWrite } from "../../domain/onboarding/workflow";
import { NotFoundError } from "../../middleware/errors";
import { takeParkedFields } from "../../middleware/parked-forms";
import { requireRole } from "../../middleware/roles";
import { multipartOnly, uploadLimit } from "../../middleware/uploads";
import { authLetterOf, authLetterReads, platformValues, setAuthLetter } from "../../services/onboarding/platform-application";
import { autosaveAnswers, saveAnswersOver } from "../../services/onboarding/steps";
import { DraftRefused, DraftSaved } from "../../views/components/autosave";
import type { ServiceView } from "../../services/onboarding/service";
import { PDF_10MB, storeUpload } from "../../services/uploads";
import { PartForm, PartPage, PlatformApplicationCheckPage } from "../../views/onboarding/platform-application";
import { renderPage, seeOther } from "../render";
import { useCase } from "../use-case";
import { refusal, serviceOr404, serviceWithOr404 } from "./step-page";
import { setFlash } from "../session-cookie";

const STEP = 4;

type AuthLetter = Awaited<ReturnType<typeof authLetterOf>>;

function partOr404(c: AppContext): PartNo {
  const part = Number(c.req.param("part"));
  if (part !== 1 && part !== 2 && part !== 3) throw new NotFoundError();
  return part;
}

/** This part's posted fields, lists kept as lists; other parts' answers are untouched. */
function postedPart(posted: Record<string, string | File | (string | File)[]>, part: PartNo): Raw {
  const body = foldDateParts(posted, PART_FIELDS[part] as readonly string[]);
  const out: Raw = {};
  for (const name of PART_FIELDS[part] as readonly string[]) {
    const v = body[name];
    const strings = (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string").map((x) => x.slice(0, 5000));
    if (LIST_FIELDS.has(name)) out[name] = strings.flatMap((s) => s.split(/\r?\n/)).map((s) => s.trim()).filter(Boolean);
    else out[name] = strings[0] ?? "";
  }
  return out;
}

/** `letter` when it was read in the service's batch, else read here. */
async function partPage(c: AppContext, svc: ServiceView, part: PartNo, values: Raw, errors?: FieldErrors, status: 200 | 409 | 413 | 422 = 200, uploadError?: string, letter?: AuthLetter) {
  const authLetter = letter !== undefined ? letter : await authLetterOf(c.var.deps.db, svc.id);
  return renderPage(
    c,
    { title: `ขอใช้บริการขึ้นแพลตฟอร์มกลาง ส่วนที่ ${part}`, status, hasErrors: status !== 200 },
    <PartPage
      serviceId={svc.id}
      serviceName={svc.name}
      part={part}
      values={values}
      errors={errors}
      warnings={freeMailWarnings(values)}
      groups={groupsByPart(values)[part]}
      comments={svc.steps[3]!.comments}
      csrfToken={c.var.csrfToken}
      authLetter={authLetter}
      uploadError={uploadError}
      savedNotice={c.req.query("saved") === "1"}
    />,
  );
}

const agencyOnly = requireRole("agency");
const editable = (svc: ServiceView) => canWrite(svc.states, STEP, "answers", "agency");

export const platformApplicationRoutes = new Hono<AppEnv>()
  .get("/:id/steps/4/parts/:part", agencyOnly, async (c) => {
    const part = partOr404(c);
    const { svc, data: authLetter } = await serviceWithOr404(c, (id) => authLetterReads(c.var.deps.db, id));
    if (!editable(svc)) return seeOther(c, `/eservices/${svc.id}/steps/4`);
    // Typed before the session expired (middleware/parked-forms.tsx): this part's fields again, unsaved.
    const parked = takeParkedFields(c, PART_FIELDS[part] as readonly string[]);
    const restored = parked ? Object.fromEntries(Object.entries(postedPart(parked, part)).filter(([k]) => k in parked)) : {};
    return partPage(c, svc, part, { ...platformValues(svc), ...restored }, undefined, 200, undefined, authLetter);
  })
  // htmx: a changed either/or answer re-renders the part with its groups shown or hidden (nothing saved).
  .post("/:id/steps/4/parts/:part/refresh", agencyOnly, async (c) => {
    const svc = await serviceOr404(c);
    const part = partOr404(c);
    const values = { ...platformValues(svc), ...postedPart(await c.req.parseBody({ all: true }), part) };
    const authLetter = await authLetterOf(c.var.deps.db, svc.id);
    return c.html(
      await String(
        <PartForm
          serviceId={svc.id}
          part={part}
          values={values}
          warnings={freeMailWarnings(values)}
          groups={groupsByPart(values)[part]}
          comments={svc.steps[3]!.comments}
          csrfToken={c.var.csrfToken}
          authLetter={authLetter}
        />,
      ),
    );
  })
  .post("/:id/steps/4/parts/:part", agencyOnly, async (c) => {
    const { deps } = c.var;
    const id = c.req.param("id");
    const part = partOr404(c);
    const body = await c.req.parseBody({ all: true });
    const posted = postedPart(body, part);
    // Saved before anything else: back, next or draft, nothing typed is lost. The part is laid
    // over the stored answers (or the prefill) that the save itself reads.
    const saved = await saveAnswersOver(useCase(c), id, STEP, (s) => ({ ...platformApplicationValues(s.answers[STEP - 1] as Raw | null, s.answers[0] ?? null, s.answers[1] ?? null, s.name), ...posted }));
    if (!saved.ok) {
      const { status, message } = refusal(saved.reason);
      const svc = await serviceOr404(c);
      return partPage(c, svc, part, { ...platformValues(svc), ...posted }, { _form: message }, status === 422 ? 409 : status);
    }
    const values = saved.answers as Raw;
    const base = `/eservices/${id}/steps/4`;
    if (body.intent === "back") return seeOther(c, `${base}/parts/${Math.max(1, part - 1)}`);
    if (body.intent === "next") {
      const errors = partErrors(part, values, !!(await authLetterOf(deps.db, id)));
      if (Object.keys(errors).length) return partPage(c, await serviceOr404(c), part, values, errors, 422);
      return seeOther(c, part === 3 ? `${base}/check` : `${base}/parts/${part + 1}`);
    }
    return seeOther(c, `${base}/parts/${part}?saved=1`);
  })
  // htmx autosave while typing: only this part's fields (plus, before the first save, the prefill).
  .post("/:id/steps/4/parts/:part/draft", agencyOnly, async (c) => {
    const svc = await serviceOr404(c);
    const part = partOr404(c);
    const posted = postedPart(await c.req.parseBody({ all: true }), part);
    const base = svc.steps[STEP - 1]!.answers ? {} : platformValues(svc);
    const saved = await autosaveAnswers(useCase(c), svc.id, STEP, { ...base, ...posted });
    if (!saved.ok) {
      const { status, message } = refusal(saved.reason);
      return c.html(await String(<DraftRefused message={message} />), status === 422 ? 409 : status);
    }
    return c.html(await String(<DraftSaved at={saved.at} />));
  })
  .post(
    "/:id/steps/4/auth-letter",
    agencyOnly,
    multipartOnly,
    uploadLimit({ onError: async (c) => partPage(c as AppContext, await serviceOr404(c as AppContext), 1, platformValues(await serviceOr404(c as AppContext)), undefined, 413, "ไฟล์มีขนาดเกิน 10 MB") }),
    async (c) => {
      const svc = await serviceOr404(c);
      const stored = await storeUpload(c.var.deps.files, (await c.req.parseBody()).file, PDF_10MB);
      if (!stored.ok) return partPage(c, svc, 1, platformValues(svc), undefined, 422, stored.message);
      const result = await setAuthLetter(useCase(c), svc.id, stored);
      if (!result.ok) {
        const { status, message } = refusal(result.reason);
        return partPage(c, svc, 1, platformValues(svc), undefined, status === 422 ? 409 : status, message);
      }
      setFlash(c, "auth_letter_uploaded", stored.fileName);
      return seeOther(c, `/eservices/${svc.id}/steps/4/parts/1`);
    },
  )
  .get("/:id/steps/4/check", agencyOnly, async (c) => {
    const { svc, data: authLetter } = await serviceWithOr404(c, (id) => authLetterReads(c.var.deps.db, id));
    if (!editable(svc)) return seeOther(c, `/eservices/${svc.id}/steps/4`);
    const values = platformValues(svc);
    const errors = allPartErrors(values, !!authLetter);
    return renderPage(
      c,
      { title: "ตรวจสอบข้อมูลก่อนส่ง", status: Object.keys(errors).length ? 422 : 200, hasErrors: Object.keys(errors).length > 0 },
      <PlatformApplicationCheckPage serviceId={svc.id} values={values} groupsByPart={groupsByPart(values)} authLetter={authLetter} errors={errors} csrfToken={c.var.csrfToken} />,
    );
  });

