/**
 * @module
 * hono/jsx renders inside an `AsyncLocalStorage` when it finds one, so that
 * `useContext` keeps a provided value across `await` in async components. On Node 20
 * the first `AsyncLocalStorage.run` installs async hooks that then run for every
 * promise of the process, database reads and socket writes included: measured on
 * the Node host, ~20% of the CPU of `/healthz` and ~10% of a signed-in page. tidtam
 * renders no context at all (views are dumb: props in, markup out; a test keeps it
 * so), so the Node host lets hono/jsx settle on its storage-less path before the
 * first render. Workers is left as it is: there `AsyncLocalStorage` is not built on
 * promise hooks.
 */
import { jsx } from "hono/jsx";

/** Call before anything renders; once hono/jsx has looked for the storage it keeps what it found. */
export function renderWithoutAsyncContext(): void {
  const host = process as { getBuiltinModule?: unknown; mainModule?: unknown };
  const { getBuiltinModule, mainModule } = host;
  // hono/jsx looks for node:async_hooks through these two, once, on its first render.
  host.getBuiltinModule = undefined;
  host.mainModule = undefined;
  try {
    String(jsx("i", {}));
  } finally {
    host.getBuiltinModule = getBuiltinModule;
    host.mainModule = mainModule;
  }
}
