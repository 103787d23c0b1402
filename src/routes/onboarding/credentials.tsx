/**
 * @module
 * Step 1, ขอ Credential: its form is saved by the shared step routes; this file
 * adds what only step 1 has, the optional service icon.
 */
import { Hono } from "hono";
import type { AppContext, AppEnv } from "../../app-env";
import { requireRole } from "../../middleware/roles";
import { multipartOnly, uploadLimit } from "../../middleware/uploads";
import { setServiceIcon } from "../../services/onboarding/credentials";
import { IMAGE_5MB, storeUpload } from "../../services/uploads";
import { seeOther } from "../render";
import { useCase } from "../use-case";
import { refusedPage, serviceOr404, stepPage } from "./step-page";
import { setFlash } from "../session-cookie";

const ICON_RULE = IMAGE_5MB;
const STEP = 1;

export const credentialsRoutes = new Hono<AppEnv>().post(
  "/:id/icon",
  requireRole("agency"),
  multipartOnly,
  uploadLimit({ onError: async (c) => stepPage(c as AppContext, await serviceOr404(c as AppContext), STEP, { iconError: "ไฟล์มีขนาดเกิน 5 MB" }, 413) }),
  async (c) => {
    const id = c.req.param("id");
    const svc = await serviceOr404(c);
    const stored = await storeUpload(c.var.deps.files, (await c.req.parseBody()).file, ICON_RULE);
    if (!stored.ok) return stepPage(c, svc, STEP, { iconError: stored.message }, 422);
    const result = await setServiceIcon(useCase(c), id, stored);
    if (!result.ok) return refusedPage(c, id, STEP, result.reason, "iconError");
    setFlash(c, "icon_uploaded", stored.fileName);
    return seeOther(c, `/eservices/${id}/steps/${STEP}`);
  },
);
