import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../app-env";

/**
 * Upload routes take multipart bodies only: anything else is refused before the
 * route's streaming size limit, which could not read a body already parsed.
 */
export const multipartOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!(c.req.header("content-type") ?? "").startsWith("multipart/form-data")) {
    throw new HTTPException(415, { message: "multipart/form-data required" });
  }
  return next();
});

/**
 * An upload route's own size limit. The CSRF check has already read the body
 * (bounded app-wide), so Hono's bodyLimit, which streams the raw body, cannot
 * count it again: the declared length is checked, or else the cached bytes.
 */
export function uploadLimit(options: { maxSize: number; onError: (c: Context<AppEnv>) => Response | Promise<Response> }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const declared = c.req.header("content-length");
    const size = declared && !c.req.header("transfer-encoding") ? Number.parseInt(declared, 10) : (await c.req.arrayBuffer()).byteLength;
    if (!(size <= options.maxSize)) return options.onError(c);
    return next();
  });
}
