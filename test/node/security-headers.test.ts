import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Browser, createTestApp, type TestApp } from "./helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe("security headers", () => {
  it("sends a CSP without inline script or style, no framing, nosniff and a referrer policy on every page", async () => {
    for (const path of ["/", "/login", "/contact", "/no-such-page"]) {
      const res = await new Browser(t).get(path);
      const csp = res.res.headers.get("content-security-policy")!;
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain("unsafe-inline");
      expect(csp, path).not.toContain("unsafe-eval");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.res.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      // Nothing inline for the CSP to refuse: scripts only by src, no style attributes or blocks.
      expect(res.text, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.text, path).not.toMatch(/\sstyle="/);
      expect(res.text, path).not.toMatch(/<style/);
    }
  });

  it("sends HSTS only when the site runs on https", async () => {
    expect((await new Browser(t).get("/login")).res.headers.get("strict-transport-security")).toBeNull();
    const secure = await createTestApp({ appUrl: "https://tidtam.example" });
    try {
      const res = await new Browser(secure, "https://tidtam.example").get("/login");
      expect(res.res.headers.get("strict-transport-security")).toContain("max-age=31536000");
    } finally {
      secure.close();
    }
  });

  it("never lets the QR phone page leak its URL in a Referer", async () => {
    const res = await new Browser(t).get("/q/some-qr-id-that-does-not-exist");
    expect(res.res.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
