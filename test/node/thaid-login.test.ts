import { eq } from "drizzle-orm";
import { exportJWK, generateKeyPair } from "jose";
import { createServer } from "node:http";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { qrSessions, sessions, users } from "../../src/db/schema";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens";
import { loginAction, SimulatorBrowser } from "../support/thaid-browser";
import { Browser, createTestApp, thaidEnv, type TestApp } from "./helpers";

const citizen = DEMO_CITIZENS[0]!;
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: thaidEnv() });
});
afterEach(() => t.close());

/** At the simulator: open the authorize URL and click "sign in as" the citizen; returns our callback path. */
async function approveAtThaid(authorizeUrl: string, pid = citizen.pid): Promise<string> {
  const phone = new SimulatorBrowser(inject("thaidIssuer"));
  const picker = await phone.open(authorizeUrl);
  const back = await phone.open(loginAction(picker.html, pid), { method: "POST", form: { pid } });
  expect(back.url.origin).toBe("http://localhost:3000");
  return back.url.pathname + back.url.search;
}

async function cancelAtThaid(authorizeUrl: string): Promise<string> {
  const phone = new SimulatorBrowser(inject("thaidIssuer"));
  const picker = await phone.open(authorizeUrl);
  const cancel = /action="([^"]+\/cancel)"/.exec(picker.html)![1]!;
  const back = await phone.open(cancel, { method: "POST", form: {} });
  return back.url.pathname + back.url.search;
}

/** Desktop opens a QR; returns the QR id. */
async function openQr(desktop: Browser) {
  await desktop.get("/login");
  const res = await desktop.post("/login/qr", {});
  expect(res.status).toBe(303);
  const id = /^\/login\/qr\/([\w-]+)$/.exec(res.location!)![1]!;
  const page = await desktop.get(res.location!);
  return { id, page };
}

/** The phone scans, confirms, and is sent to ThaiD; returns the authorize URL. */
async function phoneApproves(phone: Browser, id: string) {
  const consent = await phone.get(`/q/${id}`);
  expect(consent.status).toBe(200);
  const res = await phone.post(`/q/${id}/approve`, {});
  expect(res.status).toBe(303);
  return res.location!;
}

describe("ThaiD on this device", () => {
  it("signs the applicant in and lands on คำขอของฉัน, creating one applicant user keyed by the pid's HMAC", async () => {
    const b = new Browser(t);
    await b.get("/login");
    const start = await b.post("/auth/thaid/start", {});
    expect(start.status).toBe(303);
    const authorize = new URL(start.location!);
    expect(authorize.pathname).toBe("/api/v2/oauth2/auth/");
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("nonce")).toBeTruthy();
    const callback = await b.get(await approveAtThaid(start.location!));
    expect(callback.status).toBe(303);
    expect(callback.location).toBe("/me");
    const me = await b.get("/me");
    expect(me.status).toBe(200);
    expect(me.text).toContain("คำขอของฉัน");
    expect(me.text).toContain(`${citizen.givenName} ${citizen.familyName}`);
    const rows = await t.db.select().from(users).where(eq(users.role, "applicant"));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.pidHmac).toBeTruthy();
    expect(JSON.stringify(rows[0])).not.toContain(citizen.pid);
  });

  it("refuses a callback whose state was tampered with, signing nobody in", async () => {
    const b = new Browser(t);
    await b.get("/login");
    const start = await b.post("/auth/thaid/start", {});
    const callback = await approveAtThaid(start.location!);
    const tampered = callback.replace(/state=[^&]+/, "state=forged-state-value");
    const res = await b.get(tampered);
    expect(res.status).toBe(400);
    expect(res.text).toContain("เข้าสู่ระบบด้วย ThaiD ไม่สำเร็จ");
    expect(await t.db.select().from(sessions)).toHaveLength(0);
  });

  it("refuses a replayed callback: the same code and state, in the same browser or another, sign nobody in again", async () => {
    const b = new Browser(t);
    await b.get("/login");
    const start = await b.post("/auth/thaid/start", {});
    const callback = await approveAtThaid(start.location!);
    expect((await b.get(callback)).location).toBe("/me");
    const sessionsAfterFirst = await t.db.select().from(sessions);
    expect(sessionsAfterFirst).toHaveLength(1);

    // An attacker who captured the callback URL (history, logs, a shoulder) replays it.
    const attacker = new Browser(t);
    await attacker.get("/login");
    const stolen = await attacker.get(callback);
    expect(stolen.status).toBe(400);
    expect(attacker.cookies.has("tidtam_s")).toBe(false);
    // The victim's browser replays it too (back button): the one-time state is gone.
    const again = await b.get(callback);
    expect(again.status).toBe(400);
    expect(await t.db.select().from(sessions)).toHaveLength(1);
  });

  it("never adopts a session id planted before sign-in (fixation)", async () => {
    const b = new Browser(t);
    await b.get("/login");
    const planted = "AttackerChosenSessionToken0123456789";
    b.cookies.set("tidtam_s", planted);
    const start = await b.post("/auth/thaid/start", {});
    await b.get(await approveAtThaid(start.location!));
    const issued = b.cookies.get("tidtam_s");
    expect(issued).toBeTruthy();
    expect(issued).not.toBe(planted);
    // The planted value is not a session for anyone.
    const attacker = new Browser(t);
    attacker.cookies.set("tidtam_s", planted);
    const me = await attacker.get("/me");
    expect(me.status).toBe(303);
  });

  it("shows a plain Thai error when the person cancels at ThaiD", async () => {
    const b = new Browser(t);
    await b.get("/login");
    const start = await b.post("/auth/thaid/start", {});
    const res = await b.get(await cancelAtThaid(start.location!));
    expect(res.status).toBe(400);
    expect(res.text).toContain("เข้าสู่ระบบด้วย ThaiD ไม่สำเร็จ");
  });

  it("rejects an id_token signed by a key that is not ThaiD's", async () => {
    // A JWKS server with another key: the simulator's ES256 signature cannot verify against it.
    const { publicKey } = await generateKeyPair("ES256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "other", alg: "ES256", use: "sig" };
    const server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const other = await createTestApp({ env: { ...thaidEnv(), THAID_JWKS_URL: `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks` } });
    try {
      const b = new Browser(other);
      await b.get("/login");
      const start = await b.post("/auth/thaid/start", {});
      const res = await b.get(await approveAtThaid(start.location!));
      expect(res.status).toBe(400);
      expect(await other.db.select().from(sessions)).toHaveLength(0);
    } finally {
      other.close();
      server.close();
    }
  });
});

