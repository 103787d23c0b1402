import noSimdWasm from "argon2id/dist/no-simd.wasm";
import simdWasm from "argon2id/dist/simd.wasm";
import { wasmArgon2id } from "../argon2id-wasm";
import type { PasswordKdf } from "../ports";
import { noblePbkdf2 } from "./pbkdf2";

/** workerd only instantiates modules compiled at bundle time, never bytes at run time. */
function fromModule(module: WebAssembly.Module) {
  return async (imports: WebAssembly.Imports) => ({ module, instance: await WebAssembly.instantiate(module, imports) });
}

export const workersPasswordKdf: PasswordKdf = {
  argon2id: wasmArgon2id(fromModule(simdWasm), fromModule(noSimdWasm)),
  pbkdf2Sha256: noblePbkdf2,
};
