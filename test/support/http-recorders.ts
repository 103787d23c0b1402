/**
 * Loopback HTTP servers the workers tests talk to from inside workerd, with a small
 * control API under `/__` (never counted or recorded) so a test can read what arrived:
 * - a mail API stand-in that records every request and answers 200 (or the status a
 *   path asks for: `/fail-503/...`);
 * - a counting proxy in front of the Hrana harness: each request through it is one
 *   subrequest the Worker made to its database.
 */
import http from "node:http";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Recorder {
  url: string;
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`));
  });
}

function closer(server: http.Server) {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

const json = (res: http.ServerResponse, body: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));

/** `GET /__requests?prefix=/x` lists what arrived under /x; `POST /__reset?prefix=/x` forgets it. */
export async function startMailRecorder(): Promise<Recorder> {
  let recorded: RecordedRequest[] = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const prefix = url.searchParams.get("prefix") ?? "/";
    if (url.pathname === "/__requests") return json(res, recorded.filter((r) => r.path.startsWith(prefix)));
    if (url.pathname === "/__reset") {
      recorded = recorded.filter((r) => !r.path.startsWith(prefix));
      return json(res, { ok: true });
    }
    const body = (await readBody(req)).toString("utf8");
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    recorded.push({ method: req.method ?? "", path: url.pathname, headers, body });
    const status = Number(/^\/fail-(\d{3})\//.exec(url.pathname)?.[1] ?? 200);
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(status === 200 ? { id: `sent-${recorded.length}` } : { message: "refused" }));
  });
  return { url: await listen(server), close: closer(server) };
}

/** Forwards everything to `target`; `GET /__count` says how many requests passed, `POST /__reset` zeroes it. */
export async function startCountingProxy(target: string): Promise<Recorder> {
  let count = 0;
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/__count") return json(res, { count });
    if (url.pathname === "/__reset") {
      count = 0;
      return json(res, { ok: true });
    }
    count++;
    const body = await readBody(req);
    const upstream = await fetch(new URL(req.url ?? "/", target), {
      method: req.method,
      headers: { "content-type": req.headers["content-type"] ?? "application/json" },
      body: req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(body),
    });
    const headers: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (k !== "content-length" && k !== "transfer-encoding" && k !== "content-encoding") headers[k] = v;
    });
    res.writeHead(upstream.status, headers).end(Buffer.from(await upstream.arrayBuffer()));
  });
  return { url: await listen(server), close: closer(server) };
}
