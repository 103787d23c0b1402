import type { AppContext } from "../app-env";
import { clearCookie, cookieNames, writeCookie } from "../middleware/cookies";
import type { FlashKey } from "../messages/th";
import { SESSION_ABSOLUTE_MS } from "../services/session";

/** Hands the browser its new session cookie and drops the pre-session one. */
export function setSessionCookie(c: AppContext, token: string): void {
  const { secureCookies } = c.var.deps.config;
  const names = cookieNames(secureCookies);
  writeCookie(c, names.session, token, secureCookies, Math.floor(SESSION_ABSOLUTE_MS / 1000));
  clearCookie(c, names.pre, secureCookies);
}

/** A notice for the next page the browser shows (the redirect's target): what just happened. */
export function setFlash(c: AppContext, key: FlashKey): void {
  const { secureCookies } = c.var.deps.config;
  writeCookie(c, cookieNames(secureCookies).flash, key, secureCookies, 60);
}
