/**
 * @module
 * Everything configurable, read once per host from its environment record.
 * Secrets come only from here; nothing else reads the environment.
 */
import * as z from "zod/mini";
// zod/mini loads no locale; English (the one file of it) keeps a bad setting's message readable.
import en from "zod/v4/locales/en.js";

export interface AppConfig {
  production: boolean;
  /** Public origin: checked against Origin on unsafe requests, used in mailed links. */
  appUrl: URL;
  /** Secure cookies need https; a plain-http dev server would never get them back. */
  secureCookies: boolean;
  /** Key material for CSRF tokens and other HMACs (≥ 32 characters). */
  sessionSecret: string;
  mailFrom: string;
  /** Developer pages such as /dev/mail (outbox viewer). Never on in production. */
  devTools: boolean;
  /** 32-byte key (base64) from which the national-ID encryption and lookup keys are derived. */
  dataKey: string;
  /** How long a cross-device QR sign-in stays open. */
  qrTtlSeconds: number;
  /** Links to the icon and screenshot guideline documents shown in step 5. */
  templates: { icon: string | null; screenshots: string | null };
  /** ThaiD (DOPA) OpenID Connect; null when not configured (sign-in with ThaiD is then hidden). */
  thaid: ThaidConfig | null;
}

export interface ThaidConfig {
  issuer: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  /** Null: read `jwks_uri` from the issuer's discovery document. */
  jwksUrl: string | null;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string[];
  /** PKCE S256; switchable off in case the sandbox rejects it. */
  pkce: boolean;
  apiKey: { header: string; value: string } | null;
}

const envSchema = z.object({
  NODE_ENV: z.optional(z.string()),
  APP_ENV: z.optional(z.string()),
  APP_URL: z._default(z.url(), "http://localhost:3000"),
  SESSION_SECRET: z.string().check(z.minLength(32, "SESSION_SECRET must be at least 32 characters")),
  MAIL_FROM: z._default(z.string(), "tidtam <no-reply@tidtam.local>"),
  DATA_ENCRYPTION_KEY: z
    .string()
    .check(z.refine((v) => base64Length(v) === 32, "DATA_ENCRYPTION_KEY must be 32 bytes, base64-encoded")),
  QR_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(5), z.lte(900)), 120),
  ICON_TEMPLATE_URL: z.optional(z.url()),
  SCREENSHOT_TEMPLATE_URL: z.optional(z.url()),
  THAID_ISSUER: z.optional(z.url()),
  THAID_AUTHORIZE_URL: z.optional(z.url()),
  THAID_TOKEN_URL: z.optional(z.url()),
  THAID_REVOKE_URL: z.optional(z.url()),
  THAID_JWKS_URL: z.optional(z.url()),
  THAID_CLIENT_ID: z.optional(z.string()),
  THAID_CLIENT_SECRET: z.optional(z.string()),
  THAID_REDIRECT_URI: z.optional(z.url()),
  THAID_SCOPES: z._default(z.string(), "openid pid given_name family_name name name_en title birthdate"),
  THAID_PKCE: z._default(z.enum(["true", "false"]), "true"),
  THAID_API_KEY_HEADER: z.optional(z.string()),
  THAID_API_KEY: z.optional(z.string()),
});

/** A setting a production deployment must provide; `secret` ones go in `wrangler secret put`, never in a file. */
export interface RequiredSetting {
  key: string;
  secret: boolean;
}

const SECRET_KEYS = new Set(["SESSION_SECRET", "DATA_ENCRYPTION_KEY", "THAID_CLIENT_SECRET", "TURSO_AUTH_TOKEN", "MAIL_API_KEY"]);
/** Unset, these give development behaviour (/dev pages, a localhost origin, a `.local` sender, no ThaiD). */
const DEV_DEFAULTED = ["APP_ENV", "APP_URL", "MAIL_FROM", "THAID_ISSUER", "THAID_CLIENT_ID", "THAID_CLIENT_SECRET"];
/** Read by the Workers host itself (src/worker.ts), outside this schema: the database and the mail API. */
const WORKER_HOST_KEYS = ["TURSO_DATABASE_URL", "TURSO_AUTH_TOKEN", "MAIL_API_URL", "MAIL_API_KEY"];

/**
 * Every setting the Worker needs in production: the schema's keys that have no default (derived,
 * so a new required key is listed by itself), those whose default is for development only, and
 * the host's own. test/node/deploy-config.test.ts checks README's deploy section and wrangler.toml against it.
 */
export function productionSettings(): RequiredSetting[] {
  const undefaulted = Object.entries(envSchema.shape)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([key]) => key);
  return [...new Set([...undefaulted, ...DEV_DEFAULTED, ...WORKER_HOST_KEYS])].map((key) => ({ key, secret: SECRET_KEYS.has(key) }));
}

function base64Length(value: string): number {
  try {
    return atob(value.replace(/-/g, "+").replace(/_/g, "/")).length;
  } catch {
    return -1;
  }
}

export type EnvRecord = Record<string, string | undefined>;

export function loadConfig(env: EnvRecord): AppConfig {
  const parsed = envSchema.safeParse(env, { error: en().localeError });
  // Thrown as classic zod threw it (zod/mini's is named "$ZodError"), so logs read as before.
  if (!parsed.success) throw Object.assign(parsed.error, { name: "ZodError" });
  const e = parsed.data;
  const production = e.NODE_ENV === "production" || e.APP_ENV === "production";
  const appUrl = new URL(e.APP_URL);
  return {
    production,
    appUrl,
    secureCookies: appUrl.protocol === "https:",
    sessionSecret: e.SESSION_SECRET,
    mailFrom: e.MAIL_FROM,
    devTools: !production,
    dataKey: e.DATA_ENCRYPTION_KEY,
    qrTtlSeconds: e.QR_TTL_SECONDS,
    templates: { icon: e.ICON_TEMPLATE_URL ?? null, screenshots: e.SCREENSHOT_TEMPLATE_URL ?? null },
    thaid: thaidConfig(e, appUrl),
  };
}

/** ThaiD endpoints default to DOPA's paths under the issuer (trailing slashes included). */
function thaidConfig(e: z.infer<typeof envSchema>, appUrl: URL): ThaidConfig | null {
  if (!e.THAID_ISSUER || !e.THAID_CLIENT_ID || !e.THAID_CLIENT_SECRET) return null;
  const base = e.THAID_ISSUER.replace(/\/$/, "");
  return {
    issuer: e.THAID_ISSUER,
    authorizeUrl: e.THAID_AUTHORIZE_URL ?? `${base}/api/v2/oauth2/auth/`,
    tokenUrl: e.THAID_TOKEN_URL ?? `${base}/api/v2/oauth2/token/`,
    revokeUrl: e.THAID_REVOKE_URL ?? `${base}/api/v2/oauth2/revoke/`,
    jwksUrl: e.THAID_JWKS_URL ?? null,
    clientId: e.THAID_CLIENT_ID,
    clientSecret: e.THAID_CLIENT_SECRET,
    redirectUri: e.THAID_REDIRECT_URI ?? new URL("/auth/thaid/callback", appUrl).toString(),
    scopes: e.THAID_SCOPES.split(/\s+/).filter(Boolean),
    pkce: e.THAID_PKCE === "true",
    apiKey: e.THAID_API_KEY_HEADER && e.THAID_API_KEY ? { header: e.THAID_API_KEY_HEADER, value: e.THAID_API_KEY } : null,
  };
}
