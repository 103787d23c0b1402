import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { DEMO_CITIZENS } from "../src/db/demo-citizens";
import { createApp } from "../src/app";
import { startNodeHost } from "../src/node";
import { createNodeDb, migrateNodeDb } from "../src/platform/node";
import { upsertApplicant } from "../src/services/applicants";
import { startSession } from "../src/services/auth";
import { pidKeys } from "../src/services/pid-crypto";
const dir = mkdtempSync(join(tmpdir(), "prof-"));
const env = { PORT: "0", HOST: "127.0.0.1", DATABASE_URL: `file:${join(dir, "p.db")}`, FILES_DIR: join(dir, "files"), SESSION_SECRET: randomBytes(32).toString("base64url"), DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
const { db, client } = await createNodeDb(env.DATABASE_URL); await migrateNodeDb(db); client.close();
const host = await startNodeHost({ env, scheduler: false, log: () => {} });
const c = DEMO_CITIZENS[0]!;
const user = await upsertApplicant(host.deps.db, await pidKeys(host.deps.config.dataKey), { pid: c.pid, title: c.title, givenName: c.givenName, familyName: c.familyName, name: null, nameEn: c.nameEn }, host.deps.clock.now(), "127.0.0.1");
const s = await startSession(host.deps.db, host.deps.clock.now(), { userId: user.id, previousToken: null, ip: "127.0.0.1", userAgent: "bench", method: "thaid" });
const app = createApp(host.deps).get("/bench/hello", (x) => x.text("hello"));
const path = process.argv[2] ?? "/bench/hello";
const CONC = Number(process.env.CONC ?? 1);
async function run(n: number) {
  const cpu0 = process.cpuUsage(); const t0 = performance.now();
  await Promise.all(Array.from({ length: CONC }, async () => { for (let i = 0; i < n / CONC; i++) { const r = await app.request(path, { headers: { cookie: `tidtam_s=${s.token}` } }); await r.text(); if (r.status !== 200) throw new Error(String(r.status)); } }));
  const cpu = process.cpuUsage(cpu0); const wall = performance.now() - t0;
  return { wallUs: (wall * 1000) / n, cpuUs: (cpu.user + cpu.system) / n };
}
await run(2000);
const h = monitorEventLoopDelay({ resolution: 1 }); h.enable();
for (let k = 0; k < 3; k++) console.log(path, JSON.stringify(await run(3000)));
h.disable(); console.log("loop delay p99 ms", (h.percentile(99) / 1e6).toFixed(2));
if (process.env.PROFILE) {
  const { Session } = await import("node:inspector/promises"); const { writeFileSync } = await import("node:fs");
  const session = new Session(); session.connect(); await session.post("Profiler.enable"); await session.post("Profiler.setSamplingInterval", { interval: 50 }); await session.post("Profiler.start");
  await run(8000);
  const { profile } = await session.post("Profiler.stop"); writeFileSync(".prof/inproc.cpuprofile", JSON.stringify(profile));
}
await host.close(); process.exit(0);
