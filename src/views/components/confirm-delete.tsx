/**
 * @module
 * Deleting asks first. With JavaScript, htmx asks with the browser's confirm
 * (hx-confirm) and posts; without it, the link opens a small page whose form
 * does the POST. Every delete in the app uses this pair.
 */

export interface DeleteLinkProps {
  /** The POST route that deletes. */
  action: string;
  /** The GET route of the confirmation page (the no-JS path). */
  confirmHref: string;
  /** What is deleted, for screen readers and the question ("ผลการทดสอบครั้งที่ 2"). */
  what: string;
}

export function deleteQuestion(what: string): string {
  return `ต้องการลบ${what}ใช่หรือไม่ ลบแล้วเรียกคืนไม่ได้`;
}

export function DeleteLink(props: DeleteLinkProps) {
  return (
    <a href={props.confirmHref} class="button-link delete-link" hx-post={props.action} hx-confirm={deleteQuestion(props.what)}>
      ลบ<span class="visually-hidden"> {props.what}</span>
    </a>
  );
}

export interface ConfirmDeletePageProps {
  action: string;
  backHref: string;
  what: string;
  csrfToken: string;
}

export function ConfirmDeletePage(props: ConfirmDeletePageProps) {
  return (
    <section class="narrow">
      <h1>ยืนยันการลบ</h1>
      <p>{deleteQuestion(props.what)}</p>
      <form method="post" action={props.action}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <button type="submit" class="button">
          ยืนยันการลบ
        </button>{" "}
        <a href={props.backHref}>ยกเลิก</a>
      </form>
    </section>
  );
}
