/** A one-time notice after a redirect; announced politely to screen readers. */
export function Flash(props: { message: string | null }) {
  if (!props.message) return null;
  return (
    <div class="flash" role="status">
      {props.message}
    </div>
  );
}
