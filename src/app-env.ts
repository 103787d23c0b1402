/**
 * @module
 * What every request handler can reach: the host's dependencies and who is asking.
 */
import type { Context } from "hono";
import type { AppConfig } from "./config";
import type { Db } from "./db/client";
import type { Clock, FileStore, MailTransport, PasswordKdf, QrSessionStore } from "./platform/ports";
import type { UseCaseContext } from "./services/context";
import type { ExportJobLimits, ExportRunner } from "./services/export-jobs";
import type { SessionUser } from "./services/session";

/** Everything host-specific, built by src/node.ts or src/worker.ts and handed to createApp. */
export interface AppDeps {
  config: AppConfig;
  db: Db;
  clock: Clock;
  files: FileStore;
  /** Null when mail is not configured: mail then waits in the outbox. */
  mail: MailTransport | null;
  kdf: PasswordKdf;
  /** Cross-device ThaiD sign-ins (Node: DB rows; Workers: a Durable Object each). */
  qr: QrSessionStore;
  /** Large exports as background jobs (Node: in-process chunks; Workers: a Durable Object alarm each). */
  exports: { runner: ExportRunner; limits: ExportJobLimits };
  /** The caller's IP as the host sees it (socket on Node, CF-Connecting-IP on Workers). */
  clientIp(c: Context): string;
  /** Approximate place of the caller ("Bangkok, TH") where the host knows it. */
  clientPlace(c: Context): string | null;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    user: SessionUser | null;
    /** Raw session cookie token, for sign-out and rotation. */
    sessionToken: string | null;
    csrfToken: string;
    flash: string | null;
    /** The user of the session cookie sent with this unsafe request, when that session has expired. */
    expiredSessionUser?: string | null;
    /** Form fields parked when the session expired, given back on this page (middleware/parked-forms.tsx). */
    parkedFields?: Record<string, string | string[]> | null;
    /** A multipart body over its upload route's limit, refused before it was read (middleware/uploads.ts). */
    uploadTooLarge?: boolean;
    /** Built on first use by `useCase(c)` (routes/use-case.ts), then reused for the request. */
    useCase: UseCaseContext | undefined;
  };
}

export type AppContext = Context<AppEnv>;
