import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "../../src/db/schema";
import { DEMO_ACCOUNTS } from "../../src/db/seed";
import { startNodeHost } from "../../src/node";
import { ASSETS } from "../../src/views/assets";

describe("the Node host (what npm start runs)", () => {
  it("creates, migrates and seeds a fresh database, then serves health, login and htmx", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tidtam-host-"));
    const env = {
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(dir, "nested", "tidtam.db")}`,
      FILES_DIR: join(dir, "files"),
      SESSION_SECRET: "host-test-secret-0123456789abcdef0123",
    };
    const lines: string[] = [];
    const host = await startNodeHost({ env, scheduler: false, log: (l) => lines.push(l) });
    try {
      expect(lines).toContain("seeded demo data");
      const [row] = await host.deps.db.select({ n: count() }).from(users);
      expect(row!.n).toBe(DEMO_ACCOUNTS.length);

      const health = await fetch(`${host.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true, db: "ok", mail: { failed: 0, stuck: false } });
      const login = await fetch(`${host.url}/login`);
      expect(login.status).toBe(200);
      expect(await login.text()).toContain("เข้าสู่ระบบ");
      const htmx = await fetch(`${host.url}/vendor/htmx-4.0.1.min.js`);
      expect(htmx.status).toBe(200);
      expect(htmx.headers.get("cache-control")).toContain("immutable");
      expect((await htmx.text()).length).toBeGreaterThan(10_000);
      const css = await fetch(`${host.url}${ASSETS.css}`);
      expect(css.headers.get("content-type")).toContain("text/css");
      expect(css.headers.get("cache-control")).toBe("public, max-age=3600");
      // Static files carry the pages' security headers, and the versioned fonts are kept forever.
      const font = await fetch(`${host.url}${ASSETS.fontThai}`);
      expect(font.status).toBe(200);
      expect(font.headers.get("cache-control")).toContain("immutable");
      for (const res of [htmx, css, font]) {
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
        expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      }
    } finally {
      await host.close();
    }

    // A restart on the same file seeds nothing twice.
    const again = await startNodeHost({ env, scheduler: false, log: (l) => lines.push(l) });
    try {
      const [row] = await again.deps.db.select({ n: count() }).from(users);
      expect(row!.n).toBe(DEMO_ACCOUNTS.length);
      expect(lines.filter((l) => l === "seeded demo data")).toHaveLength(1);
    } finally {
      await again.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lets an in-flight request finish when it is asked to close", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tidtam-host-"));
    const host = await startNodeHost({
      env: { PORT: "0", HOST: "127.0.0.1", DATABASE_URL: `file:${join(dir, "t.db")}`, SESSION_SECRET: "host-test-secret-0123456789abcdef0123" },
      scheduler: false,
      log: () => {},
    });
    // A sign-in spends ~100 ms hashing: long enough to be in flight when close() starts.
    const page = await fetch(`${host.url}/login`);
    const cookie = page.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const inFlight = fetch(`${host.url}/login`, {
      method: "POST",
      headers: { origin: host.url, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: "officer", password: "Officer#2567", _csrf: token }),
      redirect: "manual",
    });
    await new Promise((r) => setTimeout(r, 20));
    const closing = host.close();
    const res = await inFlight;
    await closing;
    expect(res.status).toBe(303);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("the Node host's unknown paths", () => {
  it("answers with the app's Thai 404 page, not a bare text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tidtam-host-"));
    const host = await startNodeHost({
      env: { PORT: "0", HOST: "127.0.0.1", DATABASE_URL: `file:${join(dir, "t.db")}`, SESSION_SECRET: "host-test-secret-0123456789abcdef0123" },
      scheduler: false,
      log: () => {},
    });
    try {
      const res = await fetch(`${host.url}/no-such-page`);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain('<html lang="th">');
      expect(html).toContain("ไม่พบหน้าที่ต้องการ");
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
