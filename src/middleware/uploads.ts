import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../app-env";
import { IMAGE_5MB, PDF_10MB, PDF_20MB, XLSX_10MB, type UploadRule } from "../services/uploads";

/** What a multipart body may carry besides its file: the other fields and the part headers. */
const ENVELOPE_BYTES = 64 * 1024;
/** Any other multipart body (no upload route): the app-wide bound. */
const OTHER_MULTIPART_BYTES = 25 * 1024 * 1024;

/**
 * Every upload route (POST) and its file rule: the body limit is known from the path
 * before anything reads the body, so the CSRF check, which reads multipart bodies for
 * their `_csrf` field, never reads one bigger than its route takes.
 */
export const UPLOAD_ROUTES: readonly { pattern: RegExp; example: string; rule: UploadRule }[] = [
  { pattern: /^\/requests\/[^/]+\/documents$/, example: "/requests/:id/documents", rule: PDF_20MB },
  { pattern: /^\/eservices\/[^/]+\/icon$/, example: "/eservices/:id/icon", rule: IMAGE_5MB },
  { pattern: /^\/eservices\/[^/]+\/steps\/4\/auth-letter$/, example: "/eservices/:id/steps/4/auth-letter", rule: PDF_10MB },
  { pattern: /^\/eservices\/[^/]+\/steps\/5\/icon$/, example: "/eservices/:id/steps/5/icon", rule: IMAGE_5MB },
  { pattern: /^\/eservices\/[^/]+\/steps\/5\/screenshots$/, example: "/eservices/:id/steps/5/screenshots", rule: IMAGE_5MB },
  { pattern: /^\/eservices\/[^/]+\/steps\/[^/]+\/attempts$/, example: "/eservices/:id/steps/:no/attempts", rule: XLSX_10MB },
];

/** The most a POST to `path` may send as multipart: its upload route's file and envelope, or the app-wide bound. */
export function multipartLimitFor(path: string): { bytes: number; uploadRoute: boolean } {
  const route = UPLOAD_ROUTES.find((r) => r.pattern.test(path));
  return route ? { bytes: route.rule.maxBytes + ENVELOPE_BYTES, uploadRoute: true } : { bytes: OTHER_MULTIPART_BYTES, uploadRoute: false };
}

/**
 * The app-wide bound on a multipart body, before anything reads it: a declared
 * `Content-Length` over the route's limit is refused without reading a byte, a
 * chunked body is counted while it streams and dropped at the limit. On an upload
 * route the refusal is left to the route (`uploadLimit`), which answers with its
 * page and the Thai message beside the file field; the body it gets is empty.
 */
export function multipartBodyLimit(onOther: (c: Context<AppEnv>) => Response | Promise<Response>) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const limit = multipartLimitFor(c.req.path);
    return bodyLimit({
      maxSize: limit.bytes,
      onError: async (c) => {
        if (!limit.uploadRoute) return onOther(c as Context<AppEnv>);
        c.set("uploadTooLarge", true);
        const headers = new Headers(c.req.raw.headers);
        headers.delete("content-length");
        headers.delete("transfer-encoding");
        c.req.raw = new Request(c.req.raw.url, { method: c.req.raw.method, headers });
        await next();
        return c.res;
      },
    })(c, next);
  });
}

/**
 * Upload routes take multipart bodies only: anything else is refused before the
 * route's size limit, which could not read a body already parsed.
 */
export const multipartOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!(c.req.header("content-type") ?? "").startsWith("multipart/form-data")) {
    throw new HTTPException(415, { message: "multipart/form-data required" });
  }
  return next();
});

/**
 * An upload route's refusal of a body over its limit (see `multipartBodyLimit`,
 * which measured it before anything read it): the route's page with its Thai message.
 */
export function uploadLimit(options: { onError: (c: Context<AppEnv>) => Response | Promise<Response> }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.var.uploadTooLarge) return options.onError(c);
    return next();
  });
}
