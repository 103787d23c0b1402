/**
 * @module
 * The Node host: the embedded default `npm start` runs. Reads the environment,
 * migrates and seeds the embedded libSQL file, starts the in-process scheduler and
 * serves the app until Ctrl-C, then finishes in-flight requests and closes the DB.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, type ServerType } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { createApp } from "./app";
import type { AppDeps } from "./app-env";
import { loadConfig, type EnvRecord } from "./config";
import { setFinishedHeader } from "./middleware/finished-header";
import { securityHeaders } from "./middleware/security-headers";
import { STATIC_CACHE } from "./views/assets";
import { DEMO_ACCOUNTS, seedDemoData } from "./db/seed";
import { runScheduled } from "./jobs";
import {
  createDbQrStore,
  createFsFileStore,
  createNodeDb,
  createSmtpTransport,
  migrateNodeDb,
  startScheduler,
  nodeCrypto,
  nodePasswordKdf,
} from "./platform/node";
import { useHostCrypto } from "./platform/host-crypto";
import { renderWithoutAsyncContext } from "./platform/node/jsx-async-context";
import type { Clock } from "./platform/ports";
import { inProcessExportRunner, NODE_EXPORT_JOB_LIMITS } from "./services/export-jobs";
import { pidKeys } from "./services/pid-crypto";

const STATIC_DIR = fileURLToPath(new URL("../static", import.meta.url));

export interface NodeHostOptions {
  env: EnvRecord;
  clock?: Clock;
  /** Start croner; tests drive jobs themselves with a controlled clock. */
  scheduler?: boolean;
  log?: (line: string) => void;
}

export interface NodeHost {
  url: string;
  deps: AppDeps;
  /** What the in-process scheduler runs on `cron`'s beat, callable now (tests drive a controlled clock). */
  runScheduled(cron: string): Promise<{ ran: string[]; failed: string[] }>;
  close(): Promise<void>;
}

