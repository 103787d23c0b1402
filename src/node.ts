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
import { DEMO_ACCOUNTS, seedDemoData } from "./db/seed";
import { createFsFileStore, createNodeDb, createSmtpTransport, migrateNodeDb, startScheduler, webCryptoPbkdf2 } from "./platform/node";
import type { Clock } from "./platform/ports";

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
  close(): Promise<void>;
}

/** Builds deps from `env`, migrates, seeds (outside production), schedules and listens. */
export async function startNodeHost(options: NodeHostOptions): Promise<NodeHost> {
  const log = options.log ?? ((line: string) => console.log(line));
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
  const config = loadConfig(env);

  const { db, client } = await createNodeDb(env.DATABASE_URL ?? "file:data/tidtam.db");
  await migrateNodeDb(db);
  const clock = options.clock ?? { now: () => new Date() };
  const smtp = env.SMTP_URL ? createSmtpTransport(env.SMTP_URL) : null;
  const trustProxy = env.TRUST_PROXY === "true";
  const deps: AppDeps = {
    config,
    db,
    clock,
    files: createFsFileStore(env.FILES_DIR ?? "data/files"),
    mail: smtp,
    pbkdf2: webCryptoPbkdf2,
    clientIp(c) {
      const forwarded = trustProxy ? c.req.header("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
      return forwarded || getConnInfo(c).remote.address || "unknown";
    },
  };

  if (!production && (await seedDemoData(db, deps.pbkdf2, clock.now()))) log("seeded demo data");
  const scheduler =
    options.scheduler === false ? null : startScheduler({ db, clock, mail: smtp, mailFrom: config.mailFrom });

  const root = new Hono();
  const staticRoot = relative(process.cwd(), STATIC_DIR) || ".";
  for (const prefix of ["/css/*", "/vendor/*", "/fonts/*", "/img/*"]) {
    root.use(prefix, async (c, next) => {
      await next();
      if (c.res.ok) {
        const immutable = prefix === "/vendor/*" || prefix === "/fonts/*";
        c.header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600");
      }
    });
    root.use(prefix, serveStatic({ root: staticRoot }));
  }
  root.route("/", createApp(deps));

  const server = await listen(root, port, hostname);
  return {
    url: config.appUrl.origin,
    deps,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open; busy ones finish their request first.
        if ("closeIdleConnections" in server) server.closeIdleConnections();
      });
      await scheduler?.stop();
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
