// The Node host's argon2id runs here, off the event loop: one thread, one
// WebAssembly instance whose memory is reused, hashes computed one after another.
// Plain JavaScript so the thread starts the same under tsx, vitest and node.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parentPort } from "node:worker_threads";
import setupWasm from "argon2id/lib/setup.js";

const require = createRequire(import.meta.url);
const fromFile = (file) => (imports) => WebAssembly.instantiate(readFileSync(require.resolve(`argon2id/dist/${file}`)), imports);
const compute = await setupWasm(fromFile("simd.wasm"), fromFile("no-simd.wasm"));

parentPort.on("message", ({ id, params }) => {
  try {
    const tag = compute(params);
    parentPort.postMessage({ id, tag }, [tag.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
