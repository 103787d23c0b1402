/**
 * @module
 * Scheduled work, keyed by cron expression. Workers runs these from the cron
 * triggers in wrangler.toml, Node from croner with the same expressions (a test
 * proves the two lists match), so both hosts run the same code on the same beat.
 */
import type { Db } from "./db/client";
import type { Clock, MailTransport } from "./platform/ports";
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
}

export interface ScheduledJob {
  cron: string;
  name: string;
  run(deps: JobDeps): Promise<void>;
}

export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  {
    cron: "* * * * *",
    name: "deliver-mail-and-sweep",
    async run(deps) {
      const now = deps.clock.now();
      await deliverDueMail(deps, now);
      await sweepSessions(deps.db, now);
      await sweepRateLimits(deps.db, now);
      await sweepQrSessions(deps.db, now);
      await sweepFormTokens(deps.db, now);
      await sweepParkedForms(deps.db, now);
    },
  },
  {
    // Monday 17:05 UTC = Tuesday 00:05 in Bangkok: launch this Tuesday's batch (and any missed one).
    cron: "5 17 * * 1",
    name: "golive-batch",
    async run(deps) {
      await launchDueServices(deps.db, deps.clock.now(), deps.appUrl);
    },
  },
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
