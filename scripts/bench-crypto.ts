/**
 * µs per call of the hot hashing and national-ID paths, under each HostCrypto, on this
 * Node: `npm run bench:crypto`. Reports only; nothing asserts a time. The `noble` row is
 * the pure JS both hosts ran before node:crypto.
 */
import { useHostCrypto } from "../src/platform/host-crypto";
import { nodeCrypto } from "../src/platform/node/crypto";
import type { HostCrypto } from "../src/platform/ports";
import { nobleCrypto } from "../test/support/noble-crypto";
import { hmacSha256, sha256Hex } from "../src/services/crypto";
import { decryptPid, encryptPid, pidKeys, pidLookupHash } from "../src/services/pid-crypto";

const DATA_KEY = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i)));
const TOKEN = "Jx3Qm0v8Zb2r9YtLw4Kc1NfHs7Ua";

/** The best of five passes: the machine is shared, and noise only ever adds time. */
async function microseconds(run: () => Promise<unknown>, rounds = 10_000): Promise<number> {
  for (let i = 0; i < 2_000; i++) await run();
  let best = Infinity;
  for (let pass = 0; pass < 5; pass++) {
    const start = performance.now();
    for (let i = 0; i < rounds; i++) await run();
    best = Math.min(best, ((performance.now() - start) * 1000) / rounds);
  }
  return best;
}

const keys = await pidKeys(DATA_KEY);
const stored = await encryptPid(keys, "1101700230368");
const rows: Record<string, Record<string, string>> = {};
for (const impl of [nobleCrypto, nodeCrypto, nobleCrypto, nodeCrypto] satisfies HostCrypto[]) {
  useHostCrypto(impl);
  const row = {
    "sha256Hex (session token)": await microseconds(() => sha256Hex(TOKEN)),
    "hmacSha256 (CSRF)": await microseconds(() => hmacSha256("session-secret-0123456789abcdef", `csrf:${TOKEN}`)),
    "pidLookupHash": await microseconds(() => pidLookupHash(keys, "1101700230368")),
    "decryptPid": await microseconds(() => decryptPid(keys, stored)),
    "encryptPid": await microseconds(() => encryptPid(keys, "1101700230368")),
  };
  // The second pass of each, once the JIT has settled, is the one reported.
  rows[impl.name] = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, `${v.toFixed(2)} µs`]));
}
console.log(`Node ${process.version}`);
console.table(rows);
