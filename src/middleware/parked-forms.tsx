/**
 * @module
 * Nothing typed is lost when the session expires mid-form: a url-encoded form
 * posted with an expired session is parked (services/parked-forms.ts) and
 * answered with a plain 401 page linking to sign-in; after the same user signs
 * in, the form's page gets the values back once (`takeParkedFields`).
 */
import { createMiddleware } from "hono/factory";
import type { AppContext, AppEnv } from "../app-env";
import { renderPage } from "../routes/render";
import { claimParkedForm, formPageOf, parkableFields, parkForm, PARKED_FORM_MS, type ParkedFields } from "../services/parked-forms";
import { SessionExpiredNotice, SessionExpiredParkedPage } from "../views/pages/session-expired";
import { clearCookie, cookieNames, readCookie, writeCookie } from "./cookies";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const RESTORED_NOTICE = "กู้คืนข้อมูลที่ท่านกรอกไว้แล้ว กรุณาตรวจสอบและกดบันทึก";

/** Only plain form posts are parked: never files. */
export function isFormPost(method: string, contentType: string | undefined): boolean {
  return UNSAFE.has(method) && (contentType ?? "").startsWith("application/x-www-form-urlencoded");
}

/** The page the form was on: the Referer when it is ours, else derived from where it posted. */
export function pageOf(c: AppContext): string {
  const referer = c.req.header("referer");
  if (referer) {
    try {
      const url = new URL(referer);
      if (url.origin === c.var.deps.config.appUrl.origin && url.pathname !== "/login") return url.pathname;
    } catch {
      // Not a URL: fall through.
    }
  }
  return formPageOf(c.req.path);
}

/** Parks `fields` for `userId` under the page the form was on, with the cookie to claim them; returns that page. */
export async function parkFieldsFor(c: AppContext, userId: string, fields: ParkedFields): Promise<string> {
  const { config, db, clock } = c.var.deps;
  const page = pageOf(c);
  const token = await parkForm(db, clock.now(), { userId, pagePath: page, fields });
  writeCookie(c, cookieNames(config.secureCookies).parked, token, config.secureCookies, Math.floor(PARKED_FORM_MS / 1000));
  return page;
}

/** Runs after the session middleware and before the CSRF token check, which the dead session would fail. */
export const parkExpiredSessionForm = createMiddleware<AppEnv>(async (c, next) => {
  const owner = c.var.expiredSessionUser;
  if (!owner || !isFormPost(c.req.method, c.req.header("content-type"))) return next();
  const fields = parkableFields(await c.req.parseBody({ all: true }));
  // Nothing typed (a sign-out button, say): the usual refusal.
  if (Object.keys(fields).length === 0) return next();
  const page = await parkFieldsFor(c, owner, fields);
  const loginHref = `/login?next=${encodeURIComponent(page)}`;
  // An autosave's answer lands in the small status next to the save button.
  if (c.req.header("hx-request") === "true") return c.html(await String(<SessionExpiredNotice loginHref={loginHref} />), 401);
  return renderPage(c, { title: "หมดเวลาการใช้งาน", status: 401 }, <SessionExpiredParkedPage loginHref={loginHref} />);
});

/**
 * Fields handed straight to a form's page rendered in the same process, keyed by
 * that page's (internal) request: how a form whose save found the database busy
 * is shown again with its values (middleware/busy.tsx) without writing anything.
 * A WeakMap, not a header, so no client can hand values to a page.
 */
const handedOver = new WeakMap<Request, { fields: ParkedFields; notice: string; taken: boolean }>();

/** Renders of `page` get `fields` back through `takeParkedFields`, with `notice`; `taken()` tells whether the page used them. */
export function handOverFields(page: Request, fields: ParkedFields, notice: string): { taken(): boolean } {
  const entry = { fields, notice, taken: false };
  handedOver.set(page, entry);
  return { taken: () => entry.taken };
}

/** On a signed-in GET with a parked-form cookie: claims the fields for this page, or discards another user's. */
export const restoreParkedForm = createMiddleware<AppEnv>(async (c, next) => {
  const handed = handedOver.get(c.req.raw);
  if (handed) {
    // Claiming a parked cookie would write, and the database is busy: that cookie waits for a later page.
    if (c.var.user) c.set("parkedFields", handed.fields);
    return next();
  }
  const { config, db, clock } = c.var.deps;
  const name = cookieNames(config.secureCookies).parked;
  const token = c.req.method === "GET" ? readCookie(c, name) : null;
  if (token && c.var.user) {
    const claim = await claimParkedForm(db, clock.now(), token, c.var.user.id, c.req.path);
    if (claim.kind !== "elsewhere") clearCookie(c, name, config.secureCookies);
    if (claim.kind === "restore") c.set("parkedFields", claim.fields);
  }
  return next();
});

/**
 * The parked fields for this page, if any, limited to `names`, with the notice that
 * they were restored (shown where flash messages are).
 */
export function takeParkedFields(c: AppContext, names: readonly string[]): ParkedFields | null {
  const parked = c.var.parkedFields;
  if (!parked) return null;
  const out: ParkedFields = {};
  for (const n of names) if (n in parked) out[n] = parked[n]!;
  if (Object.keys(out).length === 0) return null;
  const handed = handedOver.get(c.req.raw);
  if (handed) handed.taken = true;
  c.set("flash", handed?.notice ?? RESTORED_NOTICE);
  return out;
}
