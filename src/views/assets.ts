/**
 * @module
 * Static asset URLs. htmx is copied from the pinned `htmx.org` package by
 * scripts/build-static.ts into a versioned file name, so it can be cached forever.
 */
export const HTMX_VERSION = "4.0.1";
export const ASSETS = {
  htmx: `/vendor/htmx-${HTMX_VERSION}.min.js`,
  css: "/css/app.css?v=1",
  fontThai: "/fonts/sarabun-thai-400-normal.woff2",
  counter: "/js/grapheme-counter.js?v=1",
  countdown: "/js/countdown.js?v=1",
  unsavedWarning: "/js/unsaved-warning.js?v=1",
  sessionTimeout: "/js/session-timeout.js?v=1",
} as const;
