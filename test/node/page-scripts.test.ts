/**
 * A page links only the enhancement scripts its content has markers for: a phone
 * on 3G downloads no counter, countdown or leave-warning script for a page without
 * such a field, and no session-timeout script when nobody is signed in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptsFor } from "../../src/routes/render";
import { Browser, createTestApp, createUser, TEST_ORIGIN, type TestApp } from "./helpers";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const scripts = (html: string) => [...html.matchAll(/<script src="\/js\/([\w-]+)\.js/g)].map((m) => m[1]).sort();

describe("page scripts", () => {
  it("reads the markers each script acts on", () => {
    expect(scriptsFor('<p data-count-for="x">0/140</p>')).toEqual({ counter: true, countdown: false, unsavedWarning: false, charts: false });
    expect(scriptsFor('<span data-deadline="2026-12-08T10:00:00Z">')).toEqual({ counter: false, countdown: true, unsavedWarning: false, charts: false });
    expect(scriptsFor("<form data-warn-unsaved>")).toEqual({ counter: false, countdown: false, unsavedWarning: true, charts: false });
    expect(scriptsFor('<figure class="chart"><svg class="chart-svg">')).toMatchObject({ charts: true });
    expect(scriptsFor('<svg class="chart chart-bars">')).toMatchObject({ charts: true });
    expect(scriptsFor('<ul class="chart-legend"><li class="charter">')).toMatchObject({ charts: false });
  });

  it("links none of them on the sign-in page, and only the session timeout on a signed-in list", async () => {
    const anonymous = new Browser(t, TEST_ORIGIN);
    const login = await anonymous.get("/login");
    expect(login.status).toBe(200);
    expect(scripts(login.text)).toEqual([]);
    expect(login.text).toContain("/vendor/htmx");

    await createUser(t, { role: "officer", username: "officer.scripts", password: "Officer#2567pw" });
    const officer = new Browser(t, TEST_ORIGIN, "10.0.0.7");
    await officer.login("officer.scripts", "Officer#2567pw");
    const list = await officer.get("/officer");
    expect(list.status).toBe(200);
    expect(scripts(list.text)).toEqual(["session-timeout"]);
    expect(list.text).not.toContain("/css/charts.css");
  });

  it("links the chart stylesheet, after app.css, on the two overviews only (issue 12: the queue page's weight)", async () => {
    await createUser(t, { role: "officer", username: "officer.charts", password: "Officer#2567pw" });
    const officer = new Browser(t, TEST_ORIGIN, "10.0.0.8");
    await officer.login("officer.charts", "Officer#2567pw");
    for (const path of ["/officer/overview", "/officer/onboarding"]) {
      const { status, text } = await officer.get(path);
      expect(status, path).toBe(200);
      expect(text, path).toMatch(/<link rel="stylesheet" href="\/css\/app\.css\?v=\d+"\/><link rel="stylesheet" href="\/css\/charts\.css\?v=\d+"\/>/);
    }
    const times = await new Browser(t, TEST_ORIGIN, "10.0.0.9").get("/processing-times");
    expect(times.status).toBe(200);
    expect(times.text).not.toContain("/css/charts.css");
  });
});
