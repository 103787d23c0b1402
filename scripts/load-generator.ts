/**
 * @module
 * The benchmark's load: N keep-alive connections, each sending the same request
 * again as soon as its answer is in. Unlike autocannon, the connections are
 * opened and warmed before timing starts and stay open into the measured
 * window, so the figures describe the app under steady load, not the kernel's
 * accept queue while 200 connections arrive at a saturated thread at once.
 *
 * It runs in a child process of the bench (the app's one thread is in the
 * parent) and tells the parent when the measured window opens and closes, so
 * the parent can read its own CPU time over exactly that window.
 */
import { connect, type Socket } from "node:net";

export interface LoadOptions {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

export interface LoadResult {
  /** Answers received inside the measured window. */
  done: number;
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  statuses: Record<number, number>;
  errors: number;
}

/** Messages from the child: the measured window opened, then its result. */
export type LoadMessage = { phase: "measuring" } | { phase: "measured" } | { phase: "done"; result: LoadResult } | { phase: "failed"; error: string };

function requestBytes(o: LoadOptions, host: string, path: string): Buffer {
  const body = o.body === undefined ? null : Buffer.from(o.body);
  const lines = [`${o.method} ${path} HTTP/1.1`, `host: ${host}`, "connection: keep-alive"];
  for (const [k, v] of Object.entries(o.headers)) lines.push(`${k}: ${v}`);
  if (body) lines.push(`content-length: ${body.length}`);
  const head = Buffer.from(`${lines.join("\r\n")}\r\n\r\n`);
  return body ? Buffer.concat([head, body]) : head;
}

/**
 * Finds where one HTTP/1.1 response ends in `buf` (Content-Length or chunked);
 * returns its status and length, or null while incomplete.
 */
function responseEnd(buf: Buffer): { status: number; length: number } | null {
  const headEnd = buf.indexOf("\r\n\r\n");
  if (headEnd < 0) return null;
  const head = buf.subarray(0, headEnd).toString("latin1");
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const end = headEnd + 4 + Number(length[1]);
    return buf.length >= end ? { status, length: end } : null;
  }
  if (!/\r\ntransfer-encoding:\s*chunked/i.test(head)) return { status, length: headEnd + 4 };
  let at = headEnd + 4;
  for (;;) {
    const lineEnd = buf.indexOf("\r\n", at);
    if (lineEnd < 0) return null;
    const size = parseInt(buf.subarray(at, lineEnd).toString("latin1"), 16);
    at = lineEnd + 2 + size + 2;
    if (buf.length < at) return null;
    if (size === 0) return { status, length: at };
  }
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]! : 0);

export async function runLoad(o: LoadOptions, onWindow: (phase: "measuring" | "measured") => void): Promise<LoadResult> {
  const url = new URL(o.url);
  const request = requestBytes(o, url.host, url.pathname + url.search);
  let measuring = false;
  let stopped = false;
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;

  /** One connection: send, wait for the whole answer, repeat; reconnect after an error or a close. */
  const worker = async () => {
    while (!stopped) {
      const socket: Socket = connect(Number(url.port), url.hostname);
      socket.setNoDelay(true);
      await new Promise<void>((resolve) => {
        let buf: Buffer = Buffer.alloc(0);
        let sentAt = 0;
        let countThis = false;
        const send = () => {
          if (stopped) return finish();
          sentAt = performance.now();
          countThis = measuring;
          socket.write(request);
        };
        const finish = () => {
          socket.destroy();
          resolve();
        };
        socket.on("connect", send);
        socket.on("data", (chunk: Buffer) => {
          buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
          const end = responseEnd(buf);
          if (!end) return;
          buf = buf.subarray(end.length);
          if (countThis && measuring) {
            latencies.push(performance.now() - sentAt);
            statuses[end.status] = (statuses[end.status] ?? 0) + 1;
          }
          send();
        });
        socket.on("error", () => {
          if (measuring) errors++;
          finish();
        });
        socket.on("close", finish);
      });
    }
  };

  // Connections open a few at a time during the warm-up, so none of them waits in the accept queue at the start of timing.
  const workers: Promise<void>[] = [];
  const rampMs = Math.min(1000, (o.warmupSeconds * 1000) / 2);
  for (let i = 0; i < o.connections; i++) {
    workers.push(worker());
    await new Promise((r) => setTimeout(r, rampMs / o.connections));
  }
  await new Promise((r) => setTimeout(r, o.warmupSeconds * 1000 - rampMs));
  measuring = true;
  onWindow("measuring");
  const start = performance.now();
  await new Promise((r) => setTimeout(r, o.seconds * 1000));
  measuring = false;
  onWindow("measured");
  const elapsed = (performance.now() - start) / 1000;
  stopped = true;
  await Promise.all(workers);
  latencies.sort((a, b) => a - b);
  return {
    done: latencies.length,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p975: percentile(latencies, 97.5),
    p99: percentile(latencies, 99),
    statuses,
    errors,
  };
}

/** The child's side: one load per message from the parent. */
export function serveLoads(): void {
  process.on("message", (o: LoadOptions) => {
    runLoad(o, (phase) => process.send!({ phase } satisfies LoadMessage)).then(
      (result) => process.send!({ phase: "done", result } satisfies LoadMessage),
      (error: unknown) => process.send!({ phase: "failed", error: String(error) } satisfies LoadMessage),
    );
  });
  process.on("disconnect", () => process.exit(0));
}
