/**
 * @module
 * The Workers host: Turso over HTTP, R2 for uploads, a Durable Object per QR
 * sign-in, cron triggers for scheduled jobs. Bindings come only from `env`.
 */
import { createApp, type App } from "./app";
import type { AppDeps } from "./app-env";
import { loadConfig } from "./config";
import { runScheduled, type JobDeps } from "./jobs";
import type { Clock, MailTransport } from "./platform/ports";
import { useHostCrypto } from "./platform/host-crypto";
import { nodeCrypto } from "./platform/node/crypto";
import { createTursoDb } from "./platform/workers/db";
import { createR2FileStore } from "./platform/workers/files";
import { createHttpMailTransport } from "./platform/workers/mail";
import { workersPasswordKdf } from "./platform/workers/password-kdf";
import { createDurableQrStore, QrSessionObject } from "./platform/workers/qr-session-object";
import { durableExportRunner, ExportJobObject } from "./platform/workers/export-job-object";
import { EXPORT_JOB_LIMITS } from "./services/export-jobs";

export { ExportJobObject, QrSessionObject };

// Already the default; named here so each host's entry is where its HostCrypto is chosen.
// workerd's node:crypto (wrangler.toml's nodejs_compat) rather than pure JS: the
// Worker bundle is ~4 KiB gzip smaller without @noble's SHA-256, HMAC, HKDF and AES-GCM.
useHostCrypto(nodeCrypto);

export interface Env {
  TURSO_DATABASE_URL: string;
  TURSO_AUTH_TOKEN?: string;
  SESSION_SECRET: string;
  DATA_ENCRYPTION_KEY: string;
  APP_URL: string;
  APP_ENV?: string;
  MAIL_FROM?: string;
  MAIL_API_URL?: string;
  MAIL_API_KEY?: string;
  FILES: R2Bucket;
  QR_SESSIONS: DurableObjectNamespace<QrSessionObject>;
  EXPORT_JOBS: DurableObjectNamespace<ExportJobObject>;
}

const systemClock: Clock = { now: () => new Date() };

function mailTransport(env: Env): MailTransport | null {
  return env.MAIL_API_URL && env.MAIL_API_KEY ? createHttpMailTransport(env.MAIL_API_URL, env.MAIL_API_KEY) : null;
}

function buildDeps(env: Env): AppDeps {
  return {
    config: loadConfig(env as unknown as Record<string, string | undefined>),
    db: createTursoDb(env.TURSO_DATABASE_URL, env.TURSO_AUTH_TOKEN),
    clock: systemClock,
    files: createR2FileStore(env.FILES),
    mail: mailTransport(env),
    kdf: workersPasswordKdf,
    qr: createDurableQrStore(env.QR_SESSIONS),
    exports: { runner: durableExportRunner(env.EXPORT_JOBS), limits: EXPORT_JOB_LIMITS },
    clientIp: (c) => c.req.header("cf-connecting-ip") ?? "unknown",
    clientPlace(c) {
      const cf = (c.req.raw as Request & { cf?: IncomingRequestCfProperties }).cf;
      const place = [cf?.city, cf?.region, cf?.country].filter(Boolean).join(", ");
      return place || null;
    },
  };
}

function jobDeps(env: Env): JobDeps {
  const deps = buildDeps(env);
  return { db: deps.db, clock: deps.clock, mail: deps.mail, mailFrom: deps.config.mailFrom, appUrl: deps.config.appUrl };
}

// Keyed by the env object so an isolate builds the app once, never from module globals alone.
const apps = new WeakMap<Env, App>();

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    let app = apps.get(env);
    if (!app) {
      app = createApp(buildDeps(env));
      apps.set(env, app);
    }
    return app.fetch(request, env, ctx);
  },

  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    ctx.waitUntil(
      runScheduled(controller.cron, jobDeps(env)).then((result) => {
        if (result.failed.length) throw new Error(`scheduled jobs failed: ${result.failed.join(", ")}`);
      }),
    );
  },
} satisfies ExportedHandler<Env>;
