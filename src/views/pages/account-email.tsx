/**
 * Following the link mailed to a new address. The page only asks: a GET changes
 * nothing, because mail scanners open links too.
 */
export function ConfirmEmailPage(props: { csrfToken: string; action: string; username: string | null; newEmail: string }) {
  return (
    <section class="narrow">
      <h1>ยืนยันอีเมลใหม่</h1>
      <p>
        เปลี่ยนอีเมลของบัญชี{props.username ? <strong> {props.username}</strong> : null} เป็น <strong>{props.newEmail}</strong>
      </p>
      <form method="post" action={props.action}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <button type="submit" class="button">
          ยืนยันการเปลี่ยนอีเมล
        </button>
      </form>
    </section>
  );
}
