/**
 * The cross-device ThaiD sign-in over HTTP in workerd: the QR session lives in its Durable
 * Object, the phone goes to the ThaiD simulator (a real OpenID provider on loopback) and
 * back, the Worker exchanges the code and verifies the ES256 id_token, and the desktop's
 * poll claims the session.
 */
import { describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import { loginAction, SimulatorBrowser } from "../support/thaid-browser";
import { testEnv, WorkerBrowser } from "./http";

const citizen = DEMO_CITIZENS[1]!;

describe("ThaiD by QR code, over HTTP in workerd", () => {
  it("signs the desktop in once the phone has approved at ThaiD", async () => {
    const desktop = new WorkerBrowser();
    await desktop.page("/login");
    const opened = await desktop.post("/login/qr", {});
    expect(opened.status).toBe(303);
    const qrPath = opened.headers.get("location")!;
    const id = /^\/login\/qr\/([\w-]+)$/.exec(qrPath)![1]!;
    const { html: qrPage } = await desktop.page(qrPath);
    expect(qrPage).toContain("<svg");
    const matchCode = /รหัสตรวจสอบ <strong>(\d+)<\/strong>/.exec(qrPage)![1]!;

    const phone = new WorkerBrowser();
    const consent = await phone.page(`/q/${id}`);
    expect(consent.html).toContain(matchCode);
    const toThaid = await phone.post(`/q/${id}/approve`, {});
    expect(toThaid.status).toBe(303);
    const authorize = new URL(toThaid.headers.get("location")!);
    expect(authorize.origin).toBe(new URL(testEnv.THAID_ISSUER!).origin);

    const thaid = new SimulatorBrowser(authorize.origin);
    const picker = await thaid.open(authorize);
    const back = await thaid.open(loginAction(picker.html, citizen.pid), { method: "POST", form: { pid: citizen.pid } });
    expect(back.url.origin).toBe("https://tidtam.test");
    const done = await phone.page(back.url.pathname + back.url.search);
    expect(done.res.status).toBe(200);
    expect(done.html).toContain("ยืนยันตัวตนเรียบร้อยแล้ว");
    expect(phone.cookies.has("__Host-tidtam_s")).toBe(false);

    const claimed = await desktop.post(`/login/qr/${id}/poll`, {});
    expect(claimed.status).toBe(303);
    expect(claimed.headers.get("location")).toBe("/me");
    const me = await desktop.page("/me");
    expect(me.res.status).toBe(200);
    expect(me.html).toContain(`${citizen.givenName} ${citizen.familyName}`);
    // Claimed once: the same QR signs nobody in again.
    const again = await desktop.post(`/login/qr/${id}/poll`, {});
    expect(again.headers.get("location")).toBeNull();
  });
});
