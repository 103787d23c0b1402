export type ErrorKind = 400 | 403 | 404 | 429 | 500;

const TEXT: Record<ErrorKind, { title: string; body: string }> = {
  400: { title: "คำขอไม่ถูกต้อง", body: "ข้อมูลที่ส่งมาไม่ถูกต้อง กรุณาเริ่มใหม่อีกครั้ง" },
  403: { title: "ไม่มีสิทธิ์เข้าถึง", body: "บัญชีของท่านไม่มีสิทธิ์เข้าถึงหน้านี้" },
  404: { title: "ไม่พบหน้าที่ต้องการ", body: "ลิงก์อาจไม่ถูกต้อง หรือหน้านี้ถูกย้ายไปแล้ว" },
  429: { title: "ส่งคำขอบ่อยเกินไป", body: "กรุณารอสักครู่แล้วลองใหม่อีกครั้ง" },
  500: { title: "ระบบขัดข้อง", body: "ขออภัย เกิดข้อผิดพลาดภายในระบบ ข้อมูลที่บันทึกแล้วไม่สูญหาย กรุณาลองใหม่อีกครั้ง" },
};

export function errorTitle(kind: ErrorKind): string {
  return TEXT[kind].title;
}

/** Thai error pages; `detail` replaces the generic text when the cause is safe to tell. */
export function ErrorPage(props: { kind: ErrorKind; detail?: string }) {
  const t = TEXT[props.kind];
  return (
    <section class="narrow" id="error">
      <h1>{t.title}</h1>
      <p>{props.detail ?? t.body}</p>
      <p lang="en" class="secondary">
        Error {props.kind}
      </p>
      <p>
        <a href="/">กลับหน้าหลัก</a>
      </p>
    </section>
  );
}
