/**
 * @module
 * The Worker bundle's size, after `wrangler deploy --dry-run --outdir dist/worker
 * --metafile dist/worker-meta.json`: every module of the upload (the script and
 * any WebAssembly or data module beside it) gzipped, summed, printed, and the
 * check fails over the limit. Also fails when a zod locale other than English is
 * bundled (`import { z } from "zod/mini"` pulls in all 64: import it as `* as z`), and
 * when classic zod is: its methods live on prototypes, so none of its ~100 KiB
 * tree-shakes. src/ imports `zod/mini` only.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/**
 * Issue 11's 250. Issue 14's charts took the bundle to 263.8 (d3-scale's linear scale brought
 * d3-interpolate, d3-color and d3-format); the charts' own scales and paths over d3-array's
 * ticks (src/views/charts/scales.ts) brought it to 247.3, and node:crypto instead of @noble
 * on Workers (nodejs_compat) to 243.3 (2026-12-02, 954 KiB raw with the two argon2id wasm).
 * The background exports (their Durable Object, chunked zip, pages) added ~10 to 253.0, and
 * libSQL's HTTP entry instead of its web entry (no WebSocket client) took it to 249.2. The
 * audit trail's background export added 1.2 (250.4); the axis ticks and max/sum written in
 * scales.ts instead of d3-array (a test holds them equal to d3's) took it to 249.3. The next
 * cuts if it grows: fflate (~4 KiB) if workerd's node:zlib can do the sync-flushed pieces,
 * jose's JWT verification by WebCrypto (~6 KiB).
 */
export const LIMIT_KIB = 250;
const OUT = "dist/worker";
const META = "dist/worker-meta.json";

export function bundleSize(dir = OUT): { files: { name: string; raw: number; gzip: number }[]; raw: number; gzip: number } {
  const files = readdirSync(dir)
    .filter((name) => !name.endsWith(".map") && name !== "README.md")
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
  return { files, raw: files.reduce((a, f) => a + f.raw, 0), gzip: files.reduce((a, f) => a + f.gzip, 0) };
}

/** The bundled inputs (files with bytes in an output) whose path matches `pattern`. */
function bundledInputs(pattern: RegExp): string[] {
  if (!existsSync(META)) return [];
  // Every file esbuild read is an input; what reached an output with bytes is what ships.
  const meta = JSON.parse(readFileSync(META, "utf8")) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
  return Object.values(meta.outputs)
    .flatMap((o) => Object.entries(o.inputs))
    .filter(([path, v]) => v.bytesInOutput > 0 && pattern.test(path))
    .map(([path]) => path);
}

export const ZOD_LOCALE = /zod\/v4\/locales\/(?!en\.js$)/;
export const CLASSIC_ZOD = /zod\/(v4\/classic|v3)\//;

if (import.meta.url === `file://${process.argv[1]}`) {
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const size = bundleSize();
  for (const f of size.files) console.log(`  ${f.name}: ${kib(f.raw)} raw, ${kib(f.gzip)} gzip`);
  console.log(`Worker bundle: ${kib(size.raw)} raw, ${kib(size.gzip)} gzip -9 (limit ${LIMIT_KIB} KiB)`);
  const locales = bundledInputs(ZOD_LOCALE);
  if (locales.length) console.error(`zod locales in the bundle (import zod as \`import * as z from "zod/mini"\`): ${locales.length}, e.g. ${locales[0]}`);
  const classic = bundledInputs(CLASSIC_ZOD);
  if (classic.length) console.error(`classic zod in the bundle (${classic.length} files, e.g. ${classic[0]}): import "zod/mini" in src/, never "zod"`);
  if (size.gzip > LIMIT_KIB * 1024) console.error(`The Worker bundle is over ${LIMIT_KIB} KiB gzip.`);
  if (locales.length || classic.length || size.gzip > LIMIT_KIB * 1024) process.exit(1);
}
