import { STEPS } from "../../domain/onboarding/workflow";
import type { ReviewQueueRow } from "../../services/onboarding/service";
import { formatThaiDateTime } from "../../messages/dates";

/** Submitted steps waiting for an officer, oldest first, with how long they have waited. */
export function ReviewQueuePage(props: { rows: ReviewQueueRow[]; now: Date }) {
  return (
    <section>
      <h1>รอตรวจสอบ (e-Service)</h1>
      <p>
        <a href="/officer/onboarding">ภาพรวมการเชื่อมต่อ e-Service</a>: จำนวนในแต่ละขั้นตอน เวลาที่ใช้ การส่งกลับแก้ไข และรอบเปิดให้บริการถัดไป
      </p>
      {props.rows.length === 0 ? <p>ไม่มีงานรอตรวจสอบ</p> : null}
      <table class="request-table">
        <caption class="visually-hidden">ขั้นตอนที่รอตรวจสอบ</caption>
        <thead>
          <tr>
            <th scope="col">e-Service</th>
            <th scope="col">หน่วยงาน</th>
            <th scope="col">ขั้นตอน</th>
            <th scope="col">ส่งเมื่อ</th>
            <th scope="col">รอมาแล้ว</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => {
            const days = r.submittedAt ? Math.floor((props.now.getTime() - r.submittedAt.getTime()) / 86_400_000) : 0;
            return (
              <tr>
                <td data-label="e-Service">
                  <a href={`/eservices/${r.serviceId}/steps/${r.stepNo}`}>{r.serviceName}</a>
                </td>
                <td data-label="หน่วยงาน">{r.agencyName}</td>
                <td data-label="ขั้นตอน">
                  {r.stepNo}. {STEPS[r.stepNo - 1]!.th}
                </td>
                <td data-label="ส่งเมื่อ">{r.submittedAt ? formatThaiDateTime(r.submittedAt) : "-"}</td>
                <td data-label="รอมาแล้ว">{days} วัน</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
