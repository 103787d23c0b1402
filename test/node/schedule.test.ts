import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEDULED_JOBS } from "../../src/jobs";

/** The `crons = [...]` array of wrangler.toml's [triggers] table. */
function wranglerCrons(): string[] {
  const toml = readFileSync(new URL("../../wrangler.toml", import.meta.url), "utf8");
  const triggers = /^\[triggers\][^[]*?crons\s*=\s*\[([^\]]*)\]/ms.exec(toml);
  if (!triggers) throw new Error("wrangler.toml has no [triggers] crons");
  return [...triggers[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

describe("the schedule", () => {
  it("has exactly the same cron expressions in wrangler.toml and in src/jobs.ts", () => {
    const inCode = [...new Set(SCHEDULED_JOBS.map((j) => j.cron))].sort();
    expect(wranglerCrons().sort()).toEqual(inCode);
    expect(inCode.length).toBeGreaterThan(0);
  });
});
