/**
 * @module
 * argon2id from openpgpjs' WebAssembly build (the `argon2id` package), shared by
 * both hosts; each host only says how to instantiate the two binaries (Workers:
 * modules imported at bundle time, since workerd refuses to compile bytes at run
 * time; Node: the files read from node_modules).
 */
import setupWasm from "argon2id/lib/setup.js";
import type { Argon2Cost, PasswordKdf } from "./ports";

type Instantiate = Parameters<typeof setupWasm>[0];

const encoder = new TextEncoder();

/**
 * One instance per process or isolate, made on first use and reused: its memory
 * (65 MiB reserved by the binary, ~19 MiB touched per hash) is allocated once.
 * The computation is synchronous, so concurrent sign-ins take turns on it instead
 * of each allocating their own.
 */
export function wasmArgon2id(simd: Instantiate, noSimd: Instantiate): PasswordKdf["argon2id"] {
  let ready: ReturnType<typeof setupWasm> | null = null;
  return async (password: string, salt: Uint8Array, cost: Argon2Cost, bytes: number) => {
    ready ??= setupWasm(simd, noSimd).catch((error: unknown) => {
      ready = null;
      throw error;
    });
    const compute = await ready;
    return compute({
      password: encoder.encode(password),
      salt,
      memorySize: cost.memoryKiB,
      passes: cost.passes,
      parallelism: cost.parallelism,
      tagLength: bytes,
    });
  };
}
