/**
 * Copies the pinned third-party assets into static/: htmx from the `htmx.org`
 * package (no CDN) and the Thai + Latin subsets of Sarabun from @fontsource.
 * Run before start, test and deploy; the copies are not committed.
 */
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { HTMX_VERSION } from "../src/views/assets";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));
const htmxDir = dirname(require.resolve("htmx.org/package.json"));
const installed = (JSON.parse(readFileSync(join(htmxDir, "package.json"), "utf8")) as { version: string }).version;
if (installed !== HTMX_VERSION) {
  throw new Error(`htmx.org ${installed} is installed but src/views/assets.ts pins ${HTMX_VERSION}`);
}
mkdirSync(join(root, "static/vendor"), { recursive: true });
copyFileSync(join(htmxDir, "dist/htmx.min.js"), join(root, `static/vendor/htmx-${HTMX_VERSION}.min.js`));

const fontDir = join(dirname(require.resolve("@fontsource/sarabun/package.json")), "files");
mkdirSync(join(root, "static/fonts"), { recursive: true });
for (const subset of ["thai", "latin"]) {
  for (const weight of [400, 700]) {
    const file = `sarabun-${subset}-${weight}-normal.woff2`;
    copyFileSync(join(fontDir, file), join(root, "static/fonts", file));
  }
}
console.log(`static: htmx ${HTMX_VERSION}, Sarabun thai+latin 400/700`);
