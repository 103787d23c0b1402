/**
 * Copies the pinned third-party assets into static/: htmx from the `htmx.org`
 * package (no CDN) and the Thai + Latin subsets of Sarabun from @fontsource, each
 * under a path carrying its version; then writes static/_headers, the headers
 * Workers static assets serve them with. Run before start, test and deploy; the
 * outputs are not committed.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { FONT_DIR, HTMX_VERSION, SARABUN_VERSION } from "../src/views/assets";
import { staticHeadersFile } from "./static-headers";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));

/** The installed package's folder, refusing to go on if it is not the version the code pins. */
function pinned(name: string, version: string): string {
  const dir = dirname(require.resolve(`${name}/package.json`));
  const installed = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
  if (installed !== version) throw new Error(`${name} ${installed} is installed but src/views/assets.ts pins ${version}`);
  return dir;
}

// Emptied first, so no file of an older version is deployed beside the current one.
for (const dir of ["static/vendor", "static/fonts"]) rmSync(join(root, dir), { recursive: true, force: true });

const htmxDir = pinned("htmx.org", HTMX_VERSION);
mkdirSync(join(root, "static/vendor"), { recursive: true });
copyFileSync(join(htmxDir, "dist/htmx.min.js"), join(root, `static/vendor/htmx-${HTMX_VERSION}.min.js`));

const fontDir = join(pinned("@fontsource/sarabun", SARABUN_VERSION), "files");
const css = readFileSync(join(root, "static/css/app.css"), "utf8");
mkdirSync(join(root, "static", FONT_DIR), { recursive: true });
for (const subset of ["thai", "latin"]) {
  for (const weight of [400, 700]) {
    const file = `sarabun-${subset}-${weight}-normal.woff2`;
    // A version bump must move the CSS along, or it would point at fonts no longer copied.
    if (!css.includes(`url(${FONT_DIR}/${file})`)) throw new Error(`static/css/app.css does not load ${FONT_DIR}/${file}`);
    copyFileSync(join(fontDir, file), join(root, "static", FONT_DIR, file));
  }
}

writeFileSync(join(root, "static/_headers"), await staticHeadersFile());
console.log(`static: htmx ${HTMX_VERSION}, Sarabun ${SARABUN_VERSION} thai+latin 400/700, _headers`);
