// ThaiD simulator — a dev/test stand-in for DOPA's ThaiD OpenID Provider, never production.
// A real OpenID Provider (oidc-provider) bent into ThaiD's shape: its endpoint paths (trailing
// slashes), ES256 id_tokens that carry the citizen claims, client_secret_basic, optional PKCE and
// the `expire_in` token-response quirk. Sign-in is one click on a demo citizen.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash, randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair } from "jose";
import { DEMO_CITIZENS, type DemoCitizen } from "../src/db/demo-citizens";

export interface ThaidSimulatorClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface ThaidSimulator {
  issuer: string;
  close(): Promise<void>;
}

const PAGE_TITLE = "ThaiD (จำลอง สำหรับทดสอบ)";
/** ThaiD's scopes are claim names, one claim each. */
const CLAIM_SCOPES = ["pid", "given_name", "family_name", "name", "name_en", "title", "birthdate", "email"] as const;

// oidc-provider 8 ships no TypeScript types; these describe the small part of it used here.
interface KoaContext {
  status: number;
  body: unknown;
  type: string;
  oidc?: { route?: string; result?: { login?: unknown } };
}
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
type Account = { accountId: string; claims(): Promise<Record<string, string>> };
type Grant = { addOIDCScope(scope: string): void; save(): Promise<string> };
interface InteractionDetails {
  uid: string;
  prompt: { name: string };
  params: Record<string, unknown>;
  session?: { accountId?: string };
}
type InteractionResult =
  | { login?: { accountId: string }; consent?: { grantId: string } }
  | { error: string; error_description?: string };
type Req = IncomingMessage;
type Res = ServerResponse;
interface OidcProvider {
  callback(): (req: Req, res: Res) => void;
  use(middleware: Middleware): void;
  interactionDetails(req: Req, res: Res): Promise<InteractionDetails>;
  interactionFinished(req: Req, res: Res, result: InteractionResult, opts: { mergeWithLastSubmission: boolean }): Promise<void>;
  Grant: new (init: { accountId: string; clientId: string }) => Grant;
}
interface OidcProviderModule {
  default: new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;
  interactionPolicy: {
    base(): { get(name: string): { checks: { add(check: object): void } } } & unknown[];
    Check: new (reason: string, description: string, error: string, check: (ctx: KoaContext) => boolean) => object;
  };
}

async function loadOidcProvider(): Promise<OidcProviderModule> {
  // A non-literal specifier keeps tsc from looking for the type declarations the package lacks.
  const specifier = "oidc-provider";
  return (await import(specifier)) as OidcProviderModule;
}

/** Stable across restarts (so a dev RP's stored `sub` keeps matching) yet not the pid itself. */
function subjectFor(pid: string): string {
  return createHash("sha256").update(`thaid-simulator:${pid}`).digest("base64url").slice(0, 24);
}

function claimsOf(sub: string, c: DemoCitizen): Record<string, string> {
  return {
    sub,
    pid: c.pid,
    title: c.title,
    given_name: c.givenName,
    family_name: c.familyName,
    name: `${c.givenName} ${c.familyName}`,
    name_en: c.nameEn,
    birthdate: c.birthdate,
    ...(c.email ? { email: c.email } : {}),
  };
}

