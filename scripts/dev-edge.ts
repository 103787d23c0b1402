/**
 * `npm run dev:edge`: the whole Workers stack, locally. The Worker runs under `wrangler
 * dev` (workerd) on PORT (8787); workerd can only reach libSQL over HTTP, so the Hrana
 * test/dev harness serves a migrated, seeded file (data/edge.db) on PORT+1; the ThaiD
 * simulator answers on PORT+2 for applicants' sign-in. `--test-scheduled` lets a curl
 * run a cron: http://localhost:PORT/__scheduled?cron=5+17+*+*+1 (the go-live batch).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { startHranaHarness } from "./hrana-harness";
import { startThaidSimulator } from "./thaid-simulator";
import { seedDemoData } from "../src/db/seed";
import { createNodeDb, migrateNodeDb, nodePasswordKdf } from "../src/platform/node";

const dbPath = "data/edge.db";
const port = Number(process.env.PORT ?? 8787);
// Fixed ports beside the app's, so the README's URLs hold and a restart keeps them.
const harnessPort = Number(process.env.HRANA_PORT ?? port + 1);
const thaidPort = Number(process.env.THAID_SIM_PORT ?? port + 2);
const appUrl = `http://localhost:${port}`;
// Dev only: the same throwaway key is handed to the Worker below.
const dataKey = process.env.DATA_ENCRYPTION_KEY ?? "ZGV2LWVkZ2Utb25seS1rZXktMDEyMzQ1Njc4OWFiY2Q=";

const { db, client } = await createNodeDb(`file:${dbPath}`);
await migrateNodeDb(db);
await seedDemoData(db, nodePasswordKdf, new Date(), dataKey);
client.close();

const harness = await startHranaHarness({ dbPath, port: harnessPort, host: "127.0.0.1" });
const thaidClient = { clientId: "tidtam-dev-edge", clientSecret: randomBytes(24).toString("base64url") };
const thaid = await startThaidSimulator({
  port: thaidPort,
  clients: [{ ...thaidClient, redirectUris: [`${appUrl}/auth/thaid/callback`, `http://127.0.0.1:${port}/auth/thaid/callback`] }],
});

const vars = {
  TURSO_DATABASE_URL: harness.url,
  APP_URL: appUrl,
  APP_ENV: "development",
  SESSION_SECRET: process.env.SESSION_SECRET ?? "dev-edge-only-secret-0123456789abcdef",
  DATA_ENCRYPTION_KEY: dataKey,
  THAID_ISSUER: thaid.issuer,
  THAID_CLIENT_ID: thaidClient.clientId,
  THAID_CLIENT_SECRET: thaidClient.clientSecret,
};
// No MAIL_API_KEY in dev: mail stays in the outbox, shown at /dev/mail.
console.log(`dev:edge: app ${appUrl}, Hrana harness ${harness.url}, ThaiD simulator ${thaid.issuer}`);
const args = ["dev", "--port", String(port), "--test-scheduled", ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`])];
// wrangler itself, not through npx (which does not pass a signal on), so stopping this script stops workerd too.
const wranglerBin = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");
const wrangler = spawn(process.execPath, [wranglerBin, ...args], { stdio: "inherit" });
const stop = () => wrangler.kill("SIGINT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
wrangler.on("exit", async (code) => {
  await thaid.close();
  await harness.close();
  process.exit(code ?? 0);
});
