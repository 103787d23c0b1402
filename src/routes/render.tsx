/**
 * @module
 * One URL, two representations: a plain htmx request gets just the fragment,
 * everything else (first load, boosted navigation, history restore) the whole page.
 */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { AppContext } from "../app-env";
import { Flash } from "../views/components/flash";
import { Layout, type PageScripts } from "../views/layout";

export function isFragmentRequest(c: AppContext): boolean {
  return (
    c.req.header("hx-request") === "true" &&
    c.req.header("hx-boosted") !== "true" &&
    c.req.header("hx-history-restore-request") !== "true" &&
    c.req.header("hx-request-type") !== "full"
  );
}

type Status = 200 | 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 503;

export interface PageOptions {
  title: string;
  status?: Status;
  hasErrors?: boolean;
}

export async function renderPage(c: AppContext, opts: PageOptions, body: Child): Promise<Response> {
  c.header("Vary", "HX-Request", { append: true });
  const status = opts.status ?? 200;
  if (isFragmentRequest(c)) {
    // A notice for this response (or one popped from the cookie) goes to the page's live region out of band.
    const flash = c.var.flash ? await String(<Flash message={c.var.flash} oob />) : "";
    return c.html(`${await String(body)}${flash}`, status);
  }
  const content = await String(body);
  const page = (
    <Layout
      title={opts.title}
      user={c.var.user ?? null}
      csrfToken={c.var.csrfToken ?? ""}
      flash={c.var.flash ?? null}
      hasErrors={opts.hasErrors}
      scripts={scriptsFor(content)}
    >
      {raw(content)}
    </Layout>
  );
  return c.html(`<!doctype html>${await page.toString()}`, status);
}

/**
 * Which enhancement scripts a page needs, from the markers they act on. Pages are
 * whole loads (nothing is boosted), and a fragment only ever replaces part of the
 * page that had the same markers, so the page's own content decides.
 */
export function scriptsFor(content: string): PageScripts {
  return {
    counter: content.includes("data-count-for="),
    countdown: content.includes("data-deadline="),
    unsavedWarning: content.includes("data-warn-unsaved"),
    // Every chart's root (figure or svg) has the class "chart": src/views/charts/.
    charts: /class="chart[ "]/.test(content),
  };
}

/**
 * After a successful POST: 303 for a plain form; for htmx an HX-Redirect so the
 * browser does a full navigation instead of swapping a whole page into a fragment.
 */
export function seeOther(c: AppContext, location: string): Response {
  if (c.req.header("hx-request") === "true") {
    // The same page with a #fragment would only scroll (no load, so no notice): reload it instead.
    if (samePage(c.req.header("hx-current-url"), location)) c.header("HX-Refresh", "true");
    else c.header("HX-Redirect", location);
    return c.body(null, 200);
  }
  return c.redirect(location, 303);
}

/** Whether `location` is the page at `current` (path and query), differing at most in its #fragment. */
function samePage(current: string | undefined, location: string): boolean {
  if (!current || !location.includes("#")) return false;
  try {
    const from = new URL(current);
    const to = new URL(location, from);
    return from.origin === to.origin && from.pathname === to.pathname && from.search === to.search;
  } catch {
    return false;
  }
}
