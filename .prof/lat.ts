// One keep-alive connection, sequential requests: latency per request through the real server.
import http from "node:http";
const url = new URL(process.argv[2]!); const cookie = process.argv[3] ?? "";
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const times: number[] = [];
for (let i = 0; i < 400; i++) {
  const t = performance.now();
  await new Promise<void>((r, j) => { http.get({ host: url.hostname, port: url.port, path: url.pathname, agent, headers: { cookie } }, (res) => { res.resume(); res.on("end", () => r()); }).on("error", j); });
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log("p50", times[200]!.toFixed(2), "p90", times[360]!.toFixed(2), "max", times[399]!.toFixed(2));
