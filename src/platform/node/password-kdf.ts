import { Worker } from "node:worker_threads";
import type { Argon2Cost, PasswordKdf } from "../ports";

type Reply = { id: number; tag: Uint8Array } | { id: number; error: string };

/**
 * Node 20 has no argon2 in node:crypto, so it runs the same WebAssembly as Workers,
 * in one worker thread (argon2id-thread.mjs): a hash takes ~50-100 ms of CPU that
 * would otherwise stall every other request, and concurrent sign-ins queue for the
 * one instance instead of each allocating its 19 MiB.
 */
function argon2idThread(): PasswordKdf["argon2id"] {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve(tag: Uint8Array): void; reject(error: Error): void }>();

  function start(): Worker {
    const w = new Worker(new URL("./argon2id-thread.mjs", import.meta.url));
    w.unref();
    w.on("message", (reply: Reply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (!pending.size) w.unref();
      if ("error" in reply) waiting?.reject(new Error(`argon2id: ${reply.error}`));
      else waiting?.resolve(new Uint8Array(reply.tag));
    });
    const fail = (error: Error) => {
      if (worker !== w) return;
      worker = null;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    w.on("error", fail);
    w.on("exit", (code) => fail(new Error(`argon2id thread exited with code ${code}`)));
    return w;
  }

  return (password: string, salt: Uint8Array, cost: Argon2Cost, bytes: number) =>
    new Promise((resolve, reject) => {
      worker ??= start();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      // Held only while a hash is awaited, so an idle thread never keeps a script alive.
      worker.ref();
      worker.postMessage({
        id,
        params: {
          password: new TextEncoder().encode(password),
          salt,
          memorySize: cost.memoryKiB,
          passes: cost.passes,
          parallelism: cost.parallelism,
          tagLength: bytes,
        },
      });
    });
}

export const nodePasswordKdf: PasswordKdf = {
  argon2id: argon2idThread(),
  /** WebCrypto PBKDF2 runs natively off the main thread, at any iteration count. */
  async pbkdf2Sha256(password, salt, iterations, bytes) {
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
    const bits = await crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
      key,
      bytes * 8,
    );
    return new Uint8Array(bits);
  },
};
