/**
 * @module
 * The bench's edge section: pages as the Workers host serves them, where every
 * database request is an HTTP round trip to Turso. Prints each page's server time
 * at 0 and at 30 ms per round trip (30 ms ≈ a Bangkok Worker to a Singapore
 * database), and how many HTTP requests to the database it made.
 *
 * How: the Node host's own deps and app, with its database swapped for
 * `@libsql/client/web` talking to the Hrana harness (scripts/hrana-harness.ts) that
 * serves the same file, with its per-request delay. Not the Worker in workerd (as
 * `npm run dev:edge` runs it): starting wrangler adds many seconds and a bundle build
 * to a bench that is already long, and what this section measures — round trips × distance — comes from the
 * client library and the app's queries, which are the very same code here. workerd's
 * own CPU cost is the password line's subject, not this one's.
 */
import { createClient } from "@libsql/client/web";
import { createApp } from "../src/app";
import type { AppDeps } from "../src/app-env";
import { createDb } from "../src/db/client";
import { createDbQrStore } from "../src/platform/node";
import { startHranaHarness } from "./hrana-harness";

export interface EdgePage {
  key: string;
  label: string;
  path: string;
  cookie: string;
}

export const EDGE_DELAYS_MS = [0, 30] as const;
const RUNS = 7;

/** Lines for the bench's output: per page, the median server time at each delay and the database requests per view. */
export async function edgeLines(deps: AppDeps, dbPath: string, origin: string, pages: EdgePage[]): Promise<string[]> {
  const figures = new Map<string, { ms: number; requests: number }[]>();
  for (const delayMs of EDGE_DELAYS_MS) {
    const harness = await startHranaHarness({ dbPath, delayMs });
    const client = createClient({ url: harness.url });
    try {
      const db = createDb(client);
      // app.request has no socket for the Node host's getConnInfo; the Worker reads the address from a header too.
      const app = createApp({ ...deps, db, qr: createDbQrStore(db, deps.clock), clientIp: (c) => c.req.header("x-forwarded-for") ?? "127.0.0.1" });
      for (const p of pages) {
        const view = async () => {
          const before = harness.requests();
          const start = performance.now();
          const res = await app.request(`${origin}${p.path}`, { headers: { cookie: p.cookie } });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`edge ${p.key} ${p.path}: HTTP ${res.status}`);
          return { ms: performance.now() - start, requests: harness.requests() - before };
        };
        await view(); // the client's protocol probe and first-view caches
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await view());
        runs.sort((a, b) => a.ms - b.ms);
        figures.set(p.key, [...(figures.get(p.key) ?? []), runs[RUNS >> 1]!]);
      }
    } finally {
      client.close();
      await harness.close();
    }
  }
  return pages.map((p) => {
    const [near, far] = figures.get(p.key)!;
    const label = p.label.length >= 30 ? p.label : p.label + " ".repeat(30 - p.label.length);
    return `  ${p.key} ${label} ${near!.ms.toFixed(1).padStart(6)} ms at 0 ms, ${far!.ms.toFixed(1).padStart(6)} ms at 30 ms per round trip; ${far!.requests} database HTTP requests`;
  });
}
