/**
 * @module
 * "ยังไม่มีแอป ThaiD?": the manual's chapters on installing, registering and using
 * the ThaiD app, then signing in here with it, as numbered text steps a phone can
 * read without pictures. Thai first, a short English line after each heading.
 */

/**
 * The official ThaiD app of the Department of Provincial Administration (กรมการปกครอง).
 * The manual only says to search "ThaiD" in the store, so the pages are linked too.
 */
export const THAID_STORE_LINKS = {
  appStore: "https://apps.apple.com/th/app/thaid/id1563846206",
  googlePlay: "https://play.google.com/store/apps/details?id=th.go.dopa.bora.dims.thaid",
} as const;

function Heading(props: { id: string; th: string; en: string }) {
  return (
    <>
      <h2 id={props.id}>{props.th}</h2>
      <p class="secondary" lang="en">
        {props.en}
      </p>
    </>
  );
}

export function HelpThaidPage() {
  return (
    <article class="narrow help-page">
      <h1>วิธีติดตั้งและลงทะเบียนแอป ThaiD</h1>
      <p class="secondary" lang="en">
        How to install and register the ThaiD app, then sign in to tidtam
      </p>
      <p>
        เจ้าของผลงานเข้าสู่ระบบติดตามด้วยแอปพลิเคชัน ThaiD ของกรมการปกครอง ซึ่งใช้ได้ทั้งโทรศัพท์ Android และ iOS
        ทำตามขั้นตอนด้านล่างครั้งเดียว แล้วใช้แอปเข้าสู่ระบบได้ทุกครั้ง
      </p>
      <nav aria-label="ขั้นตอนในหน้านี้">
        <ol>
          <li>
            <a href="#install">ติดตั้งแอป ThaiD</a>
          </li>
          <li>
            <a href="#register">ลงทะเบียนแอป ThaiD</a>
          </li>
          <li>
            <a href="#enable">เปิดใช้งานแอป</a>
          </li>
          <li>
            <a href="#sign-in">เข้าสู่ระบบติดตามด้วย ThaiD</a>
          </li>
        </ol>
      </nav>

      <section aria-labelledby="install">
        <Heading id="install" th="1. ติดตั้งแอป ThaiD" en="1. Install the ThaiD app" />
        <ol class="steps">
          <li>
            เปิด App Store (iPhone, iPad) หรือ Google Play Store (Android) แล้วค้นหา “ThaiD” หรือกดลิงก์ของร้านค้าด้านล่าง
          </li>
          <li>เลือกแอป ThaiD ของกรมการปกครอง แล้วกด “Get” หรือ “ติดตั้ง” เพื่อดาวน์โหลด</li>
          <li>เมื่อติดตั้งเสร็จ กด “Open” หรือแตะไอคอน ThaiD บนหน้าจอโทรศัพท์</li>
        </ol>
        <ul class="link-list store-links">
          <li>
            <a href={THAID_STORE_LINKS.appStore} rel="noopener noreferrer">
              ThaiD ใน App Store (iOS)
            </a>
          </li>
          <li>
            <a href={THAID_STORE_LINKS.googlePlay} rel="noopener noreferrer">
              ThaiD ใน Google Play (Android)
            </a>
          </li>
        </ul>
        <p class="hint">ตรวจสอบว่าผู้พัฒนาคือกรมการปกครอง (Department of Provincial Administration) ก่อนติดตั้ง</p>
      </section>

      <section aria-labelledby="register">
        <Heading id="register" th="2. ลงทะเบียนแอป ThaiD" en="2. Register: by yourself in the app, or at a district office" />
        <p>ลงทะเบียนได้ 2 วิธี เลือกวิธีใดวิธีหนึ่ง</p>
        <ul>
          <li>
            <strong>ลงทะเบียนด้วยตนเองในแอป</strong> ต้องมีบัตรประจำตัวประชาชนตัวจริงและกล้องโทรศัพท์
          </li>
          <li>
            <strong>ลงทะเบียนที่ที่ว่าการอำเภอหรือสำนักงานเขต</strong> นำบัตรประจำตัวประชาชนไปด้วย
            เจ้าหน้าที่จะยืนยันตัวตนให้ แล้วสแกน QR Code ที่เจ้าหน้าที่แสดงด้วยแอป
          </li>
        </ul>
        <p>ขั้นตอนลงทะเบียนด้วยตนเอง:</p>
        <ol class="steps">
          <li>เปิดแอป ThaiD เลือก “ลงทะเบียนด้วยตนเอง”</li>
          <li>ยอมรับข้อตกลงและเงื่อนไขการใช้บริการ</li>
          <li>ถ่ายรูปหน้าบัตรประจำตัวประชาชน ตรวจสอบว่าชัดเจน แล้วกดยืนยัน (หรือถ่ายใหม่)</li>
          <li>ถ่ายรูปหลังบัตรประจำตัวประชาชน ตรวจสอบว่าชัดเจน แล้วกดยืนยัน (หรือถ่ายใหม่)</li>
          <li>ตรวจสอบข้อมูลบัตรประจำตัวประชาชน หากถูกต้องให้กดยืนยัน</li>
          <li>ถ่ายรูปใบหน้าของตนเอง</li>
          <li>
            ตั้งรหัสผ่านให้เหมือนกัน 2 ครั้ง รหัสผ่านต้องไม่เป็นตัวเลขเรียงกันหรือซ้ำกันเกิน 4 ตัว (เช่น 1234 หรือ 1111 ใช้ไม่ได้)
          </li>
        </ol>
      </section>

      <section aria-labelledby="enable">
        <Heading id="enable" th="3. เปิดใช้งานแอป" en="3. Enable the app" />
        <ol class="steps">
          <li>แอปจะขอความยินยอม ให้กรอกรหัสผ่านอีกครั้งเพื่อเข้าใช้งานครั้งแรก</li>
          <li>เมื่อลงทะเบียนเสร็จ หน้าจอจะแสดงรูปบัตรประจำตัวประชาชนของท่าน</li>
          <li>ในเมนูตั้งค่าของแอป เปลี่ยนรหัสผ่าน เปิดการแจ้งเตือน หรือเปิดการเข้าใช้ด้วยลายนิ้วมือหรือใบหน้าได้</li>
        </ol>
      </section>

      <section aria-labelledby="sign-in">
        <Heading id="sign-in" th="4. เข้าสู่ระบบติดตามด้วย ThaiD" en="4. Sign in to tidtam by scanning the QR code" />
        <ol class="steps">
          <li>
            บนคอมพิวเตอร์ เปิดหน้า <a href="/login">เข้าสู่ระบบ</a> แล้วกด “สแกน QR Code ด้วยโทรศัพท์”
          </li>
          <li>บนโทรศัพท์ เปิดแอป ThaiD กรอกรหัสผ่าน แล้วกดไอคอน “สแกน”</li>
          <li>สแกน QR Code บนหน้าจอคอมพิวเตอร์ภายในเวลาที่กำหนด หาก QR Code หมดอายุ ให้กด “สร้าง QR Code ใหม่”</li>
          <li>ตรวจสอบว่ารหัสตรวจสอบบนโทรศัพท์ตรงกับบนหน้าจอคอมพิวเตอร์ แล้วยืนยัน</li>
          <li>ระบบจะแสดงหน้า “คำขอของฉัน” ที่มีคำขอซึ่งมหาวิทยาลัยกรอกเลขประจำตัวประชาชนของท่านไว้</li>
        </ol>
        <p>
          ใช้งานบนโทรศัพท์เครื่องเดียว: ในหน้าเข้าสู่ระบบ กด “เข้าสู่ระบบด้วย ThaiD บนอุปกรณ์นี้” แล้วยืนยันในแอป ThaiD
        </p>
        <p>
          ได้รับลิงก์ติดตามคำขอจากเจ้าหน้าที่: เปิดลิงก์นั้น ระบบจะให้เข้าสู่ระบบด้วย ThaiD ก่อน แล้วแสดงคำขอของท่าน
        </p>
      </section>

      <p>
        มีปัญหาการใช้งาน? <a href="/contact">ติดต่อเรา</a>
      </p>
    </article>
  );
}
