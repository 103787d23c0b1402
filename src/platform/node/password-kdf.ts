import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { wasmArgon2id } from "../argon2id-wasm";
import type { PasswordKdf } from "../ports";

const require = createRequire(import.meta.url);

/** Node 20 has no argon2 in node:crypto, so it runs the same WebAssembly as Workers, read from the package. */
function fromFile(file: string) {
  return (imports: WebAssembly.Imports) => WebAssembly.instantiate(readFileSync(require.resolve(`argon2id/dist/${file}`)), imports);
}

export const nodePasswordKdf: PasswordKdf = {
  argon2id: wasmArgon2id(fromFile("simd.wasm"), fromFile("no-simd.wasm")),
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
