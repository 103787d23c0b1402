/**
 * @module
 * The one HostCrypto the process uses, installed once by the host's entry (src/node.ts,
 * src/worker.ts) and read by src/services/crypto.ts and pid-crypto.ts.
 *
 * A module-level choice rather than a field of AppDeps/UseCaseContext: these functions
 * are called from ~40 places that have no context to hand (cookie middleware, form
 * tokens, seeds, scripts), and they are pure functions whose implementations give
 * identical outputs, so the choice changes speed only, never behaviour or what is stored.
 * node:crypto is the default: both hosts have it (the Worker runs with nodejs_compat,
 * whose createHash/createHmac/hkdfSync/createCipheriv are synchronous, unlike
 * `crypto.subtle`), so an entry that installs nothing (a script) is still correct.
 */
import { nodeCrypto } from "./node/crypto";
import type { HostCrypto } from "./ports";

let current: HostCrypto = nodeCrypto;

export function hostCrypto(): HostCrypto {
  return current;
}

/** Called by a host's entry at start-up; returns the previous one (tests put it back). */
export function useHostCrypto(impl: HostCrypto): HostCrypto {
  const previous = current;
  current = impl;
  return previous;
}
