import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

/**
 * Three projects, one `npm test`:
 * - node: the app through `app.request()` on a real libSQL file, real SMTP on loopback;
 * - workers: the Worker's fetch/scheduled and Durable Objects inside workerd;
 * - e2e: Debian's Chromium driving a Node host on a free port.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: ["test/node/**/*.test.{ts,tsx}", "src/**/*.test.ts"],
          globalSetup: ["test/node/global-setup.ts"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: "./src/worker.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                TURSO_DATABASE_URL: inject("hranaUrl"),
                SESSION_SECRET: "workers-test-secret-0123456789abcdef",
                DATA_ENCRYPTION_KEY: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                APP_URL: "https://tidtam.test",
                APP_ENV: "test",
                // test/workers/global-setup.ts's ThaiD simulator and client (WORKERS_THAID_CLIENT).
                THAID_ISSUER: inject("thaidIssuer"),
                THAID_CLIENT_ID: "tidtam-workers",
                THAID_CLIENT_SECRET: "workers-thaid-secret-0123456789",
                // Not the Worker's own settings: tests hand them to the Worker in an env of their own.
                TEST_COUNTED_DB_URL: inject("countedHranaUrl"),
                TEST_MAIL_API_URL: inject("mailApiUrl"),
              },
            },
          })),
        ],
        test: {
          name: "workers",
          include: ["test/workers/**/*.test.ts"],
          globalSetup: ["test/workers/global-setup.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/global-setup.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
