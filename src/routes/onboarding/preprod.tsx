/**
 * @module
 * Step 5, พัฒนาและติดตั้ง Pre-Production: the same set-up form and testers as
 * UAT (shared step routes and uat.tsx), plus the App Id and Consumer Key shown
 * once, the ≥120×120 square icon and the ordered screenshots.
 */
import { Hono } from "hono";
import type { AppContext, AppEnv } from "../../app-env";
import { formToken } from "../../domain/form-token";
import { iconSizeProblem, imageSize } from "../../domain/image-size";
import { requireRole } from "../../middleware/roles";
import { multipartOnly, uploadLimit } from "../../middleware/uploads";
import { addScreenshot, moveScreenshot, preprodPage, removeScreenshot, resetConsumerKey, revealCredentials, screenshotReads, setPreprodIcon } from "../../services/onboarding/preprod";
import { IMAGE_5MB, storeUpload } from "../../services/uploads";
import { canWrite } from "../../domain/onboarding/workflow";
import { NotFoundError } from "../../middleware/errors";
import { ConfirmDeletePage } from "../../views/components/confirm-delete";
import { renderPage, seeOther } from "../render";
import { useCase } from "../use-case";
import { refusedPage, serviceOr404, serviceWithOr404, stepPage } from "./step-page";
import { setFlash, showFlash } from "../session-cookie";

const IMAGE_RULE = IMAGE_5MB;
const STEP = 5;
const tooBig = (field: "icon" | "screenshots") => async (c: AppContext) =>
  stepPage(c, await serviceOr404(c), STEP, { errors: { [field]: "ไฟล์มีขนาดเกิน 5 MB" } }, 413);

const agencyOnly = requireRole("agency");

export const preprodRoutes = new Hono<AppEnv>()
  .post("/:id/credentials", agencyOnly, async (c) => {
    const { deps } = c.var;
    const id = c.req.param("id");
    const revealed = await revealCredentials(useCase(c), id);
    if (!revealed.ok && revealed.reason === "shown") return seeOther(c, `/eservices/${id}/steps/${STEP}`);
    if (!revealed.ok) return refusedPage(c, id, STEP, revealed.reason);
    c.header("Cache-Control", "no-store");
    showFlash(c, "credentials_shown");
    const svc = await serviceOr404(c);
    const { credentials, icon, screenshots } = await preprodPage(useCase(c), id);
    return stepPage(c, svc, STEP, {
      step5: { credentials, icon, screenshots, templates: deps.config.templates, revealedKey: { appId: revealed.appId, consumerKey: revealed.consumerKey } },
    });
  })
  .post("/:id/credentials/reset", requireRole("officer", "admin"), async (c) => {
    const id = c.req.param("id");
    const result = await resetConsumerKey(useCase(c), id);
    if (!result.ok) return refusedPage(c, id, STEP, result.reason);
    setFlash(c, "consumer_key_reset");
    return seeOther(c, `/eservices/${id}/steps/${STEP}`);
  })
  .post(
    "/:id/steps/5/icon",
    agencyOnly,
    multipartOnly,
    uploadLimit({ onError: (c) => tooBig("icon")(c as AppContext) }),
    async (c) => {
      const svc = await serviceOr404(c);
      const file = (await c.req.parseBody()).file;
      // Check the pixels before storing anything.
      if (file instanceof File) {
        const problem = iconSizeProblem(imageSize(new Uint8Array(await file.slice(0, 65536).arrayBuffer())));
        if (problem) return stepPage(c, svc, STEP, { errors: { icon: problem } }, 422);
      }
      const stored = await storeUpload(c.var.deps.files, file, IMAGE_RULE);
      if (!stored.ok) return stepPage(c, svc, STEP, { errors: { icon: stored.message } }, 422);
      const result = await setPreprodIcon(useCase(c), svc.id, stored);
      if (!result.ok) return refusedPage(c, svc.id, STEP, result.reason, "icon");
      setFlash(c, "icon_uploaded", stored.fileName);
      return seeOther(c, `/eservices/${svc.id}/steps/${STEP}#icon5-heading`);
    },
  )
  .post(
    "/:id/steps/5/screenshots",
    agencyOnly,
    multipartOnly,
    uploadLimit({ onError: (c) => tooBig("screenshots")(c as AppContext) }),
    async (c) => {
      const svc = await serviceOr404(c);
      const body = await c.req.parseBody();
      const stored = await storeUpload(c.var.deps.files, body.file, IMAGE_RULE);
      if (!stored.ok) return stepPage(c, svc, STEP, { errors: { screenshots: stored.message } }, 422);
      const result = await addScreenshot(useCase(c), svc.id, stored, formToken(body));
      if (!result.ok) return refusedPage(c, svc.id, STEP, result.reason, "screenshots");
      setFlash(c, "screenshot_uploaded", stored.fileName);
      return seeOther(c, `/eservices/${svc.id}/steps/${STEP}#shots-heading`);
    },
  )
  // Without JavaScript the delete link lands here: the question, and the form that deletes.
  .get("/:id/steps/5/screenshots/:fid/delete", agencyOnly, async (c) => {
    const { svc, data: shot } = await serviceWithOr404(c, (id) => screenshotReads(c.var.deps.db, id, c.req.param("fid")));
    if (!canWrite(svc.states, STEP, "screenshots", "agency") || !shot) throw new NotFoundError();
    const base = `/eservices/${svc.id}/steps/${STEP}`;
    return renderPage(
      c,
      { title: "ยืนยันการลบภาพหน้าจอ" },
      <ConfirmDeletePage action={`${base}/screenshots/${shot.id}/delete`} backHref={`${base}#shots-heading`} what={`ภาพหน้าจอ ${shot.fileName}`} csrfToken={c.var.csrfToken} />,
    );
  })
  .post("/:id/steps/5/screenshots/:fid/:op{up|down|delete}", agencyOnly, async (c) => {
    const id = c.req.param("id");
    const op = c.req.param("op");
    const fid = c.req.param("fid");
    const result = op === "delete" ? await removeScreenshot(useCase(c), id, fid) : await moveScreenshot(useCase(c), id, fid, op === "up" ? "up" : "down");
    if (!result.ok) return refusedPage(c, id, STEP, result.reason, "screenshots");
    setFlash(c, op === "delete" ? "screenshot_deleted" : "screenshot_moved");
    return seeOther(c, `/eservices/${id}/steps/${STEP}#shots-heading`);
  });
