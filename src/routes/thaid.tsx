import { Hono } from "hono";
import type { AppContext, AppEnv } from "../app-env";
import { safeNextPath } from "../domain/auth-forms";
import { describeUserAgent } from "../domain/user-agent";
import { clearCookie, readCookie, writeCookie } from "../middleware/cookies";
import { MESSAGES } from "../messages/th";
import { NotFoundError } from "../middleware/errors";
import { upsertApplicant } from "../services/applicants";
import { startSession } from "../services/auth";
import { fromBase64Url, sha256Hex, timingSafeEqual, toBase64Url } from "../services/crypto";
import { pidKeys } from "../services/pid-crypto";
import { claimQrLogin, openQrLogin, qrIdFromState } from "../services/qr-login";
import { hitRateLimit, type RateLimitRule } from "../services/rate-limit";
import { exchangeThaidCode, newOidcSecrets, thaidAuthorizationUrl, ThaidError } from "../services/thaid";
import { ErrorPage } from "../views/pages/errors";
import { PhoneConsentPage, PhoneResultPage, QrEndedPage, QrLoginPage, QrStatus, type QrState } from "../views/pages/thaid";
import { isFragmentRequest, renderPage, seeOther } from "./render";
import { setSessionCookie } from "./session-cookie";
import { tooManyRequests } from "./too-many-requests";

const MINUTE = 60_000;
export const QR_LIMITS = {
  create: { limit: 10, windowMs: 10 * MINUTE },
  poll: { limit: 120, windowMs: MINUTE },
  phone: { limit: 30, windowMs: 10 * MINUTE },
  callback: { limit: 30, windowMs: 10 * MINUTE },
} satisfies Record<string, RateLimitRule>;
/** At most this many QR sessions opened per IP within one QR lifetime (so: open at once). */
export const MAX_OPEN_QR_PER_IP = 5;

const APPLICANT_HOME = "/me";

async function limited(c: AppContext, name: string, rule: RateLimitRule): Promise<Response | null> {
  const { deps } = c.var;
  const r = await hitRateLimit(deps.db, `${name}:${deps.clientIp(c)}`, rule, deps.clock.now());
  return r.allowed ? null : tooManyRequests(c, r.retryAfterMs);
}

function thaidConfig(c: AppContext) {
  const cfg = c.var.deps.config.thaid;
  if (!cfg) throw new NotFoundError();
  return cfg;
}

function failed(c: AppContext) {
  return renderPage(c, { title: "เข้าสู่ระบบไม่สำเร็จ", status: 400 }, <ErrorPage kind={400} detail={MESSAGES.thaidFailed} />);
}

/** Cookie names for the QR browser secret and the same-device OIDC secrets. */
function flowCookies(c: AppContext) {
  const p = c.var.deps.config.secureCookies ? "__Host-" : "";
  return { qr: `${p}tidtam_qr`, qrNext: `${p}tidtam_qr_next`, oidc: `${p}tidtam_oidc` };
}

async function qrView(c: AppContext, id: string, state: QrState) {
  const session = state === "pending" ? await c.var.deps.qr.get(id) : null;
  const now = c.var.deps.clock.now();
  return {
    id,
    url: new URL(`/q/${id}`, c.var.deps.config.appUrl).toString(),
    matchCode: session?.matchCode ?? "",
    secondsLeft: session ? Math.max(0, Math.ceil((session.expiresAt.getTime() - now.getTime()) / 1000)) : 0,
    csrfToken: c.var.csrfToken,
    state,
  };
}

/** Whether this browser opened QR session `id` (its cookie secret matches). */
async function ownsQr(c: AppContext, browserSecretHash: string): Promise<boolean> {
  const secret = readCookie(c, flowCookies(c).qr);
  return !!secret && timingSafeEqual(await sha256Hex(secret), browserSecretHash);
}

