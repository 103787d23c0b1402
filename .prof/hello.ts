import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session } from "node:inspector/promises";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { DEMO_CITIZENS } from "../src/db/demo-citizens";
import { createApp } from "../src/app";
import { startNodeHost } from "../src/node";
import { createNodeDb, migrateNodeDb } from "../src/platform/node";
import { upsertApplicant } from "../src/services/applicants";
import { startSession } from "../src/services/auth";
import { pidKeys } from "../src/services/pid-crypto";
import { runLoad, type LoadOptions } from "../scripts/load-generator";

if (process.argv[2] === "child") {
  process.on("message", (o: LoadOptions) => { runLoad(o, (phase) => process.send!({ phase })).then((r) => { process.send!({ phase: "done", r }); }); });
} else {
  const which = process.argv[2] ?? "floor";
  const path = process.argv[3] ?? "/bench/hello";
  const dir = mkdtempSync(join(tmpdir(), "prof-"));
  const env = { PORT: "0", HOST: "127.0.0.1", DATABASE_URL: `file:${join(dir, "p.db")}`, FILES_DIR: join(dir, "files"), SESSION_SECRET: randomBytes(32).toString("base64url"), DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
  const { db, client } = await createNodeDb(env.DATABASE_URL); await migrateNodeDb(db); client.close();
  const host = await startNodeHost({ env, scheduler: false, log: () => {} });
  const { config, clock } = host.deps;
  const c = DEMO_CITIZENS[0]!;
  const user = await upsertApplicant(host.deps.db, await pidKeys(config.dataKey), { pid: c.pid, title: c.title, givenName: c.givenName, familyName: c.familyName, name: null, nameEn: c.nameEn }, clock.now(), "127.0.0.1");
  const s = await startSession(host.deps.db, clock.now(), { userId: user.id, previousToken: null, ip: "127.0.0.1", userAgent: "bench", method: "thaid" });
  const app = which === "bare" ? new Hono().get("/bench/hello", (x) => x.text("hello")) : createApp(host.deps).get("/bench/hello", (x) => x.text("hello"));
  const server = await new Promise<ServerType>((r) => { const sv = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => r(sv)); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  if (process.env.LAT) { const { execFile } = await import("node:child_process"); console.log(await new Promise((r) => execFile("npx", ["tsx", ".prof/lat.ts", url, `tidtam_s=${s.token}`], { encoding: "utf8" }, (_e, o) => r(o)))); }
  const child = fork(new URL(import.meta.url).pathname, ["child"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const seconds = Number(process.env.SECONDS ?? 6);
  const session = new Session(); session.connect();
  await session.post("Profiler.enable"); await session.post("Profiler.setSamplingInterval", { interval: 100 });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let started = false;
  if (process.env.PROFILE) setTimeout(async () => { await session.post("Profiler.start"); started = true; }, 1000);
  const { readdirSync, readFileSync } = await import("node:fs");
  const threads = () => new Map(readdirSync("/proc/self/task").map((t) => { const st = readFileSync(`/proc/self/task/${t}/stat`, "utf8"); const name = st.slice(st.indexOf("(") + 1, st.lastIndexOf(")")); const f = st.slice(st.lastIndexOf(")") + 2).split(" "); return [`${t}:${name}`, Number(f[11]) + Number(f[12])]; }));
  let th0 = threads();
  let cpuW = process.cpuUsage(); let cpuWin = 0;
  const result: any = await new Promise((r) => { child.on("message", (m: any) => { if (m.phase === "measuring") { cpuW = process.cpuUsage(); th0 = threads(); } else if (m.phase === "measured") { const u = process.cpuUsage(cpuW); cpuWin = u.user + u.system; const th1 = threads(); const by: Record<string, number> = {}; for (const [k, v] of th1) { const name = k.split(":")[1]!; by[name] = (by[name] ?? 0) + v - (th0.get(k) ?? 0); } console.log("ticks by thread (10ms):", JSON.stringify(by)); } else r(m.r); }); child.send({ url, method: "GET", headers: { cookie: `tidtam_s=${s.token}` }, connections: 50, warmupSeconds: 1, seconds } satisfies LoadOptions); });
  const cpu = process.cpuUsage(cpu0);
  if (started) { const { profile } = await session.post("Profiler.stop"); writeFileSync(`.prof/${which}.cpuprofile`, JSON.stringify(profile)); }
  console.log(which, path, "rps", result.rps.toFixed(0), "cpu/req µs", (cpuWin / result.done).toFixed(0), "p50", result.p50, "statuses", JSON.stringify(result.statuses), started);
  child.kill(); server.close(); await host.close(); process.exit(0);
}
