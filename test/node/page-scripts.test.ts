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
    expect(scriptsFor('<p data-count-for="x">0/140</p>')).toEqual({ counter: true, countdown: false, unsavedWarning: false });
    expect(scriptsFor('<span data-deadline="2026-12-08T10:00:00Z">')).toEqual({ counter: false, countdown: true, unsavedWarning: false });
    expect(scriptsFor("<form data-warn-unsaved>")).toEqual({ counter: false, countdown: false, unsavedWarning: true });
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
  });
});
