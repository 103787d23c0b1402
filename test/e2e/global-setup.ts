/**
 * Starts a real Node host on a free port with a fresh database (migrated and
 * seeded exactly as `npm start` does) for Chromium to drive.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startNodeHost } from "../../src/node";

export const CHROMIUM = "/usr/bin/chromium";

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`e2e needs Debian's Chromium at ${CHROMIUM}: run \`apt-get install -y chromium\` (CI's .ci/run does).`);
  }
  const dir = mkdtempSync(join(tmpdir(), "tidtam-e2e-"));
  const host = await startNodeHost({
    env: {
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(dir, "e2e.db")}`,
      FILES_DIR: join(dir, "files"),
      SESSION_SECRET: "e2e-secret-0123456789abcdef0123456789",
      DATA_ENCRYPTION_KEY: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    },
    scheduler: false,
    log: () => {},
  });
  project.provide("baseUrl", host.url);
  return async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
