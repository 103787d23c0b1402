/**
 * @module
 * The public processing times: per position, how long the requests finished in
 * the last 12 months took from submission to the end. No per-university figure,
 * and nothing for a group too small to publish.
 */
import { POSITIONS } from "../../domain/academic";
import { MIN_PUBLISHED_GROUP } from "../../domain/insight";
import { formatCount } from "../../messages/numbers";
import { formatThaiDateTime, isoDateTime } from "../../messages/dates";
import type { ProcessingTimes } from "../../services/insight-academic";


export function ProcessingTimesPage(props: { times: ProcessingTimes }) {
  const { computedAt, positions } = props.times;
  return (
    <section>
      <h1>ระยะเวลาดำเนินการคำขอตำแหน่งทางวิชาการ</h1>
      <p>
        นับจากวันที่มหาวิทยาลัยยื่นคำขอจนถึงวันที่ดำเนินการสิ้นสุด ของคำขอที่สิ้นสุดในช่วง 12 เดือนล่าสุด เป็นข้อมูลจากคำขอจริง ไม่ใช่การรับประกันระยะเวลา
      </p>
      <ul class="cards times-cards">
        {positions.map((p) => (
          <li class="card">
            <h2>{POSITIONS[p.position].th}</h2>
            {p.summary ? (
              <>
                <p class="stat">
                  <span class="stat-value">80% ของคำขอเสร็จภายใน {formatCount(p.summary.p80Days)} วัน</span>
                </p>
                <p>ครึ่งหนึ่งของคำขอเสร็จภายใน {formatCount(p.summary.medianDays)} วัน (มัธยฐาน)</p>
                <p class="secondary">จากคำขอที่สิ้นสุดแล้ว {formatCount(p.summary.count)} คำขอ</p>
              </>
            ) : (
              <p>ข้อมูลยังไม่พอ (ต้องมีคำขอที่สิ้นสุดแล้วอย่างน้อย {MIN_PUBLISHED_GROUP} คำขอ)</p>
            )}
          </li>
        ))}
      </ul>
      <p class="secondary">
        ข้อมูล ณ <time datetime={isoDateTime(computedAt)}>{formatThaiDateTime(computedAt)}</time> · ตัวเลขปรับใหม่อย่างน้อยทุก 1 ชั่วโมง
      </p>
    </section>
  );
}
