/**
 * @module
 * The security headers of every answer: pages through the app's middleware, static files
 * through `static/_headers` (Workers) and the Node host's static routes, both made from
 * {@link securityHeaderValues}, so a file can never be served under an older policy than a page.
 */
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";

/** Hono's secure headers with our CSP: nothing inline, nothing from elsewhere, never framed. */
export function securityHeaders(https: boolean) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      frameAncestors: ["'none'"],
    },
    // Browsers ignore HSTS over plain http, and a dev server must not pin localhost to https.
    strictTransportSecurity: https ? "max-age=31536000; includeSubDomains" : false,
    referrerPolicy: "strict-origin-when-cross-origin",
    xFrameOptions: "DENY",
  });
}

/** The headers {@link securityHeaders} puts on an answer, read off a real one: no second list to keep. */
export async function securityHeaderValues(https: boolean): Promise<[name: string, value: string][]> {
  const probe = new Hono();
  probe.use("*", securityHeaders(https));
  probe.get("/", (c) => c.body(null, 204));
  const res = await probe.request("/");
  const headers: [string, string][] = [];
  res.headers.forEach((value, name) => headers.push([name, value]));
  return headers;
}
