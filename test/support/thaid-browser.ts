/**
 * Driving the ThaiD simulator from tests without a real browser: a cookie-keeping
 * fetch loop that stops at the first redirect leaving the simulator.
 */
/** Where a chain of redirects ended: a page on the simulator, or a URL outside it (not fetched). */
export interface Landing {
  url: URL;
  status: number;
  html: string;
}

/**
 * A browser in miniature: follows redirects by hand within the simulator's origin, keeps cookies
 * (honouring Path and expiry), and stops at the first redirect that leaves the simulator.
 */
export class SimulatorBrowser {
  private cookies = new Map<string, { name: string; value: string; path: string }>();

  constructor(private origin: string) {}

  async open(target: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Landing> {
    let url = new URL(target, this.origin);
    let method = init.method ?? "GET";
    let body: URLSearchParams | undefined = init.form ? new URLSearchParams(init.form) : undefined;
    for (let hop = 0; hop < 10; hop++) {
      if (url.origin !== this.origin) return { url, status: 0, html: "" };
      const headers: Record<string, string> = {};
      const cookie = this.cookieHeader(url);
      if (cookie) headers.cookie = cookie;
      const res = await fetch(url, { method, headers, body, redirect: "manual" });
      this.store(setCookiesOf(res.headers));
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location) return { url, status: res.status, html: await res.text() };
      await res.body?.cancel();
      url = new URL(location, url);
      method = "GET";
      body = undefined;
    }
    throw new Error("too many redirects");
  }

  private cookieHeader(url: URL): string {
    return [...this.cookies.values()]
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }

  private store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = "", ...attrs] = line.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const attr = (key: string) => attrs.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attr("path") ?? "/";
      const expires = attr("expires");
      const key = `${name};${path}`;
      if (expires && Date.parse(expires) <= Date.now()) this.cookies.delete(key);
      else this.cookies.set(key, { name, value: pair.slice(eq + 1), path });
    }
  }
}

/** The form action of the login button for a citizen, read from the interaction page. */
export function loginAction(html: string, pid: string): string {
  const forms = html.match(/<form method="post" action="[^"]+\/login">[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((f) => f.includes(`name="pid" value="${pid}"`));
  if (!form) throw new Error(`no login form for ${pid}`);
  return /action="([^"]+)"/.exec(form)![1]!;
}


/** Every Set-Cookie line: Node's Headers has getSetCookie(), workerd's types name it getAll("set-cookie"). */
export function setCookiesOf(headers: Headers): string[] {
  const h = headers as Headers & { getSetCookie?: () => string[]; getAll?: (name: string) => string[] };
  return h.getSetCookie?.() ?? h.getAll?.("set-cookie") ?? [];
}
