import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents } from "../../src/db/schema";
import { Browser, createTestApp, createUser, type TestApp } from "./helpers";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await createUser(t, { role: "admin", username: "admin", password: "Admin#2567" });
  await createUser(t, { role: "officer", username: "officer", password: "Officer#2567" });
});
afterEach(() => t.close());

describe("ติดต่อเรา", () => {
  it("shows the manual's help lines to anyone, with tap-to-call links", async () => {
    const page = await new Browser(t).get("/contact");
    expect(page.status).toBe(200);
    // "0 2610 5321 - 25" is five lines: each its own link, written the one Bangkok way.
    for (const n of [1, 2, 3, 4, 5]) expect(page.text).toContain(`<a href="tel:02610532${n}">02-610-532${n}</a>`);
    expect(page.text).not.toContain("- 25");
  });

  it("lets an admin change the text (escaped when shown), with an audit event", async () => {
    const admin = new Browser(t);
    await admin.login("admin", "Admin#2567");
    await admin.get("/admin/contact");
    const saved = await admin.post("/admin/contact", { text: "ฝ่ายช่วยเหลือ 0 2111 2222\n<script>alert(1)</script>" });
    expect(saved.status).toBe(303);
    const page = await new Browser(t).get("/contact");
    expect(page.text).toContain("ฝ่ายช่วยเหลือ");
    expect(page.text).not.toContain("<script>alert(1)</script>");
    expect(page.text).toContain("&lt;script&gt;");
    expect((await t.db.select().from(auditEvents)).some((e) => e.action === "settings.contact")).toBe(true);
  });

  it("refuses an empty text with 422 in Thai and keeps the old one", async () => {
    const admin = new Browser(t);
    await admin.login("admin", "Admin#2567");
    await admin.get("/admin/contact");
    const res = await admin.post("/admin/contact", { text: "   " });
    expect(res.status).toBe(422);
    expect(res.text).toContain("กรุณากรอกข้อความ");
    expect((await new Browser(t).get("/contact")).text).toContain(">02-610-5325</a>");
  });

  it("keeps officers out of the editor", async () => {
    const officer = new Browser(t);
    await officer.login("officer", "Officer#2567");
    expect((await officer.get("/admin/contact")).status).toBe(403);
  });
});
