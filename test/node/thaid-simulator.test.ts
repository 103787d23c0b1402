import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { startThaidSimulator, type ThaidSimulator } from "../../scripts/thaid-simulator.js";
import { DEMO_CITIZENS } from "../../src/db/demo-citizens.js";
import { loginAction, SimulatorBrowser as Browser } from "../support/thaid-browser";

const CLIENT = { clientId: "tidtam-test", clientSecret: "s3cret", redirectUris: ["http://127.0.0.1:9/cb"] };
const REDIRECT_URI = CLIENT.redirectUris[0]!;
const SCOPES = "openid pid given_name family_name name name_en title birthdate";
const citizen = DEMO_CITIZENS[0]!;

let sim: ThaidSimulator;
let discovery: Record<string, unknown>;

beforeAll(async () => {
  sim = await startThaidSimulator({ port: 0, clients: [CLIENT] });
  discovery = (await (await fetch(`${sim.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
});

afterAll(async () => {
  await sim?.close();
});

function pkcePair() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeUrl(params: Record<string, string>): URL {
  const url = new URL(String(discovery.authorization_endpoint));
  const all = { response_type: "code", client_id: CLIENT.clientId, redirect_uri: REDIRECT_URI, scope: SCOPES, ...params };
  for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
  return url;
}

function buttonText(c: (typeof DEMO_CITIZENS)[number]) {
  return `เข้าสู่ระบบเป็น ${c.title}${c.givenName} ${c.familyName}`;
}

/** Authorize → interaction page → one click as the citizen → back at the redirect_uri. */
async function signIn(browser: Browser, params: Record<string, string>) {
  const picker = await browser.open(authorizeUrl(params));
  expect(picker.url.pathname).toMatch(/^\/interaction\/[\w-]+$/);
  const back = await browser.open(loginAction(picker.html, citizen.pid), { method: "POST", form: { pid: citizen.pid } });
  expect(`${back.url.origin}${back.url.pathname}`).toBe(REDIRECT_URI);
  return { picker, back };
}

async function tokenRequest(form: Record<string, string>) {
  const res = await fetch(String(discovery.token_endpoint), {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "authorization_code", redirect_uri: REDIRECT_URI, ...form }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("ThaiD simulator", () => {
  it("publishes ThaiD's endpoint paths, ES256 id_tokens, client_secret_basic and S256 PKCE in discovery", () => {
    expect(discovery.issuer).toBe(sim.issuer);
    expect(discovery.authorization_endpoint).toBe(`${sim.issuer}/api/v2/oauth2/auth/`);
    expect(discovery.token_endpoint).toBe(`${sim.issuer}/api/v2/oauth2/token/`);
    expect(discovery.revocation_endpoint).toBe(`${sim.issuer}/api/v2/oauth2/revoke/`);
    expect(discovery.jwks_uri).toBe(`${sim.issuer}/api/v2/oauth2/jwks/`);
    expect(discovery.id_token_signing_alg_values_supported).toEqual(["ES256"]);
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(["client_secret_basic"]);
    expect(discovery.code_challenge_methods_supported).toContain("S256");
  });

  it("signs a citizen in with PKCE and returns a verifiable ES256 id_token carrying the pid and Thai names", async () => {
    const browser = new Browser(sim.issuer);
    const { verifier, challenge } = pkcePair();
    const state = randomBytes(12).toString("hex");
    const nonce = randomBytes(12).toString("hex");
    const { picker, back } = await signIn(browser, { state, nonce, code_challenge: challenge, code_challenge_method: "S256" });

    expect(picker.status).toBe(200);
    expect(picker.html).toContain("ThaiD (จำลอง สำหรับทดสอบ)");
    for (const c of DEMO_CITIZENS) expect(picker.html).toContain(`<button type="submit">${buttonText(c)}</button>`);
    expect(back.url.searchParams.get("state")).toBe(state);
    const code = back.url.searchParams.get("code");
    expect(code).toBeTruthy();

    const before = Math.floor(Date.now() / 1000);
    const token = await tokenRequest({ code: code!, code_verifier: verifier });
    expect(token.status).toBe(200);
    expect(token.json.access_token).toEqual(expect.any(String));
    expect(token.json.expire_in).toEqual(expect.any(Number));
    expect(token.json.expire_in as number).toBeGreaterThan(before);
    expect(token.json.expire_in as number).toBeLessThanOrEqual(before + 3600 + 5);

    const idToken = String(token.json.id_token);
    expect(decodeProtectedHeader(idToken).alg).toBe("ES256");
    const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(String(discovery.jwks_uri))), {
      issuer: sim.issuer,
      audience: CLIENT.clientId,
    });
    expect(payload).toMatchObject({
      pid: citizen.pid,
      title: citizen.title,
      given_name: citizen.givenName,
      family_name: citizen.familyName,
      name: `${citizen.givenName} ${citizen.familyName}`,
      name_en: citizen.nameEn,
      birthdate: citizen.birthdate,
      nonce,
    });
    expect(payload.sub).toEqual(expect.any(String));
    expect(payload.sub).not.toBe(citizen.pid);
  });

  it("refuses the code at the token endpoint with invalid_grant when the code_verifier is wrong", async () => {
    const { challenge } = pkcePair();
    const { back } = await signIn(new Browser(sim.issuer), { state: "s1", code_challenge: challenge, code_challenge_method: "S256" });
    const token = await tokenRequest({ code: back.url.searchParams.get("code")!, code_verifier: pkcePair().verifier });
    expect(token.status).toBe(400);
    expect(token.json.error).toBe("invalid_grant");
    expect(token.json.id_token).toBeUndefined();
  });

  it("completes the flow without PKCE when the relying party sends no code_challenge", async () => {
    const { back } = await signIn(new Browser(sim.issuer), { state: "no-pkce", nonce: "n-no-pkce" });
    expect(back.url.searchParams.get("state")).toBe("no-pkce");
    const token = await tokenRequest({ code: back.url.searchParams.get("code")! });
    expect(token.status).toBe(200);
    expect(token.json.id_token).toEqual(expect.any(String));
  });

  it("asks who signs in again on the next authorization in the same browser", async () => {
    const browser = new Browser(sim.issuer);
    await signIn(browser, { state: "first" });
    const again = await browser.open(authorizeUrl({ state: "second" }));
    expect(again.url.pathname).toMatch(/^\/interaction\//);
    expect(again.html).toContain(buttonText(citizen));
  });

  it("revokes an access token for a client using HTTP Basic auth and refuses a wrong secret", async () => {
    const { back } = await signIn(new Browser(sim.issuer), { state: "revoke" });
    const token = await tokenRequest({ code: back.url.searchParams.get("code")! });
    const revoke = (secret: string) =>
      fetch(String(discovery.revocation_endpoint), {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${secret}`).toString("base64")}`,
        },
        body: new URLSearchParams({ token: String(token.json.access_token) }),
      });
    expect((await revoke("wrong")).status).toBe(401);
    expect((await revoke(CLIENT.clientSecret)).status).toBe(200);
  });

  it("sends the browser back with error=access_denied and the state when the citizen presses ยกเลิก", async () => {
    const browser = new Browser(sim.issuer);
    const picker = await browser.open(authorizeUrl({ state: "cancel-me" }));
    expect(picker.html).toContain('<button type="submit" class="cancel">ยกเลิก</button>');
    const cancelAction = /<form method="post" action="([^"]+\/cancel)">/.exec(picker.html)![1]!;
    const back = await browser.open(cancelAction, { method: "POST", form: {} });
    expect(`${back.url.origin}${back.url.pathname}`).toBe(REDIRECT_URI);
    expect(back.url.searchParams.get("error")).toBe("access_denied");
    expect(back.url.searchParams.get("state")).toBe("cancel-me");
    expect(back.url.searchParams.get("code")).toBeNull();
  });

  it("shows an error page instead of redirecting to an unregistered redirect_uri", async () => {
    const res = await fetch(authorizeUrl({ state: "x", redirect_uri: "http://127.0.0.1:9/evil" }), { redirect: "manual" });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toContain("redirect_uri");
  });
});
