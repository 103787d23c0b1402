/**
 * A browser in miniature for the workers tests: requests through the Worker's own fetch
 * (as Cloudflare would call it), cookies kept, CSRF token read off the last page.
 */
import { createClient } from "@libsql/client/web";
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import worker, { type Env } from "../../src/worker";
import { setCookiesOf } from "../support/thaid-browser";

export const ORIGIN = "https://tidtam.test";
export const testEnv = env as unknown as Env & { TEST_COUNTED_DB_URL: string; TEST_MAIL_API_URL: string; THAID_ISSUER: string };
/** The test's own view of the database, beside the Worker's. */
export const db = createClient({ url: testEnv.TURSO_DATABASE_URL });

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export class WorkerBrowser {
  readonly cookies = new Map<string, string>();
  csrf = "";

  /** Signed in as `userId` by a session row written directly (password sign-in is tested in worker.test.ts). */
  static async signedInAs(userId: string): Promise<WorkerBrowser> {
    const token = `wk-${crypto.randomUUID().replace(/-/g, "")}`;
    const now = Date.now();
    await db.execute({
      sql: "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
      args: [await sha256Hex(token), userId, now, now, now + 3600_000],
    });
    const browser = new WorkerBrowser();
    browser.cookies.set("__Host-tidtam_s", token);
    return browser;
  }

  async fetch(path: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (init.method && init.method !== "GET") headers.origin = ORIGIN;
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(new URL(path, ORIGIN), { method: init.method ?? "GET", headers, body: init.body }), testEnv, ctx);
    await waitOnExecutionContext(ctx);
    for (const line of setCookiesOf(res.headers)) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (/max-age=0/i.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }

  /** GET a page, remembering its CSRF token; returns the response and its text. */
  async page(path: string): Promise<{ res: Response; html: string }> {
    const res = await this.fetch(path);
    const html = await res.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? this.csrf;
    return { res, html };
  }

  post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
    });
  }

  upload(path: string, file: File, field = "file"): Promise<Response> {
    const form = new FormData();
    form.set("_csrf", this.csrf);
    form.set(field, file);
    return this.fetch(path, { method: "POST", body: form, headers: { "x-csrf-token": this.csrf } });
  }
}
