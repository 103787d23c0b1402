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
