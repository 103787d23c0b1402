import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker, { type Env } from "../../src/worker";
import { ASSETS } from "../../src/views/assets";

// The asset router (with static/_headers applied), as Workers serves files before the Worker runs.
const assets = (env as unknown as { ASSETS: Fetcher }).ASSETS;
const ORIGIN = "https://tidtam.test";
/** Per-answer headers, not policy. */
const NOT_POLICY = new Set(["cache-control", "cf-cache-status", "content-type", "content-length", "etag", "set-cookie", "vary"]);

function policyHeaders(res: Response): Record<string, string> {
  return Object.fromEntries([...res.headers].filter(([name]) => !NOT_POLICY.has(name)));
}

async function page(path: string): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${ORIGIN}${path}`), env as unknown as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("static files on Workers (static/_headers)", () => {
  const files = [ASSETS.htmx, ASSETS.fontThai, ASSETS.css, ASSETS.chartsCss, ASSETS.counter];

  it("carry exactly the security headers of a page", async () => {
    // The https app: the deployed site, whose pages send HSTS as the files do.
    const pageHeaders = policyHeaders(await page("/login"));
    expect(pageHeaders["content-security-policy"]).toContain("default-src 'self'");
    for (const path of files) {
      const res = await assets.fetch(`${ORIGIN}${path}`);
      expect(res.status, path).toBe(200);
      expect(policyHeaders(res), path).toEqual(pageHeaders);
    }
  });

  it("keep versioned vendor and font files forever, our own CSS and JS an hour", async () => {
    for (const path of [ASSETS.htmx, ASSETS.fontThai]) {
      expect((await assets.fetch(`${ORIGIN}${path}`)).headers.get("cache-control"), path).toBe("public, max-age=31536000, immutable");
    }
    for (const path of [ASSETS.css, ASSETS.chartsCss, ASSETS.counter]) {
      expect((await assets.fetch(`${ORIGIN}${path}`)).headers.get("cache-control"), path).toBe("public, max-age=3600");
    }
  });

  it("never serves the _headers file itself", async () => {
    expect((await assets.fetch(`${ORIGIN}/_headers`)).status).toBe(404);
  });
});
