import setupWasm from "argon2id/lib/setup.js";
import noSimdWasm from "argon2id/dist/no-simd.wasm";
import simdWasm from "argon2id/dist/simd.wasm";
import type { Argon2Cost, PasswordKdf } from "../ports";
import { noblePbkdf2 } from "./pbkdf2";

/** workerd only instantiates modules compiled at bundle time, never bytes at run time. */
function fromModule(module: WebAssembly.Module) {
  return async (imports: WebAssembly.Imports) => ({ module, instance: await WebAssembly.instantiate(module, imports) });
}

/**
 * argon2id from openpgpjs' WebAssembly build (the `argon2id` package), the same
 * binary the Node host runs. One instance per isolate, made on first use: its
 * memory (65 MiB reserved by the binary, 19 MiB touched per hash) is allocated
 * once, and as the computation is synchronous, concurrent requests take turns.
 */
function wasmArgon2id(): PasswordKdf["argon2id"] {
  let ready: ReturnType<typeof setupWasm> | null = null;
  return async (password: string, salt: Uint8Array, cost: Argon2Cost, bytes: number) => {
    ready ??= setupWasm(fromModule(simdWasm), fromModule(noSimdWasm)).catch((error: unknown) => {
      ready = null;
      throw error;
    });
    const compute = await ready;
    return compute({
      password: new TextEncoder().encode(password),
      salt,
      memorySize: cost.memoryKiB,
      passes: cost.passes,
      parallelism: cost.parallelism,
      tagLength: bytes,
    });
  };
}

export const workersPasswordKdf: PasswordKdf = {
  argon2id: wasmArgon2id(),
  pbkdf2Sha256: noblePbkdf2,
};
