/** The ThaiD help page: open to everyone, linked from where an applicant meets ThaiD. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { THAID_STORE_LINKS } from "../../src/views/pages/help-thaid";
import { Browser, createTestApp, createUser, thaidEnv, type TestApp } from "./helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: thaidEnv() });
});
afterEach(() => t.close());

const HELP_LINK = '<a href="/help/thaid">ยังไม่มีแอป ThaiD? ดูวิธีติดตั้งและลงทะเบียน</a>';

describe("GET /help/thaid", () => {
  it("is open to a visitor who is not signed in, with numbered steps and the official store pages", async () => {
    const page = await new Browser(t).get("/help/thaid");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>วิธีติดตั้งและลงทะเบียนแอป ThaiD</h1>");
    for (const heading of ["ติดตั้งแอป ThaiD", "ลงทะเบียนแอป ThaiD", "เปิดใช้งานแอป", "เข้าสู่ระบบติดตามด้วย ThaiD"]) expect(page.text).toContain(heading);
    expect(page.text).toContain("ที่ว่าการอำเภอหรือสำนักงานเขต");
    expect(page.text).toContain("ลงทะเบียนด้วยตนเอง");
    expect(page.text).toContain(`href="${THAID_STORE_LINKS.appStore}"`);
    expect(page.text).toContain(`href="${THAID_STORE_LINKS.googlePlay}"`);
    expect(page.text.match(/<ol class="steps">/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it("is open to a signed-in user too", async () => {
    await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
    const b = new Browser(t);
    await b.login("officer", "Officer#2567");
    expect((await b.get("/help/thaid")).status).toBe(200);
  });

  it("is linked from the sign-in page, the desktop QR page and the phone page", async () => {
    const desktop = new Browser(t);
    expect((await desktop.get("/login")).text).toContain(HELP_LINK);
    const started = await desktop.post("/login/qr", {});
    expect(started.status).toBe(303);
    const qr = await desktop.get(started.location!);
    expect(qr.text).toContain(HELP_LINK);
    const id = /\/login\/qr\/([\w-]+)/.exec(started.location!)![1]!;
    const phone = new Browser(t, undefined, "198.51.100.7");
    expect((await phone.get(`/q/${id}`)).text).toContain(HELP_LINK);
  });
});