/** Builds deps from `env`, migrates, seeds (outside production), schedules and listens. */
export async function startNodeHost(options: NodeHostOptions): Promise<NodeHost> {
  const log = options.log ?? ((line: string) => console.log(line));
  // Before anything hashes or decrypts: the process-wide HostCrypto (see platform/host-crypto.ts).
  useHostCrypto(nodeCrypto);
  renderWithoutAsyncContext();
  const hostname = options.env.HOST ?? "0.0.0.0";
  // Port 0 is resolved up front: the default APP_URL (the CSRF origin) must name the real port.
  const requested = Number(options.env.PORT ?? 3000);
  const port = requested === 0 ? await freePort(hostname) : requested;
  const env: EnvRecord = {
    APP_URL: `http://${hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname}:${port}`,
    ...options.env,
  };
  const production = env.NODE_ENV === "production";
  if (!env.SESSION_SECRET && !production) env.SESSION_SECRET = devSecret("data/dev-session-secret");
  if (!env.DATA_ENCRYPTION_KEY && !production) env.DATA_ENCRYPTION_KEY = devSecret("data/dev-data-key");
  // With no ThaiD configured, development signs applicants in against the local simulator.
  const simulator = !env.THAID_ISSUER && !production ? await startLocalThaid(env, hostname, log) : null;
  const config = loadConfig(env);

  const { db, client } = await createNodeDb(env.DATABASE_URL ?? "file:data/tidtam.db");
  await migrateNodeDb(db);
  const clock = options.clock ?? { now: () => new Date() };
  const smtp = env.SMTP_URL ? createSmtpTransport(env.SMTP_URL) : null;
  const trustProxy = env.TRUST_PROXY === "true";
  const files = createFsFileStore(env.FILES_DIR ?? "data/files");
  const exportRunner = inProcessExportRunner({ db, files, clock, keys: () => pidKeys(config.dataKey), limits: NODE_EXPORT_JOB_LIMITS });
  const deps: AppDeps = {
    config,
    db,
    clock,
    files,
    mail: smtp,
    kdf: nodePasswordKdf,
    qr: createDbQrStore(db, clock),
    exports: { runner: exportRunner, limits: NODE_EXPORT_JOB_LIMITS },
    // No geo-IP database on the Node host; the phone page says the place is unknown.
    clientPlace: () => null,
    clientIp(c) {
      const forwarded = trustProxy ? c.req.header("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
      return forwarded || getConnInfo(c).remote.address || "unknown";
    },
  };

  if (!production && (await seedDemoData(db, deps.kdf, clock.now(), config.dataKey))) log("seeded demo data");
  const jobDeps = { db, clock, mail: smtp, mailFrom: config.mailFrom, appUrl: config.appUrl, exports: { files, runner: exportRunner } };
  const scheduler = options.scheduler === false ? null : startScheduler(jobDeps);

  const root = new Hono();
  const staticRoot = relative(process.cwd(), STATIC_DIR) || ".";
  // Static files get the pages' security headers too, and their folder's Cache-Control.
  for (const [folder, cacheControl] of Object.entries(STATIC_CACHE)) {
    const prefix = `${folder}*`;
    root.use(prefix, securityHeaders(config.secureCookies));
    root.use(prefix, async (c, next) => {
      await next();
      if (c.res.ok) setFinishedHeader(c, "Cache-Control", cacheControl);
    });
    root.use(prefix, serveStatic({ root: staticRoot }));
  }
  // Handed the raw request (not app.route), so the app's own Thai 404 page answers unknown paths.
  const app = createApp(deps);
  root.all("*", (c) => app.fetch(c.req.raw, c.env));

  const server = await listen(root, port, hostname);
  return {
    url: config.appUrl.origin,
    deps,
    runScheduled: (cron) => runScheduled(cron, jobDeps),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open; busy ones finish their request first.
        if ("closeIdleConnections" in server) server.closeIdleConnections();
      });
      await scheduler?.stop();
      await exportRunner.stop();
      await simulator?.close();
      smtp?.close();
      client.close();
    },
  };
}

function listen(app: Hono, port: number, hostname: string): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, () => resolve(server));
    server.once("error", reject);
  });
}

/** Starts the ThaiD simulator (dev and test only) and points the THAID_* settings at it. */
async function startLocalThaid(env: EnvRecord, hostname: string, log: (line: string) => void) {
  const { startThaidSimulator } = await import("../scripts/thaid-simulator");
  const appUrl = new URL(env.APP_URL!);
  const clientSecret = randomBytes(24).toString("base64url");
  const redirectUris = [new URL("/auth/thaid/callback", appUrl).toString()];
  // Reaching the app by the other loopback name must work too (CSRF allows both).
  if (appUrl.hostname === "localhost") redirectUris.push(redirectUris[0]!.replace("//localhost", "//127.0.0.1"));
  const simulator = await startThaidSimulator({
    port: Number(env.THAID_SIM_PORT ?? 0),
    host: hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname,
    clients: [{ clientId: "tidtam-dev", clientSecret, redirectUris }],
  });
  Object.assign(env, { THAID_ISSUER: simulator.issuer, THAID_CLIENT_ID: "tidtam-dev", THAID_CLIENT_SECRET: clientSecret });
  log(`ThaiD simulator: ${simulator.issuer}`);
  return simulator;
}

function freePort(hostname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, hostname, () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/** A random secret kept beside the dev database, so restarts keep everyone signed in. */
function devSecret(path: string): string {
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

async function main() {
  const host = await startNodeHost({ env: { ...process.env } });
  console.log(`\ntidtam พร้อมใช้งานที่ ${host.url}  (Ctrl-C เพื่อหยุด)\n`);
  console.log("บัญชีทดลอง (demo accounts):");
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(10)} ${a.username.padEnd(14)} ${a.password}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing in-flight requests…`);
    await host.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
