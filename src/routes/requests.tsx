import { Hono } from "hono";
import type { AppContext, AppEnv } from "../app-env";
import {
  ACTION_REFUSAL_TH,
  ACTIONS,
  DOCUMENT_STATUS_REFUSAL_TH,
  DOCUMENT_STATUSES,
  documentsChange,
  isRequestAction,
  mayDo,
  offeredActions,
  STATUS_KEYS,
  UPLOAD_REFUSAL_TH,
  WORKFLOW_ROLES,
  type RequestStatus,
} from "../domain/academic";
import { documentStatusForm, officerActionForm } from "../domain/academic-forms";
import { formToken } from "../domain/form-token";
import { validateForm } from "../domain/forms";
import { maskThaiId } from "../domain/thai-id";
import { MESSAGES } from "../messages/th";
import { NotFoundError } from "../middleware/errors";
import { requireRole } from "../middleware/roles";
import { multipartOnly, uploadLimit } from "../middleware/uploads";
import { decryptPid, pidKeys } from "../services/pid-crypto";
import { revealApplicantPid } from "../services/pid-views";
import { applyOfficerAction, getRequestFor, listForApplicant, type RequestDetail } from "../services/requests";
import { readRequestPage, type RequestPage } from "../services/request-page";
import { addDocument, getDocumentFor, setDocumentStatus } from "../services/documents";
import { PDF_20MB, storeUpload } from "../services/uploads";
import { createTrackingLink, mailTrackingLink, revokeTrackingLinks, trackingMailRecipients, trackingTokenHash } from "../services/tracking-links";
import { boundRateLimitHit, hitRateLimit, rateLimitOutcome } from "../services/rate-limit";
import { MyRequestsPage } from "../views/pages/my-requests";
import { ApplicantIdField, RequestDetailPage, type RequestDetailProps } from "../views/pages/request-detail";
import { isFragmentRequest, renderPage, seeOther } from "./render";
import { tooManyRequests } from "./too-many-requests";
import { useCase } from "./use-case";
import { setFlash, showFlash } from "./session-cookie";

async function detailProps(c: AppContext, req: RequestDetail, extra: Partial<RequestDetailProps> = {}): Promise<RequestDetailProps> {
  const page = await readRequestPage(c.var.deps.db, c.var.user!, { id: req.id }, pageOptions(c));
  if (!page.page) throw new NotFoundError();
  // The request as the caller loaded it, with the rest read fresh.
  return pageProps(c, { ...page.page, req }, extra);
}

function pageOptions(c: AppContext) {
  const user = c.var.user!;
  return { withLink: user.role === "officer" || user.role === "admin", now: c.var.deps.clock.now() };
}

async function pageProps(c: AppContext, { req, timeline, estimate, link, documents }: RequestPage, extra: Partial<RequestDetailProps> = {}): Promise<RequestDetailProps> {
  const { deps } = c.var;
  const user = c.var.user!;
  const officer = user.role === "officer" || user.role === "admin";
  const open = documentsChange(req.status);
  const pid = req.applicantPidEnc ? await decryptPid(await pidKeys(deps.config.dataKey), req.applicantPidEnc) : "";
  return {
    request: {
      id: req.id,
      ticketNo: req.ticketNo,
      letterNo: req.letterNo,
      queueNo: req.queueNo,
      applicantName: `${req.applicantTitle}${req.applicantFirstName} ${req.applicantLastName}`,
      // PDPA: masked for everyone; an officer may ask for the whole ID, which is recorded (POST …/pid).
      applicantId: pid ? maskThaiId(pid) : "-",
      position: req.position,
      fieldTh: req.fieldTh,
      fieldEn: req.fieldEn,
      universityName: req.universityName,
      status: req.status,
      receiptNo: req.receiptNo,
      coordinator: { name: req.coordinatorName, phone: req.coordinatorPhone, email: req.coordinatorEmail },
      createdAt: req.createdAt,
      finishedAt: req.finishedAt,
    },
    timeline: timeline.map((e) => ({ at: e.at, label: e.label, status: e.status })),
    documents,
    // What the workflow declaration allows now decides which forms exist.
    canUpload: mayDo(user.role, "upload") && open.ok,
    canMarkDocuments: mayDo(user.role, "checkDocument") && open.ok,
    documentsClosed: open.ok
      ? null
      : mayDo(user.role, "upload")
        ? UPLOAD_REFUSAL_TH[open.reason]
        : mayDo(user.role, "checkDocument")
          ? DOCUMENT_STATUS_REFUSAL_TH[open.reason]
          : null,
    estimate,
    viewerRole: user.role,
    csrfToken: c.var.csrfToken,
    actions: mayDo(user.role, "act") ? offeredActions(req.status, documents) : [],
    hasTrackingLink: !!link,
    trackingMailTo: officer ? trackingMailRecipients(req) : [],
    canRevealPid: officer && !!pid,
    ...extra,
  };
}

