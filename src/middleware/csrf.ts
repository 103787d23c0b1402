import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../app-env";
import type { AppConfig } from "../config";
import { timingSafeEqual } from "../services/crypto";
import { CsrfError } from "./errors";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Hono's Origin / Sec-Fetch-Site check: a browser on another site cannot post here. */
export function originCheck(config: AppConfig) {
  const check = csrf({ origin: allowedOrigins(config) });
  const allowed = allowedOrigins(config);
  return createMiddleware<AppEnv>(async (c, next) => {
    // Hono's check covers form content types only, so every unsafe request is checked
    // here too: a browser's Sec-Fetch-Site is authoritative (it sends Origin "null"
    // under a no-referrer policy); without it, the Origin must be ours.
    if (UNSAFE.has(c.req.method)) {
      const site = c.req.header("sec-fetch-site");
      const origin = c.req.header("origin");
      if (site ? site !== "same-origin" : !origin || !allowed.includes(origin)) throw new CsrfError();
    }
    let passed = false;
    try {
      await check(c, async () => {
        passed = true;
        await next();
      });
    } catch (error) {
      // Re-throw Hono's bare 403 as ours so the error page can say why in Thai.
      if (!passed && error instanceof HTTPException && error.status === 403) throw new CsrfError();
      throw error;
    }
  });
}

/** The configured origin; in development also its loopback alias (localhost ⇄ 127.0.0.1). */
export function allowedOrigins(config: AppConfig): string[] {
  const origins = [config.appUrl.origin];
  if (!config.production) {
    const alias = new URL(config.appUrl);
    if (alias.hostname === "localhost") alias.hostname = "127.0.0.1";
    else if (alias.hostname === "127.0.0.1") alias.hostname = "localhost";
    origins.push(alias.origin);
  }
  return origins;
}

/**
 * The synchroniser token on every unsafe request: from the `X-CSRF-Token` header
 * (htmx, via hx-headers on <body>) or the `_csrf` field of the form body, upload
 * forms included. Never from the URL: a token there ends up in logs and Referer.
 * A multipart body is parsed here, already bounded by its upload route's limit
 * (middleware/uploads.ts); Hono caches the parse for the route.
 *
 * A body over that limit was dropped unread, token and all: it goes on unchecked to
 * its upload route, whose `uploadLimit` answers with the page and the Thai message
 * and writes nothing. The Origin check above has already refused other sites.
 */
export const csrfToken = createMiddleware<AppEnv>(async (c, next) => {
  if (!UNSAFE.has(c.req.method)) return next();
  if (c.var.uploadTooLarge) return next();
  let sent = c.req.header("x-csrf-token") ?? null;
  if (!sent) {
    const type = c.req.header("content-type") ?? "";
    if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
      const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      sent = typeof body._csrf === "string" ? body._csrf : null;
    }
  }
  if (!sent || !timingSafeEqual(sent, c.var.csrfToken)) throw new CsrfError();
  return next();
});
