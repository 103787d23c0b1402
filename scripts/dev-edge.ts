/**
 * `npm run dev:edge`: the Workers host under `wrangler dev`, locally. workerd can
 * only reach libSQL over HTTP, so this starts the Hrana test/dev harness on a
 * migrated, seeded file (data/edge.db) and points TURSO_DATABASE_URL at it.
 */
import { spawn } from "node:child_process";
import { startHranaHarness } from "./hrana-harness";
import { seedDemoData } from "../src/db/seed";
import { createNodeDb, migrateNodeDb, nodePasswordKdf } from "../src/platform/node";

const dbPath = "data/edge.db";
// Dev only: the same throwaway key is handed to the Worker below.
const dataKey = process.env.DATA_ENCRYPTION_KEY ?? "ZGV2LWVkZ2Utb25seS1rZXktMDEyMzQ1Njc4OWFiY2Q=";
const { db, client } = await createNodeDb(`file:${dbPath}`);
await migrateNodeDb(db);
await seedDemoData(db, nodePasswordKdf, new Date(), dataKey);
client.close();

const harness = await startHranaHarness({ dbPath, port: 0, host: "127.0.0.1" });
const port = process.env.PORT ?? "8787";
const vars = {
  TURSO_DATABASE_URL: harness.url,
  APP_URL: `http://localhost:${port}`,
  APP_ENV: "development",
  SESSION_SECRET: process.env.SESSION_SECRET ?? "dev-edge-only-secret-0123456789abcdef",
  DATA_ENCRYPTION_KEY: dataKey,
};
const args = ["wrangler", "dev", "--port", port, ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`])];
const wrangler = spawn("npx", args, { stdio: "inherit" });
const stop = () => wrangler.kill("SIGINT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
wrangler.on("exit", async (code) => {
  await harness.close();
  process.exit(code ?? 0);
});
