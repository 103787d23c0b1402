/** "ติดต่อเรา": the help lines printed in the academic-position manual. */
export function ContactPage() {
  return (
    <section>
      <h1>ติดต่อเรา</h1>
      <ul class="link-list">
        <li>
          สอบถามข้อมูลการขอตำแหน่งหรือเอกสารอื่น ๆ: <a href="tel:026105321">0 2610 5321 - 25</a> หรือ{" "}
          <a href="tel:026105336">0 2610 5336 - 38</a>
        </li>
        <li>
          ปัญหาทางเทคนิคของระบบ: <a href="tel:023333700,7001">0 2333 3700 ต่อ 7001</a> หรือ{" "}
          <a href="tel:023333820">0 2333 3820</a>
        </li>
      </ul>
    </section>
  );
}
