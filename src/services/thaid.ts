/**
 * @module
 * ThaiD (DOPA) OpenID Connect, the one place that knows its quirks. Arctic's
 * OAuth2Client builds the authorization URL and exchanges the code (the product
 * owner's choice; upstream froze it, so it stays behind this module); `jose`
 * verifies the ES256 id_token before its `pid` is trusted.
 */
import { CodeChallengeMethod, OAuth2Client, OAuth2RequestError, OAuth2Tokens } from "arctic";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import type { ThaidConfig } from "../config";
import { isValidThaiId } from "../domain/thai-id";
import { randomToken } from "./crypto";

export interface ThaidIdentity {
  pid: string;
  title: string | null;
  givenName: string | null;
  familyName: string | null;
  name: string | null;
  nameEn: string | null;
}

/** Every way the exchange can fail; the message is for logs, never shown to users. */
export class ThaidError extends Error {}

export function newOidcSecrets(pkce: boolean) {
  return { state: randomToken(24), nonce: randomToken(24), codeVerifier: pkce ? randomToken(32) : null };
}

export function thaidAuthorizationUrl(
  cfg: ThaidConfig,
  secrets: { state: string; nonce: string; codeVerifier: string | null },
): URL {
  const client = new OAuth2Client(cfg.clientId, cfg.clientSecret, cfg.redirectUri);
  const url = secrets.codeVerifier
    ? client.createAuthorizationURLWithPKCE(cfg.authorizeUrl, secrets.state, CodeChallengeMethod.S256, secrets.codeVerifier, cfg.scopes)
    : client.createAuthorizationURL(cfg.authorizeUrl, secrets.state, cfg.scopes);
  url.searchParams.set("nonce", secrets.nonce);
  return url;
}

/** Exchanges the code (HTTP Basic client auth), verifies the id_token and returns who signed in. */
export async function exchangeThaidCode(
  cfg: ThaidConfig,
  input: { code: string; codeVerifier: string | null; nonce: string },
): Promise<ThaidIdentity> {
  let tokens: OAuth2Tokens;
  try {
    tokens = cfg.apiKey ? await tokenRequestWithApiKey(cfg, input) : await arcticExchange(cfg, input);
  } catch (error) {
    if (error instanceof OAuth2RequestError) throw new ThaidError(`token endpoint refused: ${error.code}`);
    throw new ThaidError(`token request failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const data = tokens.data as Record<string, unknown>;
  const idToken = typeof data.id_token === "string" ? data.id_token : null;
  if (!idToken) throw new ThaidError("no id_token in the token response");

  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(idToken, await jwks(cfg), {
      issuer: cfg.issuer,
      audience: cfg.clientId,
      algorithms: ["ES256", "RS256"],
    }));
  } catch (error) {
    throw new ThaidError(`id_token rejected: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (claims.nonce !== input.nonce) throw new ThaidError("id_token nonce mismatch");
  const pid = typeof claims.pid === "string" ? claims.pid : null;
  if (!pid || !isValidThaiId(pid)) throw new ThaidError("id_token has no valid pid");

  // ThaiD reports expiry as `expire_in`, a Unix time; we keep no token, so revoke it at once.
  void revoke(cfg, typeof data.access_token === "string" ? data.access_token : null);
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
  return {
    pid,
    title: str(claims.title),
    givenName: str(claims.given_name),
    familyName: str(claims.family_name),
    name: str(claims.name),
    nameEn: str(claims.name_en),
  };
}

function arcticExchange(cfg: ThaidConfig, input: { code: string; codeVerifier: string | null }) {
  const client = new OAuth2Client(cfg.clientId, cfg.clientSecret, cfg.redirectUri);
  return client.validateAuthorizationCode(cfg.tokenUrl, input.code, input.codeVerifier);
}

/** Arctic cannot add headers; when DOPA wants an API key the same request is sent by hand. */
async function tokenRequestWithApiKey(cfg: ThaidConfig, input: { code: string; codeVerifier: string | null }) {
  const body = new URLSearchParams({ grant_type: "authorization_code", code: input.code, redirect_uri: cfg.redirectUri });
  if (input.codeVerifier) body.set("code_verifier", input.codeVerifier);
  const res = await fetch(cfg.tokenUrl, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
      authorization: `Basic ${btoa(`${encodeURIComponent(cfg.clientId)}:${encodeURIComponent(cfg.clientSecret)}`)}`,
      [cfg.apiKey!.header]: cfg.apiKey!.value,
    },
    body,
  });
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok || !json) throw new ThaidError(`token endpoint answered ${res.status}`);
  return new OAuth2Tokens(json);
}

async function revoke(cfg: ThaidConfig, token: string | null): Promise<void> {
  if (!token) return;
  const client = new OAuth2Client(cfg.clientId, cfg.clientSecret, cfg.redirectUri);
  await client.revokeToken(cfg.revokeUrl, token).catch(() => undefined);
}

// Key sets cache their keys and refetch on an unknown kid, so one per URL is the intent.
const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** The key set from THAID_JWKS_URL, or from the issuer's discovery document. */
async function jwks(cfg: ThaidConfig) {
  const cacheKey = cfg.jwksUrl ?? `discovery:${cfg.issuer}`;
  let set = jwksCache.get(cacheKey);
  if (!set) {
    let url = cfg.jwksUrl;
    if (!url) {
      const res = await fetch(`${cfg.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`);
      const doc = (await res.json()) as { jwks_uri?: string };
      if (!doc.jwks_uri) throw new ThaidError("discovery has no jwks_uri");
      url = doc.jwks_uri;
    }
    set = createRemoteJWKSet(new URL(url));
    jwksCache.set(cacheKey, set);
  }
  return set;
}
