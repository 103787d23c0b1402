import type { Context } from "hono";

/**
 * Sets a header on a response a handler has already made, in place.
 *
 * Hono's `c.header()` after `next()` rebuilds the response around its body
 * (`new Response(res.body, res)`), which on the Node host turns the adapter's
 * lightweight response into a streamed one: a ReadableStream, a body read in
 * chunks and a slower write, on every signed-in page. The headers of a response
 * built with `new Response()` are mutable, so they are set where they are; only a
 * response with immutable headers (a `Response.redirect()` or a fetched one) takes
 * Hono's way.
 */
export function setFinishedHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}
