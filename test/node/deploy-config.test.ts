import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { productionSettings } from "../../src/config";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

/** README from its deploy heading to the next heading of the same level. */
function deploySection(): string {
  const readme = read("README.md");
  const start = readme.indexOf("## Deploying to Cloudflare Workers");
  if (start < 0) throw new Error("README has no deploy section");
  const end = readme.indexOf("\n## ", start + 3);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** Keys of one `[table]` of wrangler.toml (up to the next table header). */
function wranglerTable(name: string): Map<string, string> {
  const toml = read("wrangler.toml");
  const body = new RegExp(`^\\[${name}\\]\\n([\\s\\S]*?)(?=^\\[|(?![\\s\\S]))`, "m").exec(toml)?.[1] ?? "";
  return new Map([...body.matchAll(/^([A-Z_a-z]+)\s*=\s*"([^"]*)"/gm)].map((m) => [m[1]!, m[2]!]));
}

describe("the deploy documentation and wrangler.toml", () => {
  const settings = productionSettings();
  const section = deploySection();
  const vars = wranglerTable("vars");
  const secretPuts = new Set([...section.matchAll(/wrangler secret put ([A-Z_]+)/g)].map((m) => m[1]!));

  it("lists the settings the schema cannot default, and the host's own", () => {
    const keys = settings.map((s) => s.key);
    for (const key of ["SESSION_SECRET", "DATA_ENCRYPTION_KEY", "MAIL_API_URL", "MAIL_API_KEY", "TURSO_DATABASE_URL", "APP_URL"]) {
      expect(keys).toContain(key);
    }
  });

  it("names every production setting in README's deploy section", () => {
    const missing = settings.filter((s) => !new RegExp(`\`${s.key}\``).test(section)).map((s) => s.key);
    expect(missing).toEqual([]);
  });

  it("sets every plain setting in [vars] and puts every secret with `wrangler secret put`, never in the file", () => {
    const nowhere = settings.filter((s) => !vars.has(s.key) && !secretPuts.has(s.key)).map((s) => s.key);
    expect(nowhere).toEqual([]);
    const secretsInFile = settings.filter((s) => s.secret && vars.has(s.key)).map((s) => s.key);
    expect(secretsInFile).toEqual([]);
    const secretsNotPut = settings.filter((s) => s.secret && !secretPuts.has(s.key)).map((s) => s.key);
    expect(secretsNotPut).toEqual([]);
  });

  it("deploys as production, with smart placement", () => {
    expect(vars.get("APP_ENV")).toBe("production");
    expect(vars.get("APP_URL")).toMatch(/^https:\/\//);
    expect(wranglerTable("placement").get("mode")).toBe("smart");
  });
});
