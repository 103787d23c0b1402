/**
 * @module
 * Scheduled work, keyed by cron expression. Workers runs these from the cron
 * triggers in wrangler.toml, Node from croner with the same expressions (a test
 * proves the two lists match), so both hosts run the same code on the same beat.
 */
import type { Db } from "./db/client";
import type { Clock, FileStore, MailTransport } from "./platform/ports";
import { resumeExportJobs, sweepExportJobs, type ExportRunner } from "./services/export-jobs";
import { sweepFormTokens } from "./services/form-once";
import { launchDueServices } from "./services/onboarding/golive";
import { deliverDueMail } from "./services/mail";
import { sweepParkedForms } from "./services/parked-forms";
import { sweepQrSessions } from "./services/qr-login";
import { sweepRateLimits } from "./services/rate-limit";
import { sweepSessions } from "./services/session";

export interface JobDeps {
  db: Db;
  clock: Clock;
  mail: MailTransport | null;
  mailFrom: string;
  appUrl: URL;
  /** Background exports: stalled ones are started again, expired ones lose their files. */
  exports?: { files: FileStore; runner: ExportRunner };
}

export interface ScheduledJob {
  cron: string;
  name: string;
  run(deps: JobDeps): Promise<void>;
}

/**
 * Cloudflare's free plan gives a Worker 50 subrequests per invocation; each database round
 * trip (HTTP to Turso) and each mail handed to the mail API is one. Every run stays well
 * under it, leaving room for retries, and what does not fit waits for the next run.
 * test/workers/subrequests.test.ts counts them in workerd.
 */
export const SUBREQUEST_BUDGET = 50;
/** 1 lease + 2 per mail (send, mark) + 6 sweeps = 37 (as counted). */
export const MAIL_PER_RUN = 15;
/** 1 query + 7 round trips per launch (one interactive transaction) = 36 (as counted). */
export const LAUNCHES_PER_RUN = 5;
/** Tuesday 00:05 Bangkok starts the go-live batch; each minute up to 00:59 takes what did not fit. */
export const GOLIVE_CRON = "5 17 * * 1";
export const GOLIVE_CONTINUE_CRON = "6-59 17 * * 1";

async function launchBatch(deps: JobDeps): Promise<void> {
  await launchDueServices(deps.db, deps.clock.now(), deps.appUrl, LAUNCHES_PER_RUN);
}

export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  {
    cron: "* * * * *",
    name: "deliver-mail-and-sweep",
    async run(deps) {
      const now = deps.clock.now();
      await deliverDueMail(deps, now, MAIL_PER_RUN);
      await sweepSessions(deps.db, now);
      await sweepRateLimits(deps.db, now);
      await sweepQrSessions(deps.db, now);
      await sweepFormTokens(deps.db, now);
      await sweepParkedForms(deps.db, now);
      if (deps.exports) {
        await sweepExportJobs(deps.db, deps.exports.files, now);
        await resumeExportJobs(deps.db, deps.exports.runner, now);
      }
    },
  },
  // Monday 17:05 UTC = Tuesday 00:05 in Bangkok: launch this Tuesday's batch (and any missed one).
  { cron: GOLIVE_CRON, name: "golive-batch", run: launchBatch },
  // A run at a time, so no run outgrows its subrequests: a batch of up to 55 × LAUNCHES_PER_RUN by 00:59.
  { cron: GOLIVE_CONTINUE_CRON, name: "golive-batch-continued", run: launchBatch },
];

/** Runs every job registered for `cron`; one failing job does not stop the others. */
export async function runScheduled(cron: string, deps: JobDeps): Promise<{ ran: string[]; failed: string[] }> {
  const ran: string[] = [];
  const failed: string[] = [];
  for (const job of SCHEDULED_JOBS.filter((j) => j.cron === cron)) {
    try {
      await job.run(deps);
      ran.push(job.name);
    } catch (error) {
      console.error(`job ${job.name} failed`, error);
      failed.push(job.name);
    }
  }
  return { ran, failed };
}
