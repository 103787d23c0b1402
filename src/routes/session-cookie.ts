import type { AppContext } from "../app-env";
import { clearCookie, cookieNames, writeCookie } from "../middleware/cookies";
import { FLASH_DETAIL_MAX, flashMessage, type FlashKey } from "../messages/th";
import { SESSION_ABSOLUTE_MS } from "../services/session";

/** Hands the browser its new session cookie and drops the pre-session one. */
export function setSessionCookie(c: AppContext, token: string): void {
  const { secureCookies } = c.var.deps.config;
  const names = cookieNames(secureCookies);
  writeCookie(c, names.session, token, secureCookies, Math.floor(SESSION_ABSOLUTE_MS / 1000));
  clearCookie(c, names.pre, secureCookies);
}

/**
 * A notice for the next page the browser shows (the redirect's target, also after
 * htmx's HX-Redirect): what just happened, with an optional detail for its `{}`.
 */
export function setFlash(c: AppContext, key: FlashKey, detail?: string): void {
  const { secureCookies } = c.var.deps.config;
  writeCookie(c, cookieNames(secureCookies).flash, flashValue(key, detail), secureCookies, 60);
}

function flashValue(key: FlashKey, detail?: string): string {
  const clean = (detail ?? "").replace(/[\u0000-\u001f|]/g, " ").trim().slice(0, FLASH_DETAIL_MAX);
  return clean ? `${key}|${clean}` : key;
}

/**
 * The notice on the page this very response renders (an action answered with a
 * page or an htmx fragment instead of a redirect); fragments carry it out of band.
 */
export function showFlash(c: AppContext, key: FlashKey, detail?: string): void {
  c.set("flash", flashMessage(flashValue(key, detail)));
}
