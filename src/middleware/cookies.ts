import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { CookieOptions } from "hono/utils/cookie";

/**
 * Cookie names: the `__Host-` prefix (Secure, path=/, no Domain) whenever the
 * site runs on https, so a sibling subdomain cannot plant or read them.
 */
export function cookieNames(secure: boolean) {
  const p = secure ? "__Host-" : "";
  return { session: `${p}tidtam_s`, pre: `${p}tidtam_pre`, flash: `${p}tidtam_flash`, parked: `${p}tidtam_parked` };
}

function baseOptions(secure: boolean): CookieOptions {
  return { path: "/", httpOnly: true, secure, sameSite: "Lax" };
}

/** Each request's Cookie header, parsed once: a request reads three to five cookies. */
const parsed = new WeakMap<Request, Record<string, string>>();

export function readCookie(c: Context, name: string): string | null {
  let all = parsed.get(c.req.raw);
  if (!all) {
    all = getCookie(c);
    parsed.set(c.req.raw, all);
  }
  return all[name] ?? null;
}

export function writeCookie(c: Context, name: string, value: string, secure: boolean, maxAgeSeconds?: number): void {
  setCookie(c, name, value, { ...baseOptions(secure), ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) });
}

export function clearCookie(c: Context, name: string, secure: boolean): void {
  deleteCookie(c, name, baseOptions(secure));
}
