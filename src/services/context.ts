/**
 * @module
 * The one seam between a request (or a scheduled job) and a use case. Every use
 * case takes this context first, so none of them reaches for the host, the
 * request or the clock on its own, and a test builds one in a line.
 */
import type { Db } from "../db/client";
import type { Role } from "../domain/roles";
import type { Clock, FileStore } from "../platform/ports";
import type { SessionUser } from "./session";
import { pidKeys, type PidKeys } from "./pid-crypto";

/** Who is acting: a signed-in user, or the system (scheduled jobs) with no user. */
export interface Actor {
  user: SessionUser | null;
  /** Null for the system; kept in audit events. */
  ip: string | null;
}

export interface UseCaseContext {
  db: Db;
  clock: Clock;
  /** Uploaded files: written before the row that names them, deleted only after the change commits. */
  files: FileStore;
  actor: Actor;
  /** The public origin, for links in mail. */
  appUrl: URL;
  /** National-ID keys (derived once per process; a promise so contexts stay cheap to build). */
  keys(): Promise<PidKeys>;
}

export interface ContextInput {
  db: Db;
  clock: Clock;
  files: FileStore;
  appUrl: URL;
  dataKey: string;
  user: SessionUser | null;
  ip: string | null;
}

/** Built once per request by the app's middleware, or by a job with `user: null`. */
export function useCaseContext(input: ContextInput): UseCaseContext {
  return {
    db: input.db,
    clock: input.clock,
    files: input.files,
    appUrl: input.appUrl,
    actor: { user: input.user, ip: input.ip },
    keys: () => pidKeys(input.dataKey),
  };
}

/** The acting user's id for audit events (null for the system). */
export function actorId(ctx: UseCaseContext): string | null {
  return ctx.actor.user?.id ?? null;
}

/** The acting user's role, or null for the system. */
export function actorRole(ctx: UseCaseContext): Role | null {
  return ctx.actor.user?.role ?? null;
}
