/**
 * What a request gets when the database stayed busy past the retry deadline
 * (503, middleware/busy.tsx). A form's values are normally put back into its own
 * page; this page is the fallback that still keeps them: the same post, ready to send again.
 */
export const DB_BUSY_TITLE = "ระบบกำลังมีผู้ใช้งานมาก";
export const DB_BUSY_NOTICE = "ระบบกำลังมีผู้ใช้งานมาก กรุณาลองส่งอีกครั้ง";

export interface ResendForm {
  action: string;
  /** Every text value of the post, in order, including its CSRF and one-time tokens. */
  fields: [string, string][];
  /** Names typed but not carried (passwords, files): the user has to fill them in again. */
  dropped: boolean;
  backHref: string;
}

export function DatabaseBusyPage(props: { resend?: ResendForm; retryHref?: string }) {
  const r = props.resend;
  return (
    <section class="narrow" id="error">
      <h1>{DB_BUSY_TITLE}</h1>
      {r ? (
        r.dropped ? (
          <p>ข้อมูลยังไม่ได้บันทึก กรุณากลับไปกรอกแบบฟอร์มแล้วลองส่งอีกครั้งในอีกสักครู่</p>
        ) : (
          <form method="post" action={r.action}>
            <p>ข้อมูลยังไม่ได้บันทึก แต่ข้อมูลที่ท่านกรอกไว้ยังอยู่ครบ กรุณาลองส่งอีกครั้ง</p>
            {r.fields.map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            <button type="submit">ส่งอีกครั้ง</button>
          </form>
        )
      ) : (
        <p>กรุณาลองใหม่อีกครั้งในอีกสักครู่</p>
      )}
      <p lang="en" class="secondary">
        Error 503: the database is busy, please try again
      </p>
      <p>{r ? <a href={r.backHref}>กลับไปที่แบบฟอร์ม</a> : <a href={props.retryHref ?? "/"}>ลองอีกครั้ง</a>}</p>
    </section>
  );
}

/** The autosave status (htmx): the form stays on the screen with everything typed. */
export function DatabaseBusyNotice() {
  return <span class="field-error">{DB_BUSY_NOTICE}</span>;
}
