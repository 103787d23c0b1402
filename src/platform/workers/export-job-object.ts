import { DurableObject } from "cloudflare:workers";
import {
  EXPIRED_KEPT_MS,
  EXPORT_JOB_LIMITS,
  expireExportJob,
  exportJobById,
  purgeExportJob,
  runExportChunk,
  type ExportJobDeps,
  type ExportRunner,
} from "../../services/export-jobs";
import { pidKeys } from "../../services/pid-crypto";
import { createTursoDb } from "./db";
import { createR2FileStore } from "./files";

/** The bindings a job needs (a subset of src/worker.ts's Env). */
export interface ExportJobEnv {
  TURSO_DATABASE_URL: string;
  TURSO_AUTH_TOKEN?: string;
  DATA_ENCRYPTION_KEY: string;
  FILES: R2Bucket;
}

type Phase = "write" | "expire" | "purge";

/**
 * One Durable Object per background export: each alarm invocation writes one chunk
 * (≈ 0.3 s of CPU as measured on Node, 14 subrequests: see EXPORT_JOB_LIMITS) and sets the next alarm
 * at once, so no invocation comes near the CPU or subrequest limits however large
 * the file. When the file is done the alarm moves to its expiry (delete the parts,
 * mark the row expired), then a month on (delete the row). A thrown alarm is retried
 * by the runtime; a chunk that died keeps its lease until it lapses ("busy" → later).
 */
export class ExportJobObject extends DurableObject<ExportJobEnv> {
  async start(jobId: string): Promise<void> {
    await this.ctx.storage.put({ job: jobId, phase: "write" satisfies Phase });
    await this.ctx.storage.setAlarm(Date.now());
  }

  private deps(): ExportJobDeps {
    return {
      db: createTursoDb(this.env.TURSO_DATABASE_URL, this.env.TURSO_AUTH_TOKEN),
      files: createR2FileStore(this.env.FILES),
      clock: { now: () => new Date() },
      keys: () => pidKeys(this.env.DATA_ENCRYPTION_KEY),
      limits: EXPORT_JOB_LIMITS,
    };
  }

  override async alarm(): Promise<void> {
    const jobId = await this.ctx.storage.get<string>("job");
    const phase = await this.ctx.storage.get<Phase>("phase");
    if (!jobId) return;
    const deps = this.deps();
    if (phase === "purge") {
      await purgeExportJob(deps.db, jobId);
      await this.ctx.storage.deleteAll();
      return;
    }
    if (phase === "expire") {
      const job = await exportJobById(deps.db, jobId);
      if (job) await expireExportJob(deps.db, deps.files, job);
      await this.ctx.storage.put("phase", "purge" satisfies Phase);
      await this.ctx.storage.setAlarm(Date.now() + EXPIRED_KEPT_MS);
      return;
    }
    const outcome = await runExportChunk(deps, jobId);
    if (outcome === "more") return this.ctx.storage.setAlarm(Date.now());
    if (outcome === "busy") return this.ctx.storage.setAlarm(Date.now() + 30_000);
    const job = await exportJobById(deps.db, jobId);
    if (!job) return this.ctx.storage.deleteAll();
    await this.ctx.storage.put("phase", "expire" satisfies Phase);
    await this.ctx.storage.setAlarm(job.expiresAt.getTime());
  }
}

/** The export runner on Workers: the job id names its object. */
export function durableExportRunner(ns: DurableObjectNamespace<ExportJobObject>): ExportRunner {
  return {
    async start(jobId) {
      await ns.get(ns.idFromName(jobId)).start(jobId);
    },
  };
}
