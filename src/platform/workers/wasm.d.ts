/** wrangler (and vitest-pool-workers) bundle a `.wasm` import as a compiled module. */
declare module "*.wasm" {
  const compiled: WebAssembly.Module;
  export default compiled;
}
