import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { hmacSha256, randomToken } from "../services/crypto";
import { readSession } from "../services/session";
import { isFormPost } from "./parked-forms";
import { flashMessage } from "../messages/th";
import { clearCookie, cookieNames, readCookie, writeCookie } from "./cookies";

/**
 * Resolves the session cookie to a user, derives the CSRF token, and pops the
 * flash message. The CSRF token is an HMAC of the session token (or, before
 * sign-in, of a random pre-session cookie), so it changes whenever the session does.
 */
export const sessionMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const { config, db, clock } = c.var.deps;
  const names = cookieNames(config.secureCookies);

  const token = readCookie(c, names.session);
  // One statement: the session, or whose it was once it signs nobody in (a form posted too late is parked for them).
  const read = token ? await readSession(db, token, clock.now()) : null;
  const session = read?.session ?? null;
  const owner = token && isFormPost(c.req.method, c.req.header("content-type")) ? (read?.ownerId ?? null) : null;
  if (token && !session) {
    c.set("expiredSessionUser", owner);
    clearCookie(c, names.session, config.secureCookies);
    // Shown on the next page (normally the sign-in page this request redirects to).
    writeCookie(c, names.flash, "session_expired", config.secureCookies, 60);
  }
  c.set("user", session?.user ?? null);
  c.set("sessionToken", session ? token : null);

  let binding = session ? token : readCookie(c, names.pre);
  if (!binding || !/^[A-Za-z0-9_-]{20,64}$/.test(binding)) {
    binding = randomToken(16);
    writeCookie(c, names.pre, binding, config.secureCookies);
  }
  c.set("csrfToken", await hmacSha256(config.sessionSecret, `csrf:${binding}`));

  const flash = readCookie(c, names.flash);
  c.set("flash", flash ? flashMessage(flash) : null);
  if (flash && !(token && !session)) clearCookie(c, names.flash, config.secureCookies);
  await next();
});
