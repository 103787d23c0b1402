/**
 * The GOV.UK timeout warning: shown by static/js/session-timeout.js five minutes
 * before the idle limit; when the time runs out the page parks what is typed and goes
 * to the signed-out page (routes/session.tsx). Without JavaScript the dialog is never opened.
 */
export function SessionTimeoutDialog() {
  return (
    <dialog id="session-timeout" class="session-timeout" data-timeout="/session/timeout" aria-labelledby="session-timeout-heading" aria-describedby="session-timeout-text">
      <h2 id="session-timeout-heading">ใกล้หมดเวลาการใช้งาน</h2>
      <p id="session-timeout-text" data-when-warned="">ท่านจะถูกออกจากระบบในอีก 5 นาที เนื่องจากไม่มีการใช้งาน</p>
      <p data-when-expired="" hidden>ท่านออกจากระบบแล้วเนื่องจากไม่มีการใช้งาน ข้อมูลที่กรอกไว้ยังอยู่ในหน้านี้ เมื่อกดบันทึก ระบบจะเก็บไว้ชั่วคราวให้ท่านเข้าสู่ระบบอีกครั้ง</p>
      <button type="button" class="button" data-keepalive="/session/keepalive">
        อยู่ในระบบต่อ
      </button>
    </dialog>
  );
}
