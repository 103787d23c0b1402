/**
 * Gives workerd a database: a temp libSQL file, migrated and seeded from Node,
 * served over Hrana-over-HTTP by the test harness (production talks to Turso).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startHranaHarness } from "../../scripts/hrana-harness";
import { seedDemoData } from "../../src/db/seed";
import { createNodeDb, migrateNodeDb, webCryptoPbkdf2 } from "../../src/platform/node";

/** Must equal DATA_ENCRYPTION_KEY in vitest.config.ts's workers bindings. */
const WORKERS_DATA_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "tidtam-workers-"));
  const dbPath = join(dir, "workers.db");
  const { db, client } = await createNodeDb(`file:${dbPath}`);
  await migrateNodeDb(db);
  // Hashed by Node's WebCrypto, verified in workerd by the pure-JS PBKDF2: one format, both hosts.
  await seedDemoData(db, webCryptoPbkdf2, new Date(), WORKERS_DATA_KEY);
  client.close();
  const harness = await startHranaHarness({ dbPath, port: 0, host: "127.0.0.1" });
  project.provide("hranaUrl", harness.url);
  return async () => {
    await harness.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
