/**
 * The keep-alive behind the timeout warning: it restarts the idle clock even
 * within the minute in which ordinary requests do not write last_seen_at.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SESSION_IDLE_MS } from "../../src/services/session";
import { Browser, createTestApp, createUser, type TestApp } from "./helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
});
afterEach(() => t.close());

describe("POST /session/keepalive", () => {
  it("extends the session past the idle limit counted from sign-in", async () => {
    const b = new Browser(t);
    await b.login("officer", "Officer#2567");
    const page = await b.get("/staff");
    expect(page.text).toContain(`data-session-idle-ms="${SESSION_IDLE_MS}"`);
    expect(page.text).toContain("ท่านจะถูกออกจากระบบในอีก 5 นาที เนื่องจากไม่มีการใช้งาน");
    // Five minutes before the limit, as the dialog would be answered.
    t.clock.advance(SESSION_IDLE_MS - 5 * 60_000);
    const kept = await b.request("/session/keepalive", { method: "POST", headers: { "x-csrf-token": b.csrf!, origin: "http://localhost:3000" } });
    expect(kept.status).toBe(204);
    t.clock.advance(10 * 60_000);
    const after = await b.get("/staff");
    expect(after.status).toBe(200);
    expect(after.text).toContain("ออกจากระบบ");
  });

  it("without it, the same wait signs the user out", async () => {
    const b = new Browser(t);
    await b.login("officer", "Officer#2567");
    await b.get("/staff");
    t.clock.advance(SESSION_IDLE_MS + 5 * 60_000);
    const after = await b.get("/staff");
    expect(after.status).toBe(303);
    expect(after.location).toContain("/login");
  });

  it("refuses without the CSRF header", async () => {
    const b = new Browser(t);
    await b.login("officer", "Officer#2567");
    const res = await b.request("/session/keepalive", { method: "POST", headers: { origin: "http://localhost:3000" } });
    expect(res.status).toBe(403);
  });
});
