import { QrCode } from "../components/qr-code";
import { formatThaiDateTime } from "../../messages/dates";
import { ThaidHelpLink } from "../components/thaid-help-link";

/** The applicant's way in on the sign-in page: this device, or scan with a phone. */
export function ThaidLoginOptions(props: { csrfToken: string; next?: string | null }) {
  return (
    <section class="card thaid-options" aria-labelledby="thaid-heading">
      <h2 id="thaid-heading">เจ้าของผลงาน เข้าสู่ระบบด้วย ThaiD</h2>
      <p class="secondary" lang="en">
        Applicants: sign in with the ThaiD app
      </p>
      <form method="post" action="/login/qr" class="inline-form">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <button type="submit" class="button">
          สแกน QR Code ด้วยโทรศัพท์
        </button>
      </form>
      <form method="post" action="/auth/thaid/start" class="inline-form">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <button type="submit" class="button button-secondary">
          เข้าสู่ระบบด้วย ThaiD บนอุปกรณ์นี้
        </button>
      </form>
      <ThaidHelpLink />
    </section>
  );
}

export interface QrPageProps {
  id: string;
  url: string;
  matchCode: string;
  secondsLeft: number;
  csrfToken: string;
}

/**
 * Screen 3: the QR to scan, the match code, and the status that polls every 2 s.
 * `notConfirmed`: the no-JS "continue" was pressed before the phone confirmed.
 */
export function QrLoginPage(props: QrPageProps & { notConfirmed?: boolean }) {
  return (
    <section class="narrow qr-login">
      <h1>เข้าสู่ระบบด้วย ThaiD</h1>
      {props.notConfirmed ? (
        <p class="warning" role="alert">
          ยังไม่ได้รับการยืนยันจากโทรศัพท์ กรุณาสแกน QR Code และยืนยันบนโทรศัพท์ให้เสร็จก่อน แล้วกด “สแกนและยืนยันแล้ว ดำเนินการต่อ” อีกครั้ง
        </p>
      ) : null}
      <ol class="steps">
        <li>เปิดแอปพลิเคชัน ThaiD บนโทรศัพท์ แล้วกดไอคอน “สแกน”</li>
        <li>สแกน QR Code นี้ภายในเวลาที่กำหนด</li>
        <li>ตรวจสอบว่ารหัสบนโทรศัพท์ตรงกับรหัสด้านล่าง แล้วยืนยัน</li>
      </ol>
      <QrStatus {...props} state="pending" />
      <ThaidHelpLink />
    </section>
  );
}

export type QrState = "pending" | "expired" | "declined" | "used";

const ENDED: Record<Exclude<QrState, "pending">, string> = {
  expired: "QR Code หมดอายุแล้ว กรุณาสร้าง QR Code ใหม่เพื่อสแกนอีกครั้ง",
  used: "QR Code นี้ถูกใช้เข้าสู่ระบบไปแล้ว หากต้องการเข้าสู่ระบบอีกครั้ง กรุณาสร้าง QR Code ใหม่",
  declined: "คำขอเข้าสู่ระบบถูกปฏิเสธบนโทรศัพท์",
};

/** A QR that can no longer sign anyone in, on a page of its own (heading included). */
export function QrEndedPage(props: QrPageProps & { state: QrState }) {
  return (
    <section class="narrow">
      <h1>เข้าสู่ระบบด้วย ThaiD</h1>
      <QrStatus {...props} />
    </section>
  );
}

