/**
 * Fails when `migrations/` is behind `src/db/schema/`: runs `drizzle-kit generate`
 * on a copy of the migrations (drizzle-kit has no dry run) and lists what it would
 * add. Needs no database. Fix by running `npm run db:generate` and reviewing the SQL.
 *
 * @example
 * npm run check:migrations
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import config from "../drizzle.config";

const root = fileURLToPath(new URL("..", import.meta.url));
const migrations = join(root, config.out ?? "migrations");
const copy = mkdtempSync(join(tmpdir(), "tidtam-migrations-"));

/** Every file under `dir`, as paths relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

try {
  cpSync(migrations, copy, { recursive: true });
  const bin = join(root, "node_modules", ".bin", "drizzle-kit");
  // drizzle-kit prefixes `out` with "./", so it must be relative to the working directory.
  const args = ["generate", "--dialect", config.dialect, "--schema", String(config.schema), "--out", relative(root, copy)];
  let log: string;
  try {
    log = execFileSync(bin, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    console.error(`check-migrations: drizzle-kit generate failed\n${err.stdout ?? ""}${err.stderr ?? ""}`);
    process.exit(1);
  }
  const before = new Set(files(migrations));
  const added = files(copy).filter((f) => !before.has(f));
  const changed = files(copy).filter((f) => before.has(f) && readFileSync(join(copy, f), "utf8") !== readFileSync(join(migrations, f), "utf8"));
  if (added.length || changed.length) {
    console.error("check-migrations: src/db/schema/ has changes that migrations/ lacks. Run `npm run db:generate` and review the SQL.");
    for (const f of added) console.error(`  would add ${config.out}/${f}`);
    for (const f of changed) console.error(`  would change ${config.out}/${f}`);
    for (const f of added.filter((f) => f.endsWith(".sql"))) console.error(`\n--- ${f}\n${readFileSync(join(copy, f), "utf8")}`);
    process.exit(1);
  }
  if (!/nothing to migrate/i.test(log)) console.warn(`check-migrations: no new files, but drizzle-kit said:\n${log}`);
  console.info(`check-migrations: migrations/ matches src/db/schema/ (${before.size} files)`);
} finally {
  rmSync(copy, { recursive: true, force: true });
}
