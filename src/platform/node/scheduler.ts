import { Cron } from "croner";
import { runScheduled, SCHEDULED_JOBS, type JobDeps } from "../../jobs";

/**
 * Runs the same cron expressions as wrangler.toml's triggers, in-process and in
 * UTC like Cloudflare's. `protect` skips a tick while the previous one still runs.
 */
export function startScheduler(deps: JobDeps): { stop(): Promise<void> } {
  const running = new Set<Promise<unknown>>();
  const crons = [...new Set(SCHEDULED_JOBS.map((j) => j.cron))].map(
    (expr) =>
      new Cron(expr, { timezone: "UTC", protect: true }, () => {
        const run: Promise<void> = runScheduled(expr, deps)
          .then(() => undefined)
          .finally(() => running.delete(run));
        running.add(run);
        return run;
      }),
  );
  return {
    async stop() {
      for (const c of crons) c.stop();
      await Promise.allSettled([...running]);
    },
  };
}