/** The part of the QR page that changes: swapped by htmx on each poll. */
export function QrStatus(props: QrPageProps & { state: QrState }) {
  if (props.state !== "pending") {
    return (
      <div id="qr-status" class="qr-status qr-ended">
        <p class="qr-expired" role="status">
          {ENDED[props.state]}
        </p>
        <form method="post" action="/login/qr">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit" class="button" autofocus>
            สร้าง QR Code ใหม่
          </button>
        </form>
      </div>
    );
  }
  return (
    <div
      id="qr-status"
      class="qr-status"
      hx-post={`/login/qr/${props.id}/poll`}
      hx-trigger="every 2s"
      hx-swap="outerHTML"
    >
      <QrCode text={props.url} label="QR Code สำหรับสแกนด้วยแอปพลิเคชัน ThaiD" />
      <p class="match-code">
        รหัสตรวจสอบ <strong>{props.matchCode}</strong>
      </p>
      <p class="countdown">
        QR Code จะหมดอายุใน <span class="seconds">{props.secondsLeft}</span> วินาที
      </p>
      <form method="post" action={`/login/qr/${props.id}/poll`}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <button type="submit" class="button button-secondary">
          สแกนและยืนยันแล้ว ดำเนินการต่อ
        </button>
      </form>
    </div>
  );
}

export interface PhoneConsentProps {
  id: string;
  device: string;
  place: string | null;
  askedAt: Date;
  matchCode: string;
  csrfToken: string;
}

/**
 * What the phone sees after scanning: who asked, from where and when, the match
 * code, and "decline" as the default, with a warning about codes sent by chat.
 */
export function PhoneConsentPage(props: PhoneConsentProps) {
  return (
    <section class="narrow phone-consent">
      <h1>ยืนยันการเข้าสู่ระบบบนอุปกรณ์อื่น</h1>
      <p class="warning" role="note">
        <strong>ระวัง:</strong> อย่าสแกน QR Code ที่ได้รับทางแชต อีเมล หรือจากผู้อื่น หากท่านไม่ได้เปิดหน้าเข้าสู่ระบบนี้ด้วยตนเอง
        ให้กด “ปฏิเสธ”
      </p>
      <dl class="facts">
        <dt>อุปกรณ์ที่ขอเข้าสู่ระบบ</dt>
        <dd>{props.device}</dd>
        <dt>ตำแหน่งโดยประมาณ</dt>
        <dd>{props.place ?? "ไม่ทราบตำแหน่ง"}</dd>
        <dt>เวลาที่ขอ</dt>
        <dd>{formatThaiDateTime(props.askedAt)}</dd>
        <dt>รหัสตรวจสอบ</dt>
        <dd class="match-code">
          <strong>{props.matchCode}</strong> (ต้องตรงกับรหัสบนหน้าจอที่ท่านกำลังเข้าสู่ระบบ)
        </dd>
      </dl>
      <form method="post" action={`/q/${props.id}/decline`} class="inline-form">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <button type="submit" class="button" autofocus>
          ปฏิเสธ
        </button>
      </form>
      <form method="post" action={`/q/${props.id}/approve`} class="inline-form">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <button type="submit" class="button button-secondary">
          ใช่ ฉันเป็นผู้ขอ ดำเนินการต่อด้วย ThaiD
        </button>
      </form>
      <ThaidHelpLink />
    </section>
  );
}

export type PhoneOutcome = "approved" | "declined" | "gone";

/** The phone's last page: nothing more to do there. */
export function PhoneResultPage(props: { outcome: PhoneOutcome }) {
  const text = {
    approved: "ยืนยันตัวตนเรียบร้อยแล้ว กลับไปที่หน้าจอที่ท่านกำลังเข้าสู่ระบบได้เลย",
    declined: "ปฏิเสธคำขอเข้าสู่ระบบแล้ว อุปกรณ์อื่นจะไม่สามารถเข้าสู่ระบบด้วย QR Code นี้ได้",
    gone: "QR Code นี้หมดอายุหรือถูกใช้ไปแล้ว กรุณาสร้าง QR Code ใหม่บนหน้าจอที่ต้องการเข้าสู่ระบบ",
  }[props.outcome];
  return (
    <section class="narrow">
      <h1>{props.outcome === "approved" ? "สำเร็จ" : props.outcome === "declined" ? "ปฏิเสธแล้ว" : "QR Code ใช้ไม่ได้"}</h1>
      <p role="status">{text}</p>
    </section>
  );
}
