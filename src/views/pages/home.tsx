/** The public front page: what tidtam is and where to sign in. */
export function HomePage() {
  return (
    <section>
      <h1>ติดตามสถานะงานราชการ</h1>
      <p class="lead">
        ติดตามคำขอตำแหน่งทางวิชาการ และสถานะการเชื่อมต่อ e-Service ได้ด้วยตนเอง ทุกขั้นตอน ทุกอุปกรณ์
      </p>
      <p lang="en" class="secondary">Track academic-position requests and e-Service onboarding, step by step.</p>
      <p>
        <a class="button" href="/login">
          เข้าสู่ระบบ
        </a>
      </p>
      <p>
        <a href="/processing-times">ระยะเวลาดำเนินการคำขอตำแหน่งทางวิชาการ</a>: 80% ของคำขอเสร็จภายในกี่วัน จากคำขอจริงใน 12 เดือนล่าสุด
      </p>
    </section>
  );
}
