/** The answer to a form posted after the session expired: its fields were parked (middleware/parked-forms.tsx). */
export function SessionExpiredParkedPage(props: { loginHref: string }) {
  return (
    <section>
      <h1>หมดเวลาการใช้งาน</h1>
      <p>ข้อมูลที่ท่านกรอกไว้ถูกเก็บไว้ชั่วคราวแล้ว กรุณาเข้าสู่ระบบอีกครั้ง</p>
      <p class="hint">ข้อมูลจะถูกเก็บไว้ 2 ชั่วโมง และจะแสดงเฉพาะเมื่อท่านเข้าสู่ระบบด้วยบัญชีเดิม</p>
      <p>
        <a class="button" href={props.loginHref}>
          เข้าสู่ระบบ
        </a>
      </p>
    </section>
  );
}

/** The same, as the autosave status: the form stays on the screen. */
export function SessionExpiredNotice(props: { loginHref: string }) {
  return (
    <span class="field-error">
      หมดเวลาการใช้งาน ข้อมูลที่ท่านกรอกไว้ถูกเก็บไว้ชั่วคราวแล้ว กรุณา<a href={props.loginHref}>เข้าสู่ระบบอีกครั้ง</a>
    </span>
  );
}

/** Where the page goes when the timeout warning's countdown runs out (static/js/session-timeout.js). */
export function SignedOutPage(props: { loginHref: string; parked: boolean }) {
  return (
    <section>
      <h1>ออกจากระบบแล้วเนื่องจากไม่มีการใช้งาน</h1>
      <p lang="en" class="hint">
        You have been signed out because you were inactive.
      </p>
      {props.parked ? (
        <>
          <p>ข้อมูลที่ท่านกรอกไว้และยังไม่ได้บันทึกถูกเก็บไว้ชั่วคราวแล้ว เมื่อเข้าสู่ระบบอีกครั้งจะกลับไปยังแบบฟอร์มพร้อมข้อมูลเดิม</p>
          <p class="hint">ข้อมูลจะถูกเก็บไว้ 2 ชั่วโมง และจะแสดงเฉพาะเมื่อท่านเข้าสู่ระบบด้วยบัญชีเดิมในเบราว์เซอร์นี้</p>
        </>
      ) : (
        <p>ข้อมูลที่บันทึกไว้แล้วยังอยู่ครบ กรุณาเข้าสู่ระบบอีกครั้งเพื่อใช้งานต่อ</p>
      )}
      <p>
        <a class="button" href={props.loginHref}>
          เข้าสู่ระบบอีกครั้ง
        </a>
      </p>
    </section>
  );
}
