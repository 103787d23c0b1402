/**
 * @module
 * Everything configurable, read once per host from its environment record.
 * Secrets come only from here; nothing else reads the environment.
 */
import { z } from "zod";

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
}

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  APP_ENV: z.string().optional(),
  APP_URL: z.url().default("http://localhost:3000"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters"),
  MAIL_FROM: z.string().default("tidtam <no-reply@tidtam.local>"),
});

export type EnvRecord = Record<string, string | undefined>;

export function loadConfig(env: EnvRecord): AppConfig {
  const e = envSchema.parse(env);
  const production = e.NODE_ENV === "production" || e.APP_ENV === "production";
  const appUrl = new URL(e.APP_URL);
  return {
    production,
    appUrl,
    secureCookies: appUrl.protocol === "https:",
    sessionSecret: e.SESSION_SECRET,
    mailFrom: e.MAIL_FROM,
    devTools: !production,
  };
}