export const thaidRoutes = new Hono<AppEnv>()
  // Desktop: open a QR session bound to this browser.
  .post("/login/qr", async (c) => {
    const { deps } = c.var;
    const cfg = thaidConfig(c);
    const limit =
      (await limited(c, "qr:create", QR_LIMITS.create)) ??
      (await limited(c, "qr:open", { limit: MAX_OPEN_QR_PER_IP, windowMs: deps.config.qrTtlSeconds * 1000 }));
    if (limit) return limit;
    const { session, browserSecret } = await openQrLogin(deps.qr, {
      now: deps.clock.now(),
      ttlSeconds: deps.config.qrTtlSeconds,
      ip: deps.clientIp(c),
      userAgent: c.req.header("user-agent") ?? "",
      place: deps.clientPlace(c),
      pkce: cfg.pkce,
    });
    writeCookie(c, flowCookies(c).qr, browserSecret, deps.config.secureCookies, deps.config.qrTtlSeconds);
    // Where to land after the claim (e.g. a tracking link that asked for sign-in).
    const body = await c.req.parseBody();
    const next = safeNextPath(typeof body.next === "string" ? body.next : null);
    if (next) writeCookie(c, flowCookies(c).qrNext, encodeURIComponent(next), deps.config.secureCookies, deps.config.qrTtlSeconds);
    else clearCookie(c, flowCookies(c).qrNext, deps.config.secureCookies);
    return seeOther(c, `/login/qr/${session.id}`);
  })
  .get("/login/qr/:id", async (c) => {
    thaidConfig(c);
    const id = c.req.param("id");
    const session = await c.var.deps.qr.get(id);
    const state: QrState =
      session?.status === "claimed" ? "used" : session && session.status === "pending" && (await ownsQr(c, session.browserSecretHash)) ? "pending" : "expired";
    const view = await qrView(c, id, state);
    if (state === "pending") return renderPage(c, { title: "สแกน QR Code ด้วย ThaiD" }, <QrLoginPage {...view} />);
    return renderPage(c, { title: state === "used" ? "QR Code ถูกใช้แล้ว" : "QR Code หมดอายุ" }, <QrEndedPage {...view} />);
  })
  // Desktop polls (htmx every 2 s, or the button without JS); an approved session is claimed here.
  .post("/login/qr/:id/poll", async (c) => {
    const { deps } = c.var;
    thaidConfig(c);
    const limit = await limited(c, "qr:poll", QR_LIMITS.poll);
    if (limit) return limit;
    const id = c.req.param("id");
    const session = await deps.qr.get(id);
    // A claimed QR says "used" to whoever polls it: its id is unguessable and it can sign nobody in.
    let state: QrState = session?.status === "claimed" ? "used" : "expired";
    if (session && session.status !== "claimed" && (await ownsQr(c, session.browserSecretHash))) {
      if (session.status === "approved") {
        const userId = await claimQrLogin(deps.qr, id, readCookie(c, flowCookies(c).qr));
        if (userId) {
          const created = await startSession(deps.db, deps.clock.now(), {
            userId,
            previousToken: c.var.sessionToken,
            ip: deps.clientIp(c),
            userAgent: c.req.header("user-agent") ?? null,
            method: "thaid-qr",
          });
          setSessionCookie(c, created.token);
          clearCookie(c, flowCookies(c).qr, deps.config.secureCookies);
          const next = safeNextPath(decodeURIComponent(readCookie(c, flowCookies(c).qrNext) ?? ""));
          clearCookie(c, flowCookies(c).qrNext, deps.config.secureCookies);
          return seeOther(c, next ?? APPLICANT_HOME);
        }
      } else if (session.status === "pending") state = "pending";
      else if (session.status === "declined") state = "declined";
    }
    const view = await qrView(c, id, state);
    // htmx swaps just the status; the no-JS button gets the whole page back, saying why it is still here.
    if (isFragmentRequest(c)) return renderPage(c, { title: "เข้าสู่ระบบด้วย ThaiD" }, <QrStatus {...view} />);
    if (state === "pending") return renderPage(c, { title: "ยังไม่ได้รับการยืนยัน" }, <QrLoginPage {...view} notConfirmed />);
    return renderPage(c, { title: "เข้าสู่ระบบด้วย ThaiD" }, <QrEndedPage {...view} />);
  })
  // Phone: what scanning the QR opens.
  .get("/q/:id", async (c) => {
    thaidConfig(c);
    const limit = await limited(c, "qr:phone", QR_LIMITS.phone);
    if (limit) return limit;
    const session = await c.var.deps.qr.get(c.req.param("id"));
    if (!session || session.status !== "pending") {
      return renderPage(c, { title: "QR Code ใช้ไม่ได้" }, <PhoneResultPage outcome="gone" />);
    }
    return renderPage(
      c,
      { title: "ยืนยันการเข้าสู่ระบบ" },
      <PhoneConsentPage
        id={session.id}
        device={describeUserAgent(session.requestedBy.userAgent)}
        place={session.requestedBy.place}
        askedAt={session.createdAt}
        matchCode={session.matchCode}
        csrfToken={c.var.csrfToken}
      />,
    );
  })
  .post("/q/:id/decline", async (c) => {
    thaidConfig(c);
    const limit = await limited(c, "qr:phone", QR_LIMITS.phone);
    if (limit) return limit;
    const ok = await c.var.deps.qr.resolve(c.req.param("id"), { status: "declined" });
    return renderPage(c, { title: "ปฏิเสธแล้ว" }, <PhoneResultPage outcome={ok ? "declined" : "gone"} />);
  })
  .post("/q/:id/approve", async (c) => {
    const cfg = thaidConfig(c);
    const limit = await limited(c, "qr:phone", QR_LIMITS.phone);
    if (limit) return limit;
    const session = await c.var.deps.qr.get(c.req.param("id"));
    if (!session || session.status !== "pending") {
      return renderPage(c, { title: "QR Code ใช้ไม่ได้" }, <PhoneResultPage outcome="gone" />);
    }
    return c.redirect(thaidAuthorizationUrl(cfg, session).toString(), 303);
  })
  // Same device: straight to ThaiD and back.
  .post("/auth/thaid/start", async (c) => {
    const cfg = thaidConfig(c);
    const body = await c.req.parseBody();
    const secrets = newOidcSecrets(cfg.pkce);
    const next = safeNextPath(typeof body.next === "string" ? body.next : null);
    const payload = toBase64Url(new TextEncoder().encode(JSON.stringify({ ...secrets, next })));
    writeCookie(c, flowCookies(c).oidc, payload, c.var.deps.config.secureCookies, 600);
    return c.redirect(thaidAuthorizationUrl(cfg, secrets).toString(), 303);
  })
  .get("/auth/thaid/callback", async (c) => {
    const { deps } = c.var;
    const cfg = thaidConfig(c);
    const limit = await limited(c, "thaid:callback", QR_LIMITS.callback);
    if (limit) return limit;
    const state = c.req.query("state") ?? "";
    const code = c.req.query("code") ?? null;
    const providerError = c.req.query("error") ?? null;
    const qrId = qrIdFromState(state);

    if (qrId) {
      const session = await deps.qr.get(qrId);
      if (!session || session.status !== "pending" || !timingSafeEqual(session.state, state)) {
        return renderPage(c, { title: "QR Code ใช้ไม่ได้", status: 400 }, <PhoneResultPage outcome="gone" />);
      }
      if (providerError || !code) {
        await deps.qr.resolve(qrId, { status: "declined" });
        return renderPage(c, { title: "ปฏิเสธแล้ว" }, <PhoneResultPage outcome="declined" />);
      }
      try {
        const identity = await exchangeThaidCode(cfg, { code, codeVerifier: session.codeVerifier, nonce: session.nonce });
        const user = await upsertApplicant(deps.db, await pidKeys(deps.config.dataKey), identity, deps.clock.now(), deps.clientIp(c));
        const ok = await deps.qr.resolve(qrId, { status: "approved", userId: user.id });
        return renderPage(c, { title: "สำเร็จ" }, <PhoneResultPage outcome={ok ? "approved" : "gone"} />);
      } catch (error) {
        if (!(error instanceof ThaidError)) throw error;
        console.warn("ThaiD QR sign-in failed:", error.message);
        return failed(c);
      }
    }

    const names = flowCookies(c);
    const raw = readCookie(c, names.oidc);
    clearCookie(c, names.oidc, deps.config.secureCookies);
    let saved: { state: string; nonce: string; codeVerifier: string | null; next: string | null } | null = null;
    try {
      saved = raw ? JSON.parse(new TextDecoder().decode(fromBase64Url(raw))) : null;
    } catch {
      saved = null;
    }
    if (!saved || typeof saved.state !== "string" || !timingSafeEqual(saved.state, state) || providerError || !code) {
      return failed(c);
    }
    try {
      const identity = await exchangeThaidCode(cfg, { code, codeVerifier: saved.codeVerifier, nonce: saved.nonce });
      const user = await upsertApplicant(deps.db, await pidKeys(deps.config.dataKey), identity, deps.clock.now(), deps.clientIp(c));
      const created = await startSession(deps.db, deps.clock.now(), {
        userId: user.id,
        previousToken: c.var.sessionToken,
        ip: deps.clientIp(c),
        userAgent: c.req.header("user-agent") ?? null,
        method: "thaid",
      });
      setSessionCookie(c, created.token);
      return c.redirect(safeNextPath(saved.next) ?? APPLICANT_HOME, 303);
    } catch (error) {
      if (!(error instanceof ThaidError)) throw error;
      console.warn("ThaiD sign-in failed:", error.message);
      return failed(c);
    }
  });

