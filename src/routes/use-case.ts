/**
 * @module
 * The request → use-case seam: the one place a route turns its request into a
 * `UseCaseContext`, built once and reused for the rest of the request.
 */
import type { AppContext } from "../app-env";
import { useCaseContext, type UseCaseContext } from "../services/context";

export function useCase(c: AppContext): UseCaseContext {
  let ctx = c.get("useCase");
  if (!ctx) {
    const { deps } = c.var;
    ctx = useCaseContext({
      db: deps.db,
      clock: deps.clock,
      files: deps.files,
      appUrl: deps.config.appUrl,
      dataKey: deps.config.dataKey,
      user: c.var.user,
      ip: deps.clientIp(c),
    });
    c.set("useCase", ctx);
  }
  return ctx;
}
