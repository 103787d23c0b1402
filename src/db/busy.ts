/**
 * @module
 * SQLite has one writer. When another one holds the write lock (a request of
 * another isolate on Turso, a backup or `sqlite3` shell beside the Node host),
 * a write fails with SQLITE_BUSY. Here it is retried with bounded, jittered
 * backoff, waiting in JavaScript so the event loop keeps serving; past the
 * deadline it becomes a `DatabaseBusyError`, which the app answers with 503 and
 * `Retry-After` (middleware/busy.tsx) keeping what the user typed.
 *
 * Retrying is safe because SQLITE_BUSY means nothing was committed: a retried
 * transaction re-runs its whole callback from a clean start, so callbacks must
 * keep their side effects inside the transaction (files are stored before it
 * and deleted after it; mail goes through outbox rows).
 */

/** How long a write keeps trying before the user is told to send again. */
export const BUSY_DEADLINE_MS = 3_000;
/** The `Retry-After` of the 503 answered past the deadline, in seconds. */
export const BUSY_RETRY_AFTER_S = 5;

const FIRST_DELAY_MS = 10;
const MAX_DELAY_MS = 250;

/** The write lock stayed taken past the deadline. */
export class DatabaseBusyError extends Error {
  constructor(cause: unknown, readonly attempts: number) {
    super(`database busy: gave up after ${attempts} attempts`, { cause });
    this.name = "DatabaseBusyError";
  }
}

/**
 * SQLITE_BUSY from any layer: the embedded driver, a Hrana server's error
 * code, or either of them wrapped by drizzle (`DrizzleQueryError.cause`).
 */
export function isBusyError(e: unknown): boolean {
  for (let err = e, depth = 0; err && depth < 5; err = (err as { cause?: unknown }).cause, depth++) {
    if (err instanceof DatabaseBusyError) return true;
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("SQLITE_BUSY")) return true;
    const message = (err as { message?: unknown }).message;
    if (typeof message === "string" && /SQLITE_BUSY|database is locked/i.test(message)) return true;
  }
  return false;
}

export interface BusyPolicy {
  deadlineMs: number;
  /** Defaults to `setTimeout`: the wait must let other requests run. */
  sleep?: (ms: number) => Promise<void>;
  /** Real elapsed time, never the app's (test-controlled) clock. */
  now?: () => number;
  random?: () => number;
}

const DEFAULT_POLICY: BusyPolicy = { deadlineMs: BUSY_DEADLINE_MS };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work`, again after a jittered pause each time it fails with SQLITE_BUSY
 * ("full jitter": a random wait up to a doubling cap, so a crowd of writers
 * spreads out instead of retrying in step), until `deadlineMs` has passed since
 * the first attempt. Any other error is thrown at once.
 */
export async function retryOnBusy<T>(work: () => Promise<T>, policy: BusyPolicy = DEFAULT_POLICY): Promise<T> {
  const now = policy.now ?? (() => performance.now());
  const wait = policy.sleep ?? sleep;
  const random = policy.random ?? Math.random;
  const start = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (!isBusyError(e) || e instanceof DatabaseBusyError) throw e;
      const left = policy.deadlineMs - (now() - start);
      if (left <= 0) throw new DatabaseBusyError(e, attempt);
      const cap = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (attempt - 1));
      await wait(Math.min(left, Math.max(1, Math.round(random() * cap))));
    }
  }
}
