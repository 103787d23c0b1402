/**
 * @module
 * Static asset URLs and how long browsers may keep them. htmx and the Sarabun fonts are
 * copied from their pinned packages by scripts/build-static.ts into paths that carry the
 * package version: npm never republishes a version, so a versioned path is as good as a
 * content hash, and they are cached forever. Our own CSS and JS carry a hand-bumped `?v=`,
 * which a person can forget: browsers keep them an hour only.
 */
export const HTMX_VERSION = "4.0.1";
export const SARABUN_VERSION = "5.3.0";
export const FONT_DIR = `/fonts/sarabun-${SARABUN_VERSION}`;
export const ASSETS = {
  htmx: `/vendor/htmx-${HTMX_VERSION}.min.js`,
  css: "/css/app.css?v=4",
  /** Linked only by pages with a chart (src/routes/render.tsx), after app.css. */
  chartsCss: "/css/charts.css?v=1",
  fontThai: `${FONT_DIR}/sarabun-thai-400-normal.woff2`,
  counter: "/js/grapheme-counter.js?v=1",
  countdown: "/js/countdown.js?v=1",
  unsavedWarning: "/js/unsaved-warning.js?v=1",
  sessionTimeout: "/js/session-timeout.js?v=1",
} as const;

const FOREVER = "public, max-age=31536000, immutable";
const HOUR = "public, max-age=3600";
/** Cache-Control per static folder, for both hosts (Node's static routes, Workers' `_headers`). */
export const STATIC_CACHE: Readonly<Record<string, string>> = {
  "/vendor/": FOREVER,
  "/fonts/": FOREVER,
  "/css/": HOUR,
  "/js/": HOUR,
  "/img/": HOUR,
};