export async function startThaidSimulator(opts: {
  port?: number;
  host?: string;
  clients: ThaidSimulatorClient[];
  citizens?: readonly DemoCitizen[];
}): Promise<ThaidSimulator> {
  if (process.env.NODE_ENV === "production") {
    throw new Error("The ThaiD simulator is a dev/test stand-in and must never run in production.");
  }
  const host = opts.host ?? "127.0.0.1";
  const citizens = new Map((opts.citizens ?? DEMO_CITIZENS).map((c) => [subjectFor(c.pid), c]));
  const { default: Provider, interactionPolicy } = await loadOidcProvider();

  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  // Only a P-256 key in the set, so nothing but ES256 can be signed, like ThaiD's id_tokens.
  const kid = `thaid-sim-${randomBytes(6).toString("hex")}`;
  const signingKey = { ...(await exportJWK(privateKey)), kid, use: "sig", alg: "ES256" };

  // The issuer must carry the real port, so listen first (port 0 works) and attach handlers after.
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  // ThaiD asks who signs in on every authorization, so a dev can switch citizens without clearing cookies.
  const policy = interactionPolicy.base();
  const pickCitizen = new interactionPolicy.Check(
    "thaid_pick_citizen", "ThaiD always asks who signs in", "login_required", (ctx) => !ctx.oidc?.result?.login,
  );
  policy.get("login").checks.add(pickCitizen);

  const provider = new Provider(issuer, {
    clients: opts.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      // http redirect URIs are fine for "web" clients with the code flow; only implicit forbids them.
      redirect_uris: c.redirectUris,
      application_type: "web",
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
      id_token_signed_response_alg: "ES256",
    })),
    clientDefaults: { id_token_signed_response_alg: "ES256", token_endpoint_auth_method: "client_secret_basic" },
    clientAuthMethods: ["client_secret_basic"],
    jwks: { keys: [signingKey] },
    enabledJWA: { idTokenSigningAlgValues: ["ES256"] },
    responseTypes: ["code"],
    scopes: ["openid"],
    claims: { openid: ["sub"], ...Object.fromEntries(CLAIM_SCOPES.map((claim) => [claim, [claim]])) },
    // The relying party reads `pid` from the verified id_token, as with the real ThaiD.
    conformIdTokenClaims: false,
    pkce: { methods: ["S256"], required: () => false },
    routes: {
      authorization: "/api/v2/oauth2/auth/",
      token: "/api/v2/oauth2/token/",
      revocation: "/api/v2/oauth2/revoke/",
      jwks: "/api/v2/oauth2/jwks/",
    },
    // Only what ThaiD offers: the RP gets everything from the id_token, so no userinfo, PAR or logout.
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      resourceIndicators: { enabled: false },
    },
    interactions: { policy, url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString("base64url"), randomBytes(32).toString("base64url")] },
    // Fixed numbers instead of the default functions, which log a "you SHOULD change" notice.
    ttl: { AccessToken: 3600, AuthorizationCode: 120, IdToken: 3600, Interaction: 900, Session: 3600, Grant: 3600 },
    clientBasedCORS: () => false,
    findAccount: (_ctx: unknown, sub: string): Account | undefined => {
      const citizen = citizens.get(sub);
      return citizen && { accountId: sub, claims: async () => claimsOf(sub, citizen) };
    },
    renderError: async (ctx: KoaContext, out: Record<string, string>) => {
      ctx.type = "html";
      ctx.body = page(
        "เกิดข้อผิดพลาด",
        Object.entries(out).map(([k, v]) => `<p><strong>${esc(k)}</strong>: ${esc(v)}</p>`).join(""),
      );
    },
  });

  // ThaiD quirk: besides `expires_in` it reports `expire_in`, the Unix time the access token expires.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body;
    if (ctx.oidc?.route === "token" && ctx.status === 200 && isRecord(body) && typeof body.expires_in === "number") {
      body.expire_in = Math.floor(Date.now() / 1000) + body.expires_in;
    }
  });

  const oidc = provider.callback();
  server.on("request", (req: Req, res: Res) => {
    const path = new URL(req.url ?? "/", issuer).pathname;
    const match = /^\/interaction\/([\w-]+)(?:\/(login|cancel))?$/.exec(path);
    if (!match) return oidc(req, res);
    handleInteraction(provider, citizens, req, res, match[1]!, match[2]).catch((error: unknown) => {
      const status = errorStatus(error);
      if (status >= 500) console.error("ThaiD simulator interaction failed", error);
      if (res.headersSent) return res.end();
      send(res, status, page("เกิดข้อผิดพลาด", "<p>คำขอเข้าสู่ระบบหมดอายุหรือไม่ถูกต้อง กรุณาเริ่มต้นใหม่จากระบบที่ใช้งาน</p>"));
    });
  });

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handleInteraction(
  provider: OidcProvider, citizens: ReadonlyMap<string, DemoCitizen>, req: Req, res: Res, uid: string, action?: string,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page("เกิดข้อผิดพลาด", "<p>ไม่พบคำขอเข้าสู่ระบบนี้</p>"));
  const clientId = String(details.params.client_id);
  const scope = typeof details.params.scope === "string" ? details.params.scope : "openid";
  // Consent is implied, as ThaiD's own screen does not ask per scope: one click grants what was requested.
  const finish = async (accountId: string) => {
    const grant = new provider.Grant({ accountId, clientId });
    grant.addOIDCScope(scope);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  };

  if (req.method === "GET" && !action) {
    const accountId = details.session?.accountId;
    if (details.prompt.name === "consent" && accountId) return finish(accountId);
    return send(res, 200, interactionPage(uid, clientId, scope, citizens));
  }
  if (req.method !== "POST" || !action) return send(res, 405, page("เกิดข้อผิดพลาด", "<p>ไม่รองรับคำขอนี้</p>"));

  if (action === "cancel") {
    const result = { error: "access_denied", error_description: "End-User cancelled the ThaiD sign-in" };
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }
  const pid = (await readForm(req)).get("pid");
  const entry = [...citizens].find(([, c]) => c.pid === pid);
  if (!entry) return send(res, 400, page("เกิดข้อผิดพลาด", "<p>ไม่พบผู้ใช้ที่เลือก</p>"));
  return finish(entry[0]);
}

function interactionPage(uid: string, clientId: string, scope: string, citizens: ReadonlyMap<string, DemoCitizen>): string {
  const base = `/interaction/${encodeURIComponent(uid)}`;
  const rows = [...citizens.values()].map(
    (c) => `<li><form method="post" action="${esc(base)}/login">
<input type="hidden" name="pid" value="${esc(c.pid)}">
<button type="submit">${esc(`เข้าสู่ระบบเป็น ${c.title}${c.givenName} ${c.familyName}`)}</button>
</form><small>เลขประจำตัวประชาชน ${esc(c.pid)} · ${esc(c.nameEn)}</small></li>`,
  );
  return page(
    PAGE_TITLE,
    `<p>ระบบจำลองสำหรับการพัฒนาและทดสอบเท่านั้น ไม่ใช่ ThaiD ของกรมการปกครอง</p>
<p>แอปพลิเคชัน <strong>${esc(clientId)}</strong> ขอข้อมูล: <code>${esc(scope)}</code></p>
<ul>${rows.join("\n")}</ul>
<form method="post" action="${esc(base)}/cancel"><button type="submit" class="cancel">ยกเลิก</button></form>`,
  );
}

function page(heading: string, body: string): string {
  return `<!doctype html>
<html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(PAGE_TITLE)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;line-height:1.6}
ul{list-style:none;padding:0}li{margin:0 0 1rem}button{font:inherit;padding:.5rem 1rem;cursor:pointer}
small{display:block;color:#555}.cancel{background:none;border:1px solid #999}</style>
</head><body><main><h1>${esc(heading)}</h1>
${body}
</main></body></html>`;
}

function send(res: Res, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-frame-options": "DENY" });
  res.end(html);
}

async function readForm(req: Req): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16_384) throw Object.assign(new Error("form too large"), { status: 413 });
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function errorStatus(error: unknown): number {
  const status = isRecord(error) ? (error.status ?? error.statusCode) : undefined;
  return typeof status === "number" && status >= 400 && status < 600 ? status : 500;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function esc(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
