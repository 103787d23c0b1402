/**
 * Gives workerd a database: a temp libSQL file, migrated and seeded from Node,
 * served over Hrana-over-HTTP by the test harness (production talks to Turso);
 * and the other servers a deployed Worker talks to, on loopback: the ThaiD
 * simulator, a mail API that records what it gets, and a proxy that counts the
 * database requests (subrequests) going through it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startHranaHarness } from "../../scripts/hrana-harness";
import { startThaidSimulator } from "../../scripts/thaid-simulator";
import { startCountingProxy, startMailRecorder } from "../support/http-recorders";
import { users } from "../../src/db/schema";
import { seedDemoData } from "../../src/db/seed";
import { toBase64Url } from "../../src/services/crypto";
import { hashPassword } from "../../src/services/password";
import { createNodeDb, migrateNodeDb, nodePasswordKdf } from "../../src/platform/node";

/** Must equal DATA_ENCRYPTION_KEY in vitest.config.ts's workers bindings. */
const WORKERS_DATA_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/** Must equal the THAID_* bindings in vitest.config.ts; the app's origin there is https://tidtam.test. */
export const WORKERS_THAID_CLIENT = { clientId: "tidtam-workers", clientSecret: "workers-thaid-secret-0123456789" };

/** Signed in by test/workers/worker.test.ts. */
export const WORKERS_OFFICER = { username: "wk.officer", password: "Workers#2567" };
/** Holds a PBKDF2 hash from before argon2id; test/workers/password.test.ts signs in and sees it replaced. */
export const WORKERS_LEGACY_OFFICER = { username: "wk.legacy", password: "Legacy#2567" };

/**
 * The pre-argon2id format at 1,000 iterations instead of 600,000: workerd's pure-JS
 * PBKDF2 then takes milliseconds, and the format carries its own count.
 */
async function legacyPbkdf2Hash(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await nodePasswordKdf.pbkdf2Sha256(password, salt, 1000, 32);
  return `pbkdf2_sha256$1000$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "tidtam-workers-"));
  const dbPath = join(dir, "workers.db");
  const { db, client } = await createNodeDb(`file:${dbPath}`);
  await migrateNodeDb(db);
  // Every hash here is made on Node and verified in workerd: one format, both hosts.
  await seedDemoData(db, nodePasswordKdf, new Date(), WORKERS_DATA_KEY);
  await db.insert(users).values([
    {
      id: "wk-officer",
      role: "officer",
      username: WORKERS_OFFICER.username,
      usernameLower: WORKERS_OFFICER.username,
      passwordHash: await hashPassword(nodePasswordKdf, WORKERS_OFFICER.password),
      displayName: "เจ้าหน้าที่ทดสอบ workers",
      createdAt: new Date(),
    },
    {
      id: "wk-legacy",
      role: "officer",
      username: WORKERS_LEGACY_OFFICER.username,
      usernameLower: WORKERS_LEGACY_OFFICER.username,
      passwordHash: await legacyPbkdf2Hash(WORKERS_LEGACY_OFFICER.password),
      displayName: "เจ้าหน้าที่ก่อน argon2id",
      createdAt: new Date(),
    },
  ]);
  client.close();
  const harness = await startHranaHarness({ dbPath, port: 0, host: "127.0.0.1" });
  project.provide("hranaUrl", harness.url);
  const counted = await startCountingProxy(harness.url);
  project.provide("countedHranaUrl", counted.url);
  const mailApi = await startMailRecorder();
  project.provide("mailApiUrl", mailApi.url);
  const thaid = await startThaidSimulator({
    port: 0,
    clients: [{ ...WORKERS_THAID_CLIENT, redirectUris: ["https://tidtam.test/auth/thaid/callback"] }],
  });
  project.provide("thaidIssuer", thaid.issuer);
  return async () => {
    await thaid.close();
    await mailApi.close();
    await counted.close();
    await harness.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