describe("ThaiD by QR code (cross-device)", () => {
  it("signs the desktop in after the phone approves: the QR page polls and lands on คำขอของฉัน", async () => {
    const desktop = new Browser(t);
    const { id, page } = await openQr(desktop);
    expect(page.text).toContain("<svg");
    expect(page.text).toContain(`hx-post="/login/qr/${id}/poll"`);
    const matchCode = /รหัสตรวจสอบ <strong>(\d+)<\/strong>/.exec(page.text)![1]!;

    const phone = new Browser(t, undefined, "10.0.0.7");
    const consent = await phone.get(`/q/${id}`);
    expect(consent.text).toContain(matchCode);
    expect(consent.text).toContain("อย่าสแกน QR Code ที่ได้รับทางแชต");
    // Decline is the default: the first button, with autofocus.
    expect(consent.text.indexOf("ปฏิเสธ</button>")).toBeLessThan(consent.text.indexOf("ดำเนินการต่อด้วย ThaiD</button>"));

    const pending = await desktop.post(`/login/qr/${id}/poll`, {}, { headers: { "hx-request": "true" } });
    expect(pending.text).toContain("QR Code จะหมดอายุใน");

    const authorize = await phoneApproves(phone, id);
    const done = await phone.get(await approveAtThaid(authorize));
    expect(done.text).toContain("ยืนยันตัวตนเรียบร้อยแล้ว");
    // The phone itself is not signed in.
    expect(phone.cookies.has("tidtam_s")).toBe(false);

    const claimed = await desktop.post(`/login/qr/${id}/poll`, {}, { headers: { "hx-request": "true" } });
    expect(claimed.res.headers.get("hx-redirect")).toBe("/me");
    expect((await desktop.get("/me")).status).toBe(200);
  });

  it("never lets a claimed QR sign anyone in again", async () => {
    const desktop = new Browser(t);
    const { id } = await openQr(desktop);
    const phone = new Browser(t);
    await phone.get(await approveAtThaid(await phoneApproves(phone, id)));
    expect((await desktop.post(`/login/qr/${id}/poll`, {})).location).toBe("/me");
    await desktop.get("/me");
    const again = await desktop.post(`/login/qr/${id}/poll`, {});
    expect(again.status).toBe(200);
    // Used, not expired: the person should not wonder whether they were too slow.
    expect(again.text).toContain("QR Code นี้ถูกใช้เข้าสู่ระบบไปแล้ว");
    expect(again.text).not.toContain("หมดอายุแล้ว");
    expect((await desktop.get(`/login/qr/${id}`)).text).toContain("QR Code นี้ถูกใช้เข้าสู่ระบบไปแล้ว");
    expect(await t.db.select().from(sessions)).toHaveLength(1);
  });

  it("without JavaScript, pressing continue before the phone confirms shows the whole QR page again, saying it is not confirmed yet", async () => {
    const desktop = new Browser(t);
    const { id } = await openQr(desktop);
    const res = await desktop.post(`/login/qr/${id}/poll`, {});
    expect(res.status).toBe(200);
    expect(res.text).toContain("<h1>เข้าสู่ระบบด้วย ThaiD</h1>");
    expect(res.text).toContain("ยังไม่ได้รับการยืนยันจากโทรศัพท์");
    expect(res.text).toContain("สแกน QR Code นี้ภายในเวลาที่กำหนด");
    expect(res.text).toContain("<svg");
    // htmx still gets only the status fragment, without the warning.
    const fragment = await desktop.post(`/login/qr/${id}/poll`, {}, { headers: { "hx-request": "true" } });
    expect(fragment.text).not.toContain("<h1>");
    expect(fragment.text).not.toContain("ยังไม่ได้รับการยืนยันจากโทรศัพท์");
  });

  it("does not sign in a different browser that polls the same QR id", async () => {
    const desktop = new Browser(t);
    const { id } = await openQr(desktop);
    const phone = new Browser(t);
    await phone.get(await approveAtThaid(await phoneApproves(phone, id)));
    const attacker = new Browser(t, undefined, "203.0.113.66");
    await attacker.get("/login");
    const res = await attacker.post(`/login/qr/${id}/poll`, {});
    expect(res.status).toBe(200);
    expect(res.text).toContain("QR Code หมดอายุแล้ว");
    expect(attacker.cookies.has("tidtam_s")).toBe(false);
    // The rightful browser still can.
    expect((await desktop.post(`/login/qr/${id}/poll`, {})).location).toBe("/me");
  });

  it("expires after QR_TTL_SECONDS: the desktop shows the expired state with a button for a new QR, the phone cannot approve", async () => {
    const desktop = new Browser(t);
    const { id } = await openQr(desktop);
    t.clock.advance(120_000);
    const poll = await desktop.post(`/login/qr/${id}/poll`, {}, { headers: { "hx-request": "true" } });
    expect(poll.text).toContain("QR Code หมดอายุแล้ว");
    expect(poll.text).toContain("สร้าง QR Code ใหม่");
    const phone = new Browser(t);
    await phone.get("/login");
    expect((await phone.get(`/q/${id}`)).text).toContain("QR Code นี้หมดอายุหรือถูกใช้ไปแล้ว");
    const approve = await phone.post(`/q/${id}/approve`, {});
    expect(approve.status).toBe(200);
    expect(approve.location).toBeNull();
    const renewed = await desktop.post("/login/qr", {});
    expect(renewed.location).toMatch(/^\/login\/qr\//);
    expect(renewed.location).not.toBe(`/login/qr/${id}`);
  });

  it("lets the phone decline, after which the desktop says so and cannot be signed in", async () => {
    const desktop = new Browser(t);
    const { id } = await openQr(desktop);
    const phone = new Browser(t);
    await phone.get(`/q/${id}`);
    expect((await phone.post(`/q/${id}/decline`, {})).text).toContain("ปฏิเสธคำขอเข้าสู่ระบบแล้ว");
    expect((await desktop.post(`/login/qr/${id}/poll`, {})).text).toContain("ถูกปฏิเสธ");
  });

  it("refuses the callback when the stored nonce does not match the id_token", async () => {
    const desktop = new Browser(t);
    const { id } = await openQr(desktop);
    const phone = new Browser(t);
    const authorize = await phoneApproves(phone, id);
    await t.db.update(qrSessions).set({ nonce: "a-different-nonce" }).where(eq(qrSessions.id, id));
    const res = await phone.get(await approveAtThaid(authorize));
    expect(res.status).toBe(400);
    expect((await desktop.post(`/login/qr/${id}/poll`, {})).location).toBeNull();
  });

  it("refuses the callback when the PKCE verifier does not match the challenge", async () => {
    const desktop = new Browser(t);
    const { id } = await openQr(desktop);
    const phone = new Browser(t);
    const authorize = await phoneApproves(phone, id);
    await t.db.update(qrSessions).set({ codeVerifier: "x".repeat(43) }).where(eq(qrSessions.id, id));
    const res = await phone.get(await approveAtThaid(authorize));
    expect(res.status).toBe(400);
    expect(res.text).toContain("เข้าสู่ระบบด้วย ThaiD ไม่สำเร็จ");
  });

  it("returns to the page that asked for sign-in (a tracking link) after the QR claim", async () => {
    const desktop = new Browser(t);
    await desktop.get("/login?next=/track/some-token");
    const res = await desktop.post("/login/qr", { next: "/track/some-token" });
    const id = /^\/login\/qr\/([\w-]+)$/.exec(res.location!)![1]!;
    await desktop.get(res.location!);
    const phone = new Browser(t);
    await phone.get(await approveAtThaid(await phoneApproves(phone, id)));
    expect((await desktop.post(`/login/qr/${id}/poll`, {})).location).toBe("/track/some-token");
  });

  it("caps how many QR sessions one IP can hold open, and says in Thai how long to wait", async () => {
    const desktop = new Browser(t, undefined, "198.51.100.23");
    await desktop.get("/login");
    for (let i = 0; i < 5; i++) expect((await desktop.post("/login/qr", {})).status).toBe(303);
    t.clock.advance(30_000);
    const sixth = await desktop.post("/login/qr", {});
    expect(sixth.status).toBe(429);
    expect(sixth.text).toContain("ส่งคำขอบ่อยเกินไป");
    // The QR lifetime is 120 s and the first QR opened 30 s ago.
    expect(sixth.text).toContain("กรุณาลองใหม่ในอีก 2 นาที");
    expect(sixth.res.headers.get("retry-after")).toBe("90");
  });
});
