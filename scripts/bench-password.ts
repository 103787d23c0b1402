/**
 * @module
 * The CPU of one password verification (argon2id at today's cost) in workerd and
 * on Node, for `npm run bench`.
 *
 * workerd: the Workers host's code (src/platform/workers/password-kdf.ts) bundled
 * by esbuild with the WebAssembly kept as separate CompiledWasm modules, as
 * wrangler ships it, run by Miniflare's local workerd; the CPU is the workerd
 * process's user+system time from /proc before and after N verifications, after
 * one unmeasured request (compilation, instantiation). Deployed Workers bill CPU
 * the same way but on other hardware, so the figure is this machine's.
 * Node: the process's CPU (all threads, so including the argon2id thread) over N
 * verifications through the Node host's PasswordKdf.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { nodePasswordKdf } from "../src/platform/node";
import { hashPassword, verifyPassword } from "../src/services/password";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PASSWORD = "Bench#2567";

/** user+system CPU of a process in ms (Linux /proc; clock ticks are 100 Hz there). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function workerdChild(): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.split(") ")[1]!.split(" ")[1]);
      if (comm === "workerd" && ppid === process.pid) return Number(entry);
    } catch {
      // The process ended while listing.
    }
  }
  throw new Error("no workerd child process found");
}

async function workerdCpuPerVerify(hash: string, n: number): Promise<number> {
  const bundle = await build({
    entryPoints: [join(ROOT, "scripts/bench-password/verify-worker.ts")],
    bundle: true,
    format: "esm",
    write: false,
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    // workerd provides node:crypto under nodejs_compat, as for the Worker (wrangler.toml).
    external: ["node:*"],
    plugins: [
      {
        name: "wasm-modules",
        setup(b) {
          b.onResolve({ filter: /\.wasm$/ }, (args) => ({ path: `./${basename(args.path)}`, external: true }));
        },
      },
    ],
  });
  const wasm = (file: string) => ({
    type: "CompiledWasm" as const,
    path: join(ROOT, "bench-password", file),
    contents: readFileSync(join(ROOT, "node_modules/argon2id/dist", file)),
  });
  const mf = new Miniflare({
    compatibilityDate: "2026-04-01",
    compatibilityFlags: ["nodejs_compat"],
    modules: [
      { type: "ESModule", path: join(ROOT, "bench-password/worker.js"), contents: bundle.outputFiles[0]!.text },
      wasm("simd.wasm"),
      wasm("no-simd.wasm"),
    ],
  });
  try {
    const url = (count: number) => `http://bench/?${new URLSearchParams({ hash, password: PASSWORD, n: String(count) })}`;
    const warm = (await (await mf.dispatchFetch(url(1))).json()) as { ok: number };
    if (warm.ok !== 1) throw new Error("workerd did not verify the Node-made hash");
    const pid = workerdChild();
    const before = processCpuMs(pid);
    const run = (await (await mf.dispatchFetch(url(n))).json()) as { ok: number };
    const after = processCpuMs(pid);
    if (run.ok !== n) throw new Error("workerd refused a right password");
    return (after - before) / n;
  } finally {
    await mf.dispose();
  }
}

async function nodeCpuPerVerify(hash: string, n: number): Promise<number> {
  await verifyPassword(nodePasswordKdf, PASSWORD, hash);
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) if (!(await verifyPassword(nodePasswordKdf, PASSWORD, hash))) throw new Error("Node refused a right password");
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / n;
}

/** One line: the CPU of one argon2id verification in workerd and on Node. */
export async function passwordVerifyLine(n = 20): Promise<string> {
  const hash = await hashPassword(nodePasswordKdf, PASSWORD);
  const params = hash.split("$")[3];
  const workerd = await workerdCpuPerVerify(hash, n);
  const node = await nodeCpuPerVerify(hash, n);
  return `password verify (argon2id ${params}, mean of ${n}): workerd ${workerd.toFixed(1)} ms CPU, Node ${node.toFixed(1)} ms CPU`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await passwordVerifyLine());
