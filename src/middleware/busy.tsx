/**
 * @module
 * The answer when the database stayed busy past the retry deadline (db/busy.ts):
 * 503 with `Retry-After`, and nothing typed is lost. A plain form post gets its
 * own page back, rendered in this process with every value put in its fields (the
 * parked-forms mechanism, handed over without writing: the database is busy);
 * a page that takes no parked values gets a page that re-posts the same values.
 * htmx posts (autosave) get a short status; their form stays on the screen.
 */
import type { AppContext } from "../app-env";
import { BUSY_RETRY_AFTER_S } from "../db/busy";
import { renderPage } from "../routes/render";
import type { ParkedFields } from "../services/parked-forms";
import { DatabaseBusyNotice, DatabaseBusyPage, DB_BUSY_NOTICE, DB_BUSY_TITLE } from "../views/pages/database-busy";
import { handOverFields, isFormPost, pageOf } from "./parked-forms";

/** Never put back into a page's fields: tokens (the page renders its own) and secrets. */
const NOT_RESTORED = /^_csrf$|^_once$|pass|pin$|otp|secret/i;
/** Never written into the resend page: secrets, which would have to sit in its HTML. */
const NOT_RESENT = /pass|pin$|otp|secret/i;

type Fetch = (req: Request, env: unknown) => Response | Promise<Response>;

export async function answerDatabaseBusy(c: AppContext, fetch: Fetch): Promise<Response> {
  c.header("Retry-After", String(BUSY_RETRY_AFTER_S));
  c.header("Cache-Control", "no-store");
  const contentType = c.req.header("content-type") ?? "";
  const multipart = contentType.startsWith("multipart/form-data");
  if (!isFormPost(c.req.method, contentType) && !(c.req.method === "POST" && multipart)) {
    return renderPage(c, { title: DB_BUSY_TITLE, status: 503 }, <DatabaseBusyPage retryHref={c.req.path} />);
  }
  if (c.req.header("hx-request") === "true") return c.html(await String(<DatabaseBusyNotice />), 503);

  const body = await c.req.parseBody({ all: true });
  const posted: [string, string][] = [];
  let dropped = multipart;
  for (const [name, value] of Object.entries(body)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v !== "string" || NOT_RESENT.test(name)) dropped = true;
      else posted.push([name, v]);
    }
  }
  const page = pageOf(c);
  const rendered = c.var.user ? await renderFormPage(c, fetch, page, posted) : null;
  if (rendered) return rendered;
  const action = new URL(c.req.url).pathname + new URL(c.req.url).search;
  return renderPage(c, { title: DB_BUSY_TITLE, status: 503 }, <DatabaseBusyPage resend={{ action, fields: posted, dropped, backHref: page }} />);
}

/** The form's page with the posted values in its fields, or null when that page takes none. */
async function renderFormPage(c: AppContext, fetch: Fetch, page: string, posted: [string, string][]): Promise<Response | null> {
  const fields: ParkedFields = {};
  for (const [name, value] of posted) {
    if (NOT_RESTORED.test(name)) continue;
    const seen = fields[name];
    fields[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  const headers = new Headers();
  for (const name of ["cookie", "accept-language", "user-agent", "x-forwarded-for", "cf-connecting-ip"]) {
    const value = c.req.header(name);
    if (value) headers.set(name, value);
  }
  const request = new Request(new URL(page, c.req.url), { headers });
  const handed = handOverFields(request, fields, DB_BUSY_NOTICE);
  let res: Response;
  try {
    res = await fetch(request, c.env);
  } catch {
    return null;
  }
  if (res.status !== 200 || !handed.taken()) return null;
  const out = new Response(res.body, { status: 503, headers: res.headers });
  out.headers.set("Retry-After", String(BUSY_RETRY_AFTER_S));
  out.headers.set("Cache-Control", "no-store");
  return out;
}
