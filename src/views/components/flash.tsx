/**
 * The notice of what the last action did, at the top of <main>. The live region
 * is always on the page (empty when there is nothing to say) so screen readers
 * announce a notice put into it, and so htmx can swap one in out of band.
 */
export function Flash(props: { message: string | null; oob?: boolean }) {
  return (
    <div id="flash-region" role="status" aria-live="polite" hx-swap-oob={props.oob ? "true" : undefined}>
      {props.message ? <div class="flash">{props.message}</div> : null}
    </div>
  );
}