async function loadOr404(c: AppContext, id: string): Promise<RequestDetail> {
  const req = await getRequestFor(c.var.deps.db, c.var.user!, id);
  if (!req) throw new NotFoundError();
  return req;
}

async function uploadFailed(c: AppContext, message: string, status: 409 | 413 | 422, loaded?: RequestDetail) {
  const req = loaded ?? (await loadOr404(c, c.req.param("id")!));
  return renderPage(
    c,
    { title: `คำขอ ${req.ticketNo ?? ""}`, status, hasErrors: true },
    <RequestDetailPage {...await detailProps(c, req, { uploadError: message })} />,
  );
}

/** Opening tracking links: generous for people, far too slow for guessing tokens. */
export const TRACK_LIMIT = { limit: 60, windowMs: 10 * 60_000 };

/** Mailing a tracking link: a few times per request, so nobody's inbox gets flooded. */
export const TRACK_MAIL_LIMIT = { limit: 5, windowMs: 60 * 60_000 };
export const TRACK_MAIL_USER_LIMIT = { limit: 60, windowMs: 60 * 60_000 };

const viewers = requireRole("applicant", "university", "officer", "admin");
const officers = requireRole("officer", "admin");

export const requestRoutes = new Hono<AppEnv>()
  .get("/me", requireRole("applicant"), async (c) => {
    const rows = await listForApplicant(c.var.deps.db, c.var.user!);
    return renderPage(c, { title: "คำขอของฉัน" }, <MyRequestsPage rows={rows} />);
  })
  .get("/requests/:id", viewers, async (c) => {
    const { page } = await readRequestPage(c.var.deps.db, c.var.user!, { id: c.req.param("id") }, pageOptions(c));
    if (!page) throw new NotFoundError();
    return renderPage(c, { title: `คำขอ ${page.req.ticketNo ?? ""}` }, <RequestDetailPage {...await pageProps(c, page)} />);
  })
  // Tracking links (screens 9-10): signing in is still required, and the request must be the viewer's.
  .get("/track/:token", viewers, async (c) => {
    c.header("X-Robots-Tag", "noindex, nofollow");
    const { deps } = c.var;
    const now = deps.clock.now();
    // Tokens are 160-bit, but guessing is still throttled per IP (and per user). The two
    // hits, the token and the page's reads are one batch; a refused hit shows nothing it read.
    const keys = [`track:${deps.clientIp(c)}`, `track:user:${c.var.user!.id}`] as const;
    const hash = (await trackingTokenHash(c.req.param("token"))) ?? "-";
    const { first, page } = await readRequestPage(deps.db, c.var.user!, { trackingTokenHash: hash }, {
      ...pageOptions(c),
      first: keys.map((key) => boundRateLimitHit(deps.db, key, TRACK_LIMIT, now)),
    });
    const [limit, perUser] = await Promise.all(keys.map((key, i) => rateLimitOutcome(deps.db, key, TRACK_LIMIT, now, first[i] as { windowStart: number }[])));
    if (!limit!.allowed || !perUser!.allowed) return tooManyRequests(c, Math.max(limit!.retryAfterMs, perUser!.retryAfterMs));
    if (!page) throw new NotFoundError();
    return renderPage(c, { title: `ติดตามคำขอ ${page.req.ticketNo ?? ""}` }, <RequestDetailPage {...await pageProps(c, page)} />);
  })
  // Shows the full national ID once, recorded as pid.viewed (the page keeps it masked otherwise).
  .post("/requests/:id/pid", officers, async (c) => {
    const req = await loadOr404(c, c.req.param("id"));
    const shown = await revealApplicantPid(useCase(c), req.id);
    if (!shown.ok) throw new NotFoundError();
    showFlash(c, "pid_shown");
    const props = await detailProps(c, req, { revealedPid: shown.pid });
    if (isFragmentRequest(c)) return renderPage(c, { title: `คำขอ ${req.ticketNo ?? ""}` }, <ApplicantIdField {...props} />);
    return renderPage(c, { title: `คำขอ ${req.ticketNo ?? ""}` }, <RequestDetailPage {...props} />);
  })
  .post("/requests/:id/actions", requireRole(...WORKFLOW_ROLES.act), async (c) => {
    const id = c.req.param("id");
    const body = await c.req.parseBody();
    const form = validateForm(officerActionForm, body);
    const req = await loadOr404(c, id);
    const rerender = async (errors: Record<string, string>, status: 409 | 422) =>
      renderPage(
        c,
        { title: `คำขอ ${req.ticketNo ?? ""}`, status, hasErrors: true },
        <RequestDetailPage {...await detailProps(c, await loadOr404(c, id), { actionErrors: errors, actionValues: form.ok ? {} : form.values })} />,
      );
    if (!form.ok) return rerender(form.errors, 422);
    if (!isRequestAction(form.data.action)) return rerender({ action: MESSAGES.chooseAction }, 422);
    const expected = typeof body.expectedStatus === "string" && (STATUS_KEYS as string[]).includes(body.expectedStatus) ? (body.expectedStatus as RequestStatus) : undefined;
    const outcome = await applyOfficerAction(useCase(c), id, form.data.action, {
      receiptNo: form.data.receiptNo || undefined,
      note: form.data.note || undefined,
      expectedStatus: expected,
    });
    if (outcome.ok) {
      setFlash(c, "request_action_recorded", ACTIONS[form.data.action].th);
      return seeOther(c, `/requests/${id}`);
    }
    if (outcome.reason === "not_found") throw new NotFoundError();
    const field = outcome.reason === "missing_receipt" ? "receiptNo" : outcome.reason === "missing_note" ? "note" : "action";
    // The request or its documents are not (any more) where the action needs them: a conflict, not bad input.
    const conflict = outcome.reason === "conflict" || outcome.reason === "no_documents" || outcome.reason === "documents_unchecked";
    return rerender({ [field]: ACTION_REFUSAL_TH[outcome.reason] }, conflict ? 409 : 422);
  })
  .post(
    "/requests/:id/documents",
    requireRole(...WORKFLOW_ROLES.upload),
    multipartOnly,
    // Counted while streaming; a bigger body is cut off before it is buffered.
    uploadLimit({ onError: (c) => uploadFailed(c as AppContext, MESSAGES.fileTooLarge(PDF_20MB.maxBytes), 413) }),
    async (c) => {
      const { deps } = c.var;
      const req = await loadOr404(c, c.req.param("id"));
      // Answered before the file is read and stored; addDocument checks again in its transaction.
      const open = documentsChange(req.status);
      if (!open.ok) return uploadFailed(c, UPLOAD_REFUSAL_TH[open.reason], 409, req);
      const body = await c.req.parseBody();
      const stored = await storeUpload(deps.files, body.file, PDF_20MB);
      if (!stored.ok) return uploadFailed(c, stored.message, 422, req);
      const added = await addDocument(useCase(c), req.id, stored, formToken(body));
      // A resent upload of the same form: the first copy is the one on record.
      if (added.ok && added.duplicate) await deps.files.delete(stored.key);
      if (added.ok) {
        setFlash(c, "document_uploaded", stored.fileName);
        return seeOther(c, `/requests/${req.id}#documents-heading`);
      }
      // Nothing was recorded (the transaction wrote nothing), so the stored file is nobody's.
      await deps.files.delete(stored.key);
      if (added.reason === "not_found") throw new NotFoundError();
      return uploadFailed(c, UPLOAD_REFUSAL_TH[added.reason], 409);
    },
  )
  .get("/requests/:id/documents/:documentId", viewers, async (c) => {
    const { deps } = c.var;
    const doc = await getDocumentFor(deps.db, c.var.user!, c.req.param("id"), c.req.param("documentId"));
    const file = doc ? await deps.files.get(doc.fileKey) : null;
    if (!doc || !file) throw new NotFoundError();
    return c.body(file.body, 200, {
      "Content-Type": doc.contentType,
      "Content-Length": String(file.size),
      "Content-Disposition": `attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    });
  })
  .post("/requests/:id/documents/:documentId/status", requireRole(...WORKFLOW_ROLES.checkDocument), async (c) => {
    // The request is read only to answer a refusal: the use case checks it may be seen (its not_found).
    const id = c.req.param("id");
    const documentId = c.req.param("documentId");
    const form = validateForm(documentStatusForm, await c.req.parseBody());
    const rerender = async (errors: Record<string, string>, values: Record<string, string>, status: 409 | 422) => {
      const req = await loadOr404(c, id);
      return renderPage(
        c,
        { title: `คำขอ ${req.ticketNo ?? ""}`, status, hasErrors: true },
        <RequestDetailPage {...await detailProps(c, req, { documentForm: { id: documentId, errors, values } })} />,
      );
    };
    if (!form.ok) return rerender(form.errors, form.values, 422);
    const outcome = await setDocumentStatus(useCase(c), id, documentId, form.data);
    if (outcome.ok) {
      setFlash(c, "document_status_saved", DOCUMENT_STATUSES[form.data.status]);
      return seeOther(c, `/requests/${id}#documents-heading`);
    }
    if (outcome.reason === "not_found") throw new NotFoundError();
    return rerender({ status: outcome.reason === "conflict" ? ACTION_REFUSAL_TH.conflict : DOCUMENT_STATUS_REFUSAL_TH[outcome.reason] }, {}, 409);
  })
  .post("/requests/:id/tracking-link", officers, async (c) => {
    const { deps } = c.var;
    const id = c.req.param("id");
    const req = await loadOr404(c, id);
    const created = await createTrackingLink(useCase(c), id);
    if (!created.ok) throw new NotFoundError();
    const url = new URL(`/track/${created.token}`, deps.config.appUrl).toString();
    c.header("Cache-Control", "no-store");
    showFlash(c, "tracking_link_created");
    return renderPage(c, { title: `คำขอ ${req.ticketNo ?? ""}` }, <RequestDetailPage {...await detailProps(c, req, { newTrackingUrl: url, hasTrackingLink: true })} />);
  })
  // Screens 9-10's "the officer sends the link": a fresh link, mailed to the applicant and the coordinator.
  // The page is answered directly (not a redirect) so its notice can name the addresses; a resend of the
  // same form is a replay of the first answer (form-once), so reloading mails nothing.
  .post("/requests/:id/tracking-link/mail", officers, async (c) => {
    const { deps } = c.var;
    const req = await loadOr404(c, c.req.param("id"));
    const now = deps.clock.now();
    const perRequest = await hitRateLimit(deps.db, `track-mail:${req.id}`, TRACK_MAIL_LIMIT, now);
    const perUser = await hitRateLimit(deps.db, `track-mail:user:${c.var.user!.id}`, TRACK_MAIL_USER_LIMIT, now);
    if (!perRequest.allowed || !perUser.allowed) return tooManyRequests(c, Math.max(perRequest.retryAfterMs, perUser.retryAfterMs));
    const mailed = await mailTrackingLink(useCase(c), req.id, formToken(await c.req.parseBody()));
    if (!mailed.ok) throw new NotFoundError();
    c.set("flash", MESSAGES.trackingLinkMailed(mailed.recipients));
    c.header("Cache-Control", "no-store");
    return renderPage(c, { title: `คำขอ ${req.ticketNo ?? ""}` }, <RequestDetailPage {...await detailProps(c, req, { hasTrackingLink: true })} />);
  })
  .post("/requests/:id/tracking-link/revoke", officers, async (c) => {
    const id = c.req.param("id");
    await loadOr404(c, id);
    const revoked = await revokeTrackingLinks(useCase(c), id);
    if (!revoked.ok) throw new NotFoundError();
    setFlash(c, "tracking_link_revoked");
    return seeOther(c, `/requests/${id}`);
  });
